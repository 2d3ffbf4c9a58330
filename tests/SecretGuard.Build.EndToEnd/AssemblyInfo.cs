// Publishes share the SDK's content store and two cores; running them one at a time keeps timings honest.
[assembly: DoNotParallelize]
