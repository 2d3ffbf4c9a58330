using System.Diagnostics;
using System.Text;

namespace SecretGuard.ImageReading.Local;

/// <summary>
/// An image of the local Docker Engine or podman, read through the engine's own export (<c>docker save</c>,
/// <c>podman save</c>) as a stream: nothing is written to disk. Each read runs the export anew.
/// </summary>
internal static class ContainerEngineExport
{
    /// <summary>What an engine's error output may add to a message.</summary>
    private const int MaxErrorChars = 2000;

    /// <param name="engine">"docker" or "podman" (the program run).</param>
    public static ImageArchive Of(string engine, string image) => new(() => Start(engine, image), $"{engine} image {image}");

    private static Stream Start(string engine, string image)
    {
        var psi = new ProcessStartInfo(engine)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        psi.ArgumentList.Add("save");
        psi.ArgumentList.Add(image);
        Process process;
        try
        {
            process = Process.Start(psi) ?? throw new InvalidOperationException($"{engine} did not start");
        }
        catch (Exception ex) when (ex is System.ComponentModel.Win32Exception or InvalidOperationException)
        {
            throw new ImageReadException(ImageReadFailure.Unreadable, $"'{engine} save {image}' cannot be run ({ex.Message.TrimEnd('.')}): is {engine} installed and on PATH?", ex);
        }

        var errors = new StringBuilder();
        process.ErrorDataReceived += (_, e) =>
        {
            lock (errors)
            {
                if (e.Data is not null && errors.Length < MaxErrorChars)
                {
                    errors.Append(e.Data).Append(' ');
                }
            }
        };
        process.BeginErrorReadLine();
        return new ExportStream(process, process.StandardOutput.BaseStream, errors, $"{engine} save {image}");
    }

    /// <summary>The export's output; a failed export (an unknown image, no daemon) is an error naming the engine's own words.</summary>
    private sealed class ExportStream(Process process, Stream output, StringBuilder errors, string command) : ForwardReadStream
    {
        private bool _ended;

        public override int Read(Span<byte> buffer)
        {
            var n = output.Read(buffer);
            if (n == 0 && buffer.Length > 0 && !_ended)
            {
                _ended = true;
                process.WaitForExit();
                if (process.ExitCode != 0)
                {
                    throw Failed();
                }
            }

            return n;
        }

        private ImageReadException Failed()
        {
            string said;
            lock (errors)
            {
                said = errors.ToString().Trim();
            }

            return new ImageReadException(ImageReadFailure.Unreadable, $"'{command}' failed (exit code {process.ExitCode}){(said.Length > 0 ? ": " + ImageManifest.Printable(said) : "")}");
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                output.Dispose();
                if (!process.HasExited)
                {
                    // Read no further (all layers found): the export is not wanted any more.
                    try
                    {
                        process.Kill(entireProcessTree: true);
                    }
                    catch (InvalidOperationException)
                    {
                        // it ended meanwhile
                    }
                }

                process.WaitForExit();
                process.Dispose();
            }

            base.Dispose(disposing);
        }
    }
}
