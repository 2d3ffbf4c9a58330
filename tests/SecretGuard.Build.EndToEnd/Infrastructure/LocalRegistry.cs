using System.Diagnostics;
using System.Formats.Tar;
using System.IO.Compression;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace SecretGuard.EndToEnd.Infrastructure;

/// <summary>
/// A real OCI registry (Debian's docker-registry, distribution v2) on a free 127.0.0.1 port with its
/// storage in a temp folder. Base images are pushed through the registry HTTP API.
/// </summary>
public sealed class LocalRegistry : IDisposable
{
    private readonly Process _process;
    private readonly string _root;
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(30) };

    private LocalRegistry(Process process, string root, int port)
    {
        _process = process;
        _root = root;
        Port = port;
    }

    public int Port { get; }

    /// <summary>How the SDK names it: "localhost" registries are plain HTTP to the SDK.</summary>
    public string Host => $"localhost:{Port}";

    private string ApiBase => $"http://127.0.0.1:{Port}/v2/";

    public static LocalRegistry Start(string root) => Start(root, "");

    /// <param name="extraConfig">More of the registry's config.yml (top-level sections such as auth:).</param>
    public static LocalRegistry Start(string root, string extraConfig)
    {
        var binary = new[] { "/usr/bin/docker-registry", "/usr/sbin/docker-registry" }.FirstOrDefault(File.Exists)
            ?? throw new InvalidOperationException("docker-registry is not installed (apt-get install docker-registry); .ci/run installs it.");
        var port = FreePort();
        Directory.CreateDirectory(root);
        var config = Path.Combine(root, "config.yml");
        File.WriteAllText(config, $"version: 0.1\nlog:\n  level: warn\nstorage:\n  filesystem:\n    rootdirectory: {Path.Combine(root, "data")}\n  delete:\n    enabled: true\nhttp:\n  addr: 127.0.0.1:{port}\n{extraConfig}");
        var psi = new ProcessStartInfo(binary, ["serve", config]) { RedirectStandardOutput = true, RedirectStandardError = true };
        var process = Process.Start(psi)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        var registry = new LocalRegistry(process, root, port);
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                if (registry._http.GetAsync(registry.ApiBase).Result.StatusCode is HttpStatusCode.OK or HttpStatusCode.Unauthorized)
                {
                    return registry;
                }
            }
            catch (AggregateException)
            {
            }

            if (process.HasExited)
            {
                throw new InvalidOperationException($"docker-registry exited with {process.ExitCode}");
            }

            Thread.Sleep(100);
        }

        registry.Dispose();
        throw new TimeoutException("docker-registry did not answer on /v2/ within 20 s");
    }

    /// <summary>Pushes a one-layer linux/amd64 image built from <paramref name="files"/>.</summary>
    public void PushImage(string repository, string tag, IReadOnlyDictionary<string, string> files, IEnumerable<string> env, IEnumerable<string>? history = null) =>
        PushImage(repository, tag, [Layer.Gzip(Layer.Tar(files.Select(f => (f.Key, Encoding.UTF8.GetBytes(f.Value))).ToArray()))], env, history);

    /// <summary>Pushes an image of the given layers (bottom first); returns its manifest descriptor for an index.</summary>
    public (string Digest, int Size) PushImage(string repository, string tag, IReadOnlyList<Layer> layers, IEnumerable<string> env, IEnumerable<string>? history = null, string architecture = "amd64")
    {
        var historyEntries = (history ?? layers.Select((_, i) => $"ADD layer{i} /")).Select(h => new Dictionary<string, object> { ["created_by"] = h }).ToList();
        while (historyEntries.Count < layers.Count)
        {
            historyEntries.Add(new Dictionary<string, object> { ["created_by"] = "ADD more /" });
        }

        // History entries beyond the layers are metadata-only steps (ENV, ARG, ...).
        for (var i = layers.Count; i < historyEntries.Count; i++)
        {
            historyEntries[i]["empty_layer"] = true;
        }

        var config = JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, object>
        {
            ["architecture"] = architecture,
            ["os"] = "linux",
            ["config"] = new Dictionary<string, object> { ["Env"] = env.ToArray() },
            ["rootfs"] = new Dictionary<string, object> { ["type"] = "layers", ["diff_ids"] = layers.Select(l => Digest(l.Uncompressed)).ToArray() },
            ["history"] = historyEntries,
        });

        foreach (var layer in layers)
        {
            Upload(repository, layer.Blob);
        }

        Upload(repository, config);
        var manifest = JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, object>
        {
            ["schemaVersion"] = 2,
            ["mediaType"] = "application/vnd.oci.image.manifest.v1+json",
            ["config"] = new Dictionary<string, object> { ["mediaType"] = "application/vnd.oci.image.config.v1+json", ["digest"] = Digest(config), ["size"] = config.Length },
            ["layers"] = layers.Select(l => new Dictionary<string, object> { ["mediaType"] = l.MediaType, ["digest"] = Digest(l.Blob), ["size"] = l.Blob.Length }).ToArray(),
        });
        PutManifest(repository, tag, manifest, "application/vnd.oci.image.manifest.v1+json");
        return (Digest(manifest), manifest.Length);
    }

    /// <summary>Pushes a multi-platform image index pointing at manifests already pushed.</summary>
    public void PushIndex(string repository, string tag, params (string Digest, int Size, string Architecture)[] manifests)
    {
        var index = JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, object>
        {
            ["schemaVersion"] = 2,
            ["mediaType"] = "application/vnd.oci.image.index.v1+json",
            ["manifests"] = manifests.Select(m => new Dictionary<string, object>
            {
                ["mediaType"] = "application/vnd.oci.image.manifest.v1+json",
                ["digest"] = m.Digest,
                ["size"] = m.Size,
                ["platform"] = new Dictionary<string, object> { ["os"] = "linux", ["architecture"] = m.Architecture },
            }).ToArray(),
        });
        PutManifest(repository, tag, index, "application/vnd.oci.image.index.v1+json");
    }

    private void PutManifest(string repository, string tag, byte[] manifest, string mediaType)
    {
        using var content = new ByteArrayContent(manifest);
        content.Headers.ContentType = new(mediaType);
        _http.PutAsync($"{ApiBase}{repository}/manifests/{tag}", content).Result.EnsureSuccessStatusCode();
    }

    /// <summary>The tags of a repository (empty when it does not exist).</summary>
    public IReadOnlyList<string> Tags(string repository)
    {
        var response = _http.GetAsync($"{ApiBase}{repository}/tags/list").Result;
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return [];
        }

        response.EnsureSuccessStatusCode();
        using var doc = JsonDocument.Parse(response.Content.ReadAsStringAsync().Result);
        return doc.RootElement.TryGetProperty("tags", out var tags) && tags.ValueKind == JsonValueKind.Array
            ? tags.EnumerateArray().Select(t => t.GetString()!).ToList()
            : [];
    }

    private void Upload(string repository, byte[] blob)
    {
        var start = _http.PostAsync($"{ApiBase}{repository}/blobs/uploads/", null).Result;
        start.EnsureSuccessStatusCode();
        var location = start.Headers.Location!;
        var uri = location.IsAbsoluteUri ? location : new Uri(new Uri($"http://127.0.0.1:{Port}"), location);
        var separator = uri.Query.Length > 0 ? "&" : "?";
        using var content = new ByteArrayContent(blob);
        content.Headers.ContentType = new("application/octet-stream");
        _http.PutAsync($"{uri}{separator}digest={Uri.EscapeDataString(Digest(blob))}", content).Result.EnsureSuccessStatusCode();
    }

    internal static string Digest(byte[] data) => "sha256:" + Convert.ToHexString(SHA256.HashData(data)).ToLowerInvariant();

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public void Dispose()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                _process.WaitForExit(5000);
            }
        }
        catch (InvalidOperationException)
        {
        }

        _process.Dispose();
        _http.Dispose();
        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}

/// <summary>A layer blob as pushed (gzip, zstd or plain tar) and the tar inside it.</summary>
public sealed record Layer(byte[] Blob, byte[] Uncompressed, string MediaType)
{
    /// <summary>A tar of files; a path ending in a whiteout name (.wh.x) deletes x from the layers below.</summary>
    public static byte[] Tar(params (string Path, byte[] Content)[] files)
    {
        var tar = new MemoryStream();
        using (var writer = new TarWriter(tar, TarEntryFormat.Pax, leaveOpen: true))
        {
            foreach (var (path, content) in files)
            {
                writer.WriteEntry(new PaxTarEntry(TarEntryType.RegularFile, path) { DataStream = new MemoryStream(content), Mode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead });
            }
        }

        return tar.ToArray();
    }

    public static Layer Gzip(byte[] tar)
    {
        var gz = new MemoryStream();
        using (var z = new GZipStream(gz, CompressionLevel.Optimal, leaveOpen: true))
        {
            z.Write(tar);
        }

        return new Layer(gz.ToArray(), tar, "application/vnd.oci.image.layer.v1.tar+gzip");
    }

    /// <summary>Compressed with the zstd tool (Debian's zstd package), as BuildKit's zstd layers are.</summary>
    public static Layer Zstd(byte[] tar)
    {
        var psi = new ProcessStartInfo("zstd", ["-q", "-c", "-"]) { RedirectStandardInput = true, RedirectStandardOutput = true };
        using var process = Process.Start(psi)!;
        var output = new MemoryStream();
        var copy = process.StandardOutput.BaseStream.CopyToAsync(output);
        process.StandardInput.BaseStream.Write(tar);
        process.StandardInput.Close();
        copy.Wait();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException("zstd failed");
        }

        return new Layer(output.ToArray(), tar, "application/vnd.oci.image.layer.v1.tar+zstd");
    }

    public static byte[] Zip(params (string Path, byte[] Content)[] entries)
    {
        var ms = new MemoryStream();
        using (var zip = new ZipArchive(ms, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (path, content) in entries)
            {
                using var s = zip.CreateEntry(path).Open();
                s.Write(content);
            }
        }

        return ms.ToArray();
    }
}
