using System.IO.Compression;
using System.Text;

namespace SecretGuard.Tests;

/// <summary>.NET single-file bundles built at run time: an ELF host, the bundled files, then a version 6 manifest.</summary>
public static class TestBundles
{
    /// <summary>An ELF magic number and some host bytes (C#'s \x escape would swallow the "E" of "\x7fELF").</summary>
    public static readonly byte[] Host = [0x7F, (byte)'E', (byte)'L', (byte)'F', .. " host code"u8.ToArray()];

    public static readonly byte[] Signature = Convert.FromHexString("8b1202b96a612038727b930214d7a03213f5b9e6efae3318ee3b2dce24b36aae");

    /// <param name="Path">The path relative to the app.</param>
    /// <param name="Content">The bytes stored (deflated when <paramref name="Compress"/>).</param>
    /// <param name="DeclaredSize">The unpacked size the manifest claims; the content's own length when null.</param>
    public sealed record Entry(string Path, byte[] Content, bool Compress = false, long? DeclaredSize = null);

    /// <summary>Host bytes with the header-offset slot and signature, the files, then the header and manifest.</summary>
    /// <param name="headerOffsetOverride">What the header-offset slot holds instead of the header's real offset.</param>
    /// <param name="host">The host's bytes before the slot; <see cref="Host"/> when null.</param>
    public static byte[] Build(long? headerOffsetOverride, Entry[] files, byte[]? host = null)
    {
        using var ms = new MemoryStream();
        ms.Write(host ?? Host);
        var slot = ms.Position;
        ms.Write(new byte[8]);
        ms.Write(Signature);
        var entries = new List<(long Offset, long Size, long Compressed, string Path)>();
        foreach (var file in files)
        {
            var offset = ms.Position;
            if (file.Compress)
            {
                using (var deflate = new DeflateStream(ms, CompressionLevel.Optimal, leaveOpen: true))
                {
                    deflate.Write(file.Content);
                }

                entries.Add((offset, file.DeclaredSize ?? file.Content.Length, ms.Position - offset, file.Path));
            }
            else
            {
                ms.Write(file.Content);
                entries.Add((offset, file.DeclaredSize ?? file.Content.Length, 0, file.Path));
            }
        }

        var header = ms.Position;
        using (var w = new BinaryWriter(ms, Encoding.UTF8, leaveOpen: true))
        {
            w.Write(6u);
            w.Write(0u);
            w.Write(entries.Count);
            w.Write("bundleid1234");
            w.Write(new byte[8 * 5]);
            foreach (var e in entries)
            {
                w.Write(e.Offset);
                w.Write(e.Size);
                w.Write(e.Compressed);
                w.Write((byte)1);
                w.Write(e.Path);
            }
        }

        var bytes = ms.ToArray();
        BitConverter.GetBytes(headerOffsetOverride ?? header).CopyTo(bytes, slot);
        return bytes;
    }
}
