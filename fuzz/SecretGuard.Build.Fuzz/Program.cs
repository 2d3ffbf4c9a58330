using SecretGuard.Fuzzing;
using SharpFuzz;

// The fuzz driver: scripts/fuzz.sh builds it, instruments the task assembly with SharpFuzz and runs it
// under afl-fuzz. Without afl it runs each input once (repro), so a crash file can be replayed by hand.
var fixtures = Path.Combine(FindRepository(), "tests", "SecretGuard.Build.Tests", "Detection", "Fixtures");
switch (args)
{
    case ["list"]:
        foreach (var target in FuzzTargets.All)
        {
            Console.WriteLine($"{target.Name,-10} {target.Reader}; documented failures: {target.Contract}");
        }

        return 0;

    case ["--write-seeds", var directory, .. var names]:
        foreach (var target in FuzzTargets.All.Where(t => names.Length == 0 || names.Contains(t.Name)))
        {
            var folder = Path.Combine(directory, target.Name);
            Directory.CreateDirectory(folder);
            foreach (var (name, data) in SeedInputs.For(target.Name, fixtures))
            {
                File.WriteAllBytes(Path.Combine(folder, name), data);
                // A seed must pass its own target: one that does not is a broken seed, not a finding.
                if (target.RunChecked(data) is { } failure)
                {
                    Console.Error.WriteLine($"note: seed {target.Name}/{name} is rejected by the reader: {failure.GetType().Name}: {failure.Message}");
                }
            }

            Console.WriteLine($"{target.Name}: {Directory.GetFiles(folder).Length} seeds in {folder}");
        }

        return 0;

    case ["run", var name] when FuzzTargets.Find(name) is { } target:
        // Nothing of the task assembly may run before this call: its instrumented code needs afl's shared memory.
        Fuzzer.OutOfProcess.Run(stream =>
        {
            using var buffer = new MemoryStream();
            stream.CopyTo(buffer);
            target.RunChecked(buffer.ToArray()); // a documented failure returns; anything else is a crash
        });
        return 0;

    case ["repro", var name, .. var files] when FuzzTargets.Find(name) is { } target:
        var crashes = 0;
        foreach (var file in files)
        {
            var started = System.Diagnostics.Stopwatch.StartNew();
            try
            {
                var failure = target.RunChecked(File.ReadAllBytes(file));
                Console.WriteLine($"{file}: ok ({(failure is null ? "read" : failure.GetType().Name + ": " + failure.Message)}) in {started.ElapsedMilliseconds} ms");
            }
            catch (Exception ex)
            {
                crashes++;
                Console.WriteLine($"{file}: CRASH after {started.ElapsedMilliseconds} ms: {ex.GetType().FullName}: {ex.Message}");
                Console.WriteLine(string.Join('\n', (ex.StackTrace ?? "").Split('\n').Take(12)));
            }
        }

        return crashes == 0 ? 0 : 1;

    default:
        Console.Error.WriteLine("usage: SecretGuard.Build.Fuzz list | --write-seeds DIR [TARGET...] | run TARGET | repro TARGET FILE...");
        return 2;
}

static string FindRepository()
{
    for (var directory = AppContext.BaseDirectory; directory is not null; directory = Path.GetDirectoryName(directory))
    {
        if (File.Exists(Path.Combine(directory, "SecretGuard.Build.sln")))
        {
            return directory;
        }
    }

    return Directory.GetCurrentDirectory();
}
