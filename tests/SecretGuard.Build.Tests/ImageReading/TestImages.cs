using System.Formats.Tar;
using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using SecretGuard.ImageReading;

namespace SecretGuard.Tests.ImageReading;

/// <summary>Builds layer blobs and image archives in memory, as the SDK and registries lay them out.</summary>
internal static class TestImages
{
    public static byte[] Tar(params (string Path, byte[] Content)[] files)
    {
        using var ms = new MemoryStream();
        using (var writer = new TarWriter(ms, TarEntryFormat.Pax, leaveOpen: true))
        {
            foreach (var (path, content) in files)
            {
                writer.WriteEntry(new PaxTarEntry(TarEntryType.RegularFile, path) { DataStream = new MemoryStream(content) });
            }
        }

        // TarWriter writes nothing for no entries; a real empty layer still has the end-of-archive blocks.
        return files.Length == 0 ? new byte[1024] : ms.ToArray();
    }

    public static byte[] Tar(params (string Path, string Content)[] files) =>
        Tar(files.Select(f => (f.Path, Encoding.UTF8.GetBytes(f.Content))).ToArray());

    public static byte[] Gzip(byte[] data)
    {
        using var ms = new MemoryStream();
        using (var gz = new GZipStream(ms, CompressionLevel.Fastest, leaveOpen: true))
        {
            gz.Write(data);
        }

        return ms.ToArray();
    }

    /// <summary>A one-member gzip of <paramref name="data"/> whose header carries <paramref name="comment"/> (FCOMMENT), as "gzip" never writes but any writer may.</summary>
    public static byte[] GzipWithComment(byte[] data, byte[] comment) => SecretGuard.Fuzzing.SeedInputs.GzipWithComment(data, comment);

    public static byte[] Zstd(byte[] data)
    {
        using var compressor = new ZstdSharp.Compressor(3);
        return compressor.Wrap(data).ToArray();
    }

    public static string Digest(byte[] blob) => "sha256:" + Convert.ToHexString(SHA256.HashData(blob)).ToLowerInvariant();

    public static Descriptor Layer(byte[] blob) => new("application/vnd.oci.image.layer.v1.tar+gzip", Digest(blob), blob.Length);

    public static string Manifest(Descriptor config, params Descriptor[] layers) =>
        "{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\",\"config\":{\"mediaType\":\"application/vnd.oci.image.config.v1+json\",\"digest\":\"" + config.Digest + "\",\"size\":" + config.Size + "},\"layers\":["
        + string.Join(",", layers.Select(l => "{\"mediaType\":\"" + l.MediaType + "\",\"digest\":\"" + l.Digest + "\",\"size\":" + l.Size + "}")) + "]}";

    /// <summary>A config whose history marks the last layer as the SDK's.</summary>
    public static string Config(IEnumerable<string> env, int baseLayers = 1, string extraHistory = "") =>
        "{\"config\":{\"Env\":[" + string.Join(",", env.Select(e => System.Text.Json.JsonSerializer.Serialize(e))) + "],\"WorkingDir\":\"/app/\",\"Entrypoint\":[\"dotnet\",\"/app/app.dll\"]},"
        + "\"history\":[" + string.Join(",", Enumerable.Range(0, baseLayers).Select(i => "{\"created_by\":\"ADD base " + i + "\"}")) + extraHistory
        + ",{\"author\":\".NET SDK\",\"created_by\":\".NET SDK Container Tooling, version 10\"}],\"os\":\"linux\",\"architecture\":\"amd64\"}";

    /// <summary>An OCI image layout tarball with the given blobs.</summary>
    public static void WriteOciArchive(string path, params byte[][] blobs)
    {
        using var fs = File.Create(path);
        using var writer = new TarWriter(fs, TarEntryFormat.Pax);
        writer.WriteEntry(new PaxTarEntry(TarEntryType.RegularFile, "oci-layout") { DataStream = new MemoryStream(Encoding.UTF8.GetBytes("{\"imageLayoutVersion\":\"1.0.0\"}")) });
        foreach (var blob in blobs)
        {
            writer.WriteEntry(new PaxTarEntry(TarEntryType.RegularFile, "blobs/sha256/" + Digest(blob)["sha256:".Length..]) { DataStream = new MemoryStream(blob) });
        }
    }
}
