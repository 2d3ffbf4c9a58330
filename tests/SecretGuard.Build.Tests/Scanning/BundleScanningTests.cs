using System.IO.Compression;
using System.Text;
using SecretGuard.Detection;
using SecretGuard.Findings;
using SecretGuard.ImageReading;
using SecretGuard.Scanning;

namespace SecretGuard.Tests.Scanning;

/// <summary>
/// What a single-file bundle holds is read as the files a layer holds: a bundle read only in part keeps
/// what its earlier files gave and says from which entry on nothing was read.
/// </summary>
[TestClass]
public sealed class BundleScanningTests
{
    /// <summary>An ELF magic number and some host bytes, so that an extensionless file is read as an app host.</summary>
    private static readonly byte[] Host = [0x7F, (byte)'E', (byte)'L', (byte)'F', .. " host code"u8.ToArray()];

    private static readonly byte[] Signature = Convert.FromHexString("8b1202b96a612038727b930214d7a03213f5b9e6efae3318ee3b2dce24b36aae");

    /// <param name="Path">The path relative to the app.</param>
    /// <param name="Content">The bytes stored (deflated when <paramref name="Compress"/>).</param>
    /// <param name="DeclaredSize">The unpacked size the manifest claims; the content's own length when null.</param>
    private sealed record Entry(string Path, byte[] Content, bool Compress = false, long? DeclaredSize = null);

    /// <summary>Host bytes with the header-offset slot and signature, the files, then a version 6 header and manifest.</summary>
    private static byte[] Bundle(params Entry[] files)
    {
        using var ms = new MemoryStream();
        ms.Write(Host);
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
        BitConverter.GetBytes(header).CopyTo(bytes, slot);
        return bytes;
    }

    private static byte[] Credentials(int seed) => Encoding.UTF8.GetBytes("https://ci:" + TestSecrets.GitHubToken(seed: seed) + "@github.com\n");

    private static List<Finding> Scan(byte[] bundle, FileScanner? scanner = null) =>
        (scanner ?? new FileScanner(RuleSet.Default)).Scan("/app/App", bundle.Length, new MemoryStream(bundle), 0, "sha256:x").Findings.ToList();

    private static LayerFileLocation At(Finding f) => (LayerFileLocation)f.Location;

    /// <summary>Where each finding is, and its rule (never a credential, so no assertion can show one).</summary>
    private static string Places(IEnumerable<Finding> findings) =>
        string.Join(" | ", findings.Select(f => $"{f.RuleId} {At(f).Path}{(At(f).Bundle is null ? "" : " in " + At(f).Bundle)}"));

    [TestMethod]
    public void A_bundle_past_its_unpack_budget_reports_the_earlier_entries_and_names_the_entry_from_which_on_nothing_was_read()
    {
        // The second entry claims a gigabyte from a few bytes of deflate: far past 8 times this small bundle plus 64 MB.
        var bundle = Bundle(
            new Entry(".git-credentials", Credentials(seed: 51)),
            new Entry("data.bin", new byte[1024], Compress: true, DeclaredSize: 1L << 30),
            new Entry("later/.git-credentials", Credentials(seed: 52)));

        var findings = Scan(bundle);

        var credential = findings.Where(f => f.RuleId != Finding.NotCheckedId).ToList();
        Assert.HasCount(1, credential, Places(findings));
        Assert.AreEqual(("/app/.git-credentials", "/app/App"), (At(credential[0]).Path, At(credential[0]).Bundle), "the credential in the entry within the budget is reported, in its bundle");

        var notChecked = findings.Single(f => f.RuleId == Finding.NotCheckedId);
        Assert.AreEqual(("/app/App", (string?)null), (At(notChecked).Path, At(notChecked).Bundle), "the SG0004 is at the bundle");
        StringAssert.Contains(notChecked.Label, "unpack to more than");
        StringAssert.Contains(notChecked.Label, "from entry 2 of 3 (data.bin) on were not read");
    }
}
