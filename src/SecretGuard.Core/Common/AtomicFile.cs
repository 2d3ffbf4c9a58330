namespace SecretGuard.Common;

/// <summary>Files written beside their target and renamed over it: a reader sees the old file or the new one, never half of one.</summary>
internal static class AtomicFile
{
    /// <param name="write">Writes the content; the stream is closed after it.</param>
    /// <exception cref="IOException">The folder cannot be written (the temporary file is not left behind).</exception>
    /// <exception cref="UnauthorizedAccessException">Likewise.</exception>
    public static void Write(string path, Action<Stream> write)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(path))!;
        Directory.CreateDirectory(directory);
        var temporary = Path.Combine(directory, "." + Path.GetFileName(path) + "." + Guid.NewGuid().ToString("N")[..8] + ".tmp");
        try
        {
            using (var stream = File.Create(temporary))
            {
                write(stream);
            }

            for (var attempt = 1; ; attempt++)
            {
                try
                {
                    File.Move(temporary, path, overwrite: true);
                    return;
                }
                catch (Exception ex) when (ex is IOException or UnauthorizedAccessException && OperatingSystem.IsWindows() && attempt < 40)
                {
                    Thread.Sleep(50); // Windows refuses to replace a file a reader has open: wait for it
                }
            }
        }
        catch
        {
            TryDelete(temporary);
            throw;
        }
    }

    public static void Write(string path, string text) =>
        Write(path, stream =>
        {
            using var writer = new StreamWriter(stream, new System.Text.UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
            writer.Write(text);
        });

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
        }
    }
}
