using System.IO.Compression;
using System.Text;
using SecretGuard.ImageReading;

namespace SecretGuard.Tests.ImageReading;

[TestClass]
public sealed class SingleFileBundleTests
{
    /// <summary>An ELF magic number and some host bytes (C#'s \x escape would swallow the "E" of "\x7fELF").</summary>
    private static readonly byte[] Host = [0x7F, (byte)'E', (byte)'L', (byte)'F', .. " host code"u8.ToArray()];

    private static readonly byte[] Signature = Convert.FromHexString("8b1202b96a612038727b930214d7a03213f5b9e6efae3318ee3b2dce24b36aae");

    /// <summary>Host bytes with the header-offset slot and signature, the files, then a version 6 header and manifest.</summary>
    private static byte[] Bundle(long? headerOffsetOverride, params (string Path, byte[] Content, bool Compress)[] files)
    {
        using var ms = new MemoryStream();
        ms.Write(Host);
        var slot = ms.Position;
        ms.Write(new byte[8]);
        ms.Write(Signature);
        var entries = new List<(long Offset, long Size, long Compressed, string Path)>();
        foreach (var (path, content, compress) in files)
        {
            var offset = ms.Position;
            if (compress)
            {
                using (var deflate = new DeflateStream(ms, CompressionLevel.Optimal, leaveOpen: true))
                {
                    deflate.Write(content);
                }

                entries.Add((offset, content.Length, ms.Position - offset, path));
            }
            else
            {
                ms.Write(content);
                entries.Add((offset, content.Length, 0, path));
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

    [TestMethod]
    public void Reads_plain_and_compressed_entries()
    {
        var json = Encoding.UTF8.GetBytes("{ \"ConnectionStrings\": {} }");
        var dll = Encoding.UTF8.GetBytes(new string('x', 5000));
        var files = SingleFileBundle.TryRead(Bundle(null, ("appsettings.json", json, false), ("App.dll", dll, true)))!;

        Assert.AreEqual("appsettings.json|App.dll", string.Join('|', files.Select(f => f.RelativePath)));
        using var reader = new StreamReader(files[1].Open());
        Assert.AreEqual(new string('x', 5000), reader.ReadToEnd());
        Assert.AreEqual(5000, files[1].Size);
    }

    [TestMethod]
    public void A_host_that_is_not_a_bundle_is_not_one()
    {
        Assert.IsNull(SingleFileBundle.TryRead(Bundle(0, ("a", [1], false))), "the placeholder offset 0 means a plain app host");
        Assert.IsNull(SingleFileBundle.TryRead([.. Host, .. " no signature here"u8.ToArray()]));
    }

    [TestMethod]
    public void A_broken_manifest_is_an_error_not_an_empty_bundle()
    {
        var bytes = Bundle(null, ("appsettings.json", "{}"u8.ToArray(), false));
        Assert.Throws<InvalidDataException>(() => SingleFileBundle.TryRead(bytes[..^10]));
        Assert.Throws<InvalidDataException>(() => SingleFileBundle.TryRead(Bundle(1L << 40, ("a", [1], false))));
    }

    [TestMethod]
    public void A_corrupt_compressed_entry_is_reported_as_not_fully_checked()
    {
        var bytes = Bundle(null, ("App.dll", Encoding.UTF8.GetBytes(new string('x', 5000)), true));
        var entryStart = Host.Length + 8 + Signature.Length;
        bytes[entryStart] = 0xFF; // an invalid deflate block type
        bytes[entryStart + 1] = 0xFF;
        var scanner = new SecretGuard.Scanning.FileScanner(SecretGuard.Detection.RuleSet.Default);
        var finding = scanner.Scan("/app/App", bytes.Length, new MemoryStream(bytes), 1, "sha256:x").Single();
        Assert.AreEqual("SG0004", finding.RuleId);
        var location = (SecretGuard.Reporting.LayerFileLocation)finding.Location;
        Assert.AreEqual(("/app/App.dll", "/app/App"), (location.Path, location.Bundle), "the bundled file is the place, inside its bundle");
    }
}
