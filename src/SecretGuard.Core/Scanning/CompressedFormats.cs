using System.Buffers.Binary;

namespace SecretGuard.Scanning;

/// <summary>
/// Compressions and packages SecretGuard does not decompress, known by their magic: read as a binary's
/// strings, their compressed bytes are noise, and a credential inside would pass unseen. Such a file is
/// reported (SG0004) rather than read as if that were a check, except where package managers keep their
/// own state and where documentation lies (see <see cref="IsPassedOver"/>). gzip, zstd, zip, tar and Debian
/// packages are opened (<see cref="NestedArchives"/>), so they are not here.
/// </summary>
internal static class CompressedFormats
{
    /// <summary>Whether a file, by its path and first bytes, is of a format.</summary>
    internal delegate bool Match(string path, ReadOnlySpan<byte> head);

    /// <summary>One format: its name in messages, and whether a file's first bytes (and its name) are one.</summary>
    internal sealed record Format(string Name, Match Matches);

    private static bool StartsWith(ReadOnlySpan<byte> head, ReadOnlySpan<byte> magic) => head.StartsWith(magic);

    /// <summary>
    /// One row per format, each with more than its bare magic where the format allows, so that text or a
    /// binary that merely begins with the same bytes is not taken for it (the tests hold a near miss per row).
    /// </summary>
    internal static readonly Format[] Catalogue =
    [
        // xz: the magic, then the stream flags' first byte, always zero.
        new("xz", (_, head) => StartsWith(head, [0xFD, (byte)'7', (byte)'z', (byte)'X', (byte)'Z', 0x00, 0x00])),

        // bzip2: "BZh", the block size '1' to '9', then a block's magic (pi) or the end of stream's (sqrt pi) for an empty one.
        new("bzip2", (_, head) => head.Length >= 10 && StartsWith(head, "BZh"u8) && head[3] is >= (byte)'1' and <= (byte)'9'
            && (head[4..10].SequenceEqual((ReadOnlySpan<byte>)[0x31, 0x41, 0x59, 0x26, 0x53, 0x59]) || head[4..10].SequenceEqual((ReadOnlySpan<byte>)[0x17, 0x72, 0x45, 0x38, 0x50, 0x90]))),

        // lz4 frame: the magic, then a frame descriptor of version 01 (its top two bits); the legacy format (kernels, initramfs) has a magic only.
        new("lz4", (_, head) => (head.Length >= 5 && StartsWith(head, [0x04, 0x22, 0x4D, 0x18]) && (head[4] >> 6) == 1) || StartsWith(head, [0x02, 0x21, 0x4C, 0x18])),

        // 7z: the six-byte signature, then the format's major version, 0.
        new("7z", (_, head) => StartsWith(head, [(byte)'7', (byte)'z', 0xBC, 0xAF, 0x27, 0x1C, 0x00])),

        // RAR 1.5 to 4 ("Rar!\x1A\x07\x00") and RAR 5 ("Rar!\x1A\x07\x01\x00").
        new("rar", (_, head) => StartsWith(head, "Rar!\x1A\x07\x00"u8) || StartsWith(head, "Rar!\x1A\x07\x01\x00"u8)),

        // RPM: the lead's magic, then its major version, 3 or 4; the payload (a cpio in gzip, xz or zstd) is not opened.
        new("rpm", (_, head) => head.Length >= 5 && StartsWith(head, [0xED, 0xAB, 0xEE, 0xDB]) && head[4] is 3 or 4),

        // .lzma ("LZMA alone") has no magic: its name, and a header that fits (properties, a dictionary size as
        // xz and 7-Zip write it, 2^n or 3 * 2^(n-1), and an uncompressed size unknown or under 2^48).
        new("lzma", (path, head) => path.EndsWith(".lzma", StringComparison.OrdinalIgnoreCase) && IsLzmaAloneHeader(head)),
    ];

    /// <summary>The format's name when <paramref name="head"/> (the file's first bytes) is one of the catalogue's; null otherwise.</summary>
    public static string? Recognise(string path, ReadOnlySpan<byte> head)
    {
        foreach (var format in Catalogue)
        {
            if (format.Matches(path, head))
            {
                return format.Name;
            }
        }

        return null;
    }

    /// <summary>
    /// Whether a file SecretGuard cannot decompress is read for its strings, as before, and listed as not
    /// opened, rather than reported: package managers' own state (apt's lists compressed with lz4 in any image
    /// built with <c>apt-get update</c> and no clean-up, <c>/var/log/apt/eipp.log.xz</c> in Debian's and Ubuntu's)
    /// and documentation folders (test archives of a package's documentation). A clean base image must not
    /// fail a build over files its package manager writes; the app's own files are reported wherever else they are.
    /// </summary>
    public static bool IsPassedOver(string imagePath) =>
        PackageManagerPaths.Contains(imagePath) || ImageReading.DocumentationPaths.Contains(imagePath);

    private static bool IsLzmaAloneHeader(ReadOnlySpan<byte> head)
    {
        if (head.Length < 13 || head[0] >= 9 * 5 * 5)
        {
            return false;
        }

        var dictionary = BinaryPrimitives.ReadUInt32LittleEndian(head[1..]);
        var size = BinaryPrimitives.ReadUInt64LittleEndian(head[5..]);
        var fits = dictionary >= 4096 && (uint.IsPow2(dictionary) || (dictionary % 3 == 0 && uint.IsPow2(dictionary / 3)));
        return fits && (size == ulong.MaxValue || size < 1UL << 48);
    }
}
