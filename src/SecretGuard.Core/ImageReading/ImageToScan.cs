namespace SecretGuard.ImageReading;

/// <summary>One image as the SDK produced it: its manifest, config, and where its layers are.</summary>
/// <param name="Name">How messages name it, e.g. the manifest digest or "linux-x64".</param>
internal sealed record ImageToScan(string Name, ImageManifest Manifest, ImageConfig Config, IBlobSource Blobs);
