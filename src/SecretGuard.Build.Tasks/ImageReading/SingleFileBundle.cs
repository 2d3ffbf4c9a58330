using System.IO.Compression;
using System.Text;

namespace SecretGuard.ImageReading;

/// <summary>A file inside a .NET single-file bundle.</summary>
/// <param name="RelativePath">Its path relative to the app, e.g. appsettings.json or App.dll.</param>
public sealed record BundledFile(string RelativePath, long Size, Func<Stream> Open);

/// <summary>
/// Reads the manifest of a .NET single-file bundle (PublishSingleFile): the app host, followed by the
/// embedded files, a header and one entry per file. The header's offset is stored in the 8 bytes before
/// a fixed 32-byte bundle signature inside the host. Compressed entries are raw deflate.
/// </summary>
public static class SingleFileBundle
{
    private static readonly byte[] Signature =
    [
        0x8b, 0x12, 0x02, 0xb9, 0x6a, 0x61, 0x20, 0x38, 0x72, 0x7b, 0x93, 0x02, 0x14, 0xd7, 0xa0, 0x32,
        0x13, 0xf5, 0xb9, 0xe6, 0xef, 0xae, 0x33, 0x18, 0xee, 0x3b, 0x2d, 0xce, 0x24, 0xb3, 0x6a, 0xae,
    ];

    /// <summary>True for an ELF (Linux) or Mach-O (macOS) executable; Windows hosts are PE ("MZ").</summary>
    public static bool LooksLikeNativeExecutable(ReadOnlySpan<byte> head) =>
        head.Length >= 4 && ((head[0] == 0x7F && head[1] == (byte)'E' && head[2] == (byte)'L' && head[3] == (byte)'F')
            || (head[0] == 0xCF && head[1] == 0xFA && head[2] == 0xED && head[3] == 0xFE));

    /// <summary>The bundled files, or null when the image is not a single-file bundle (a plain app host, a native library).</summary>
    /// <exception cref="InvalidDataException">The signature is there but the manifest is broken.</exception>
    public static List<BundledFile>? TryRead(byte[] image) => TryRead(image, image.Length);

    /// <summary>The bundled files of the image held in the first <paramref name="length"/> bytes of <paramref name="image"/> (a pooled buffer).</summary>
    /// <exception cref="InvalidDataException">The signature is there but the manifest is broken.</exception>
    public static List<BundledFile>? TryRead(byte[] image, int length)
    {
        var at = image.AsSpan(0, length).IndexOf(Signature);
        if (at < 8)
        {
            return null;
        }

        var headerOffset = BitConverter.ToInt64(image, at - 8);
        if (headerOffset == 0)
        {
            return null; // an app host that is not a bundle keeps the placeholder
        }

        if (headerOffset < 0 || headerOffset >= length)
        {
            throw new InvalidDataException($"the single-file bundle header offset {headerOffset} is outside the file");
        }

        try
        {
            using var reader = new BinaryReader(new MemoryStream(image, (int)headerOffset, length - (int)headerOffset, writable: false), Encoding.UTF8);
            var major = reader.ReadUInt32();
            reader.ReadUInt32(); // minor
            var count = reader.ReadInt32();
            reader.ReadString(); // bundle id
            if (major >= 2)
            {
                reader.ReadBytes(8 * 5); // deps.json and runtimeconfig.json locations, flags
            }

            if (count < 0 || count > 100_000)
            {
                throw new InvalidDataException($"the single-file bundle claims {count} files");
            }

            var files = new List<BundledFile>(count);
            for (var i = 0; i < count; i++)
            {
                var offset = reader.ReadInt64();
                var size = reader.ReadInt64();
                var compressed = major >= 6 ? reader.ReadInt64() : 0;
                reader.ReadByte(); // file type
                var path = reader.ReadString().Replace('\\', '/');
                var stored = compressed > 0 ? compressed : size;
                if (offset < 0 || stored < 0 || offset + stored > length)
                {
                    throw new InvalidDataException($"the single-file bundle entry {path} lies outside the file");
                }

                files.Add(new BundledFile(path, size, compressed > 0
                    ? () => new DeflateStream(new MemoryStream(image, (int)offset, (int)compressed, writable: false), CompressionMode.Decompress)
                    : () => new MemoryStream(image, (int)offset, (int)size, writable: false)));
            }

            return files;
        }
        catch (EndOfStreamException ex)
        {
            throw new InvalidDataException("the single-file bundle manifest is truncated", ex);
        }
        catch (FormatException ex)
        {
            // A path's length prefix that is not a valid 7-bit encoded integer (found by fuzzing).
            throw new InvalidDataException("the single-file bundle manifest has a malformed path length", ex);
        }
    }
}
