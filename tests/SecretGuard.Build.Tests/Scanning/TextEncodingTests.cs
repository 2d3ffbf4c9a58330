using System.Runtime.InteropServices;
using System.Text;
using SecretGuard.Detection;
using SecretGuard.Findings;
using SecretGuard.Scanning;

namespace SecretGuard.Tests.Scanning;

/// <summary>
/// A file's encoding is told from its head, but content can change it further on, and a NUL byte does
/// not make text binary: neither hides a credential, and lines stay right.
/// </summary>
[TestClass]
public sealed class TextEncodingTests
{
    private static readonly string Token = TestSecrets.GitHubToken();

    /// <summary>A generic assignment: only the medium-confidence rule SG1010 reads it, never in a binary.</summary>
    private static readonly string GenericValue = TestSecrets.Random(32, seed: 41);

    private static byte[] Ascii(string text) => Encoding.ASCII.GetBytes(text);

    private static byte[] Utf16(string text) => Encoding.Unicode.GetBytes(text);

    private static byte[] Concat(params byte[][] parts) => parts.SelectMany(p => p).ToArray();

    private static List<Finding> Scan(string path, byte[] content) =>
        new FileScanner(RuleSet.Default).Scan(path, content.Length, new MemoryStream(content), 0, "sha256:x").Findings.ToList();

    private static (string RuleId, int Line) Single(List<Finding> findings)
    {
        Assert.HasCount(1, findings, string.Join(", ", findings.Select(f => f.RuleId)));
        return (findings[0].RuleId, ((LayerFileLocation)findings[0].Location).Line);
    }

    private static List<TextHit> ScanText(byte[] content) =>
        new TextStreamScanner(RuleSet.Default, binaryRules: new RuleSet(RuleSet.Default.Rules.Where(r => r.Confidence == Confidence.High))).Scan(new MemoryStream(content))!;

    [TestMethod]
    public void A_utf16_bom_before_utf8_text_does_not_turn_it_into_cjk()
    {
        Assert.AreEqual(("SG1004", 1), Single(Scan("/app/.env", Concat([0xFF, 0xFE], Ascii("GITHUB_TOKEN=" + Token + "\n")))));
        Assert.AreEqual(("SG1010", 2), Single(Scan("/app/.env", Concat([0xFF, 0xFE], Ascii("# settings\nAPI_TOKEN=" + GenericValue + "\n")))));
        Assert.AreEqual(("SG1004", 1), Single(Scan("/app/.env", Concat([0xFE, 0xFF], Ascii("GITHUB_TOKEN=" + Token + "\n")))));
    }

    [TestMethod]
    public void Utf8_appended_to_a_utf16_file_is_read()
    {
        // Windows PowerShell's `>` wrote UTF-16 with a BOM; a UTF-8 tool appended to it.
        var file = Concat([0xFF, 0xFE], Utf16("Logging=Warning\r\n"), Ascii("GITHUB_TOKEN=" + Token + "\n"));

        Assert.AreEqual("SG1004", Single(Scan("/app/.env", file)).RuleId);
    }

    [TestMethod]
    public void Utf16_text_after_a_long_utf8_head_is_read_with_its_lines()
    {
        var head = Ascii(new string('#', 70_000) + "\nA=1\n");

        Assert.AreEqual(("SG1004", 3), Single(Scan("/app/.env", Concat(head, Utf16("GITHUB_TOKEN=" + Token + "\n")))));
        Assert.AreEqual(("SG1010", 4), Single(Scan("/app/.env", Concat(head, Utf16("B=2\r\nAPI_TOKEN=" + GenericValue + "\r\n")))));
    }

    [TestMethod]
    public void Utf16_appended_right_after_a_short_utf8_head_is_read_with_its_lines()
    {
        // Windows PowerShell's `>>` appends UTF-16 to a file of another encoding.
        var file = Concat(Ascii("A=1\nB=2\n"), Utf16("C=3\r\nAPI_TOKEN=" + GenericValue + "\r\n"));

        Assert.AreEqual(("SG1010", 4), Single(Scan("/app/.env", file)));
    }

    [TestMethod]
    public void A_nul_in_a_text_file_does_not_make_it_binary()
    {
        var text = Ascii("API_TOKEN=" + GenericValue + "\n");

        Assert.AreEqual(("SG1010", 1), Single(Scan("/app/.env", text)));
        Assert.AreEqual(("SG1010", 1), Single(Scan("/app/.env", Concat(text, [0]))), "a truncating writer's NUL");
        Assert.AreEqual(("SG1010", 1), Single(Scan("/app/.env", Concat(text, new byte[6000]))), "a preallocated file's zeros");
    }

    [TestMethod]
    public void A_token_after_a_nul_keeps_its_line_and_column()
    {
        var hits = ScanText(Ascii("A=1\n\0B=2\nAPI_TOKEN=" + GenericValue + "\n"));

        Assert.AreEqual((3, 11), (hits.Single().Line, hits.Single().Column));
    }

    [TestMethod]
    public void Nul_separated_values_stay_apart()
    {
        // A NUL-separated environment dump: each value ends at its NUL, not at the next name.
        var hits = ScanText(Ascii("A=1\0API_TOKEN=" + GenericValue + "\0B=2\0"));

        Assert.AreEqual(Fingerprints.HashSecret(GenericValue), hits.Single().SecretHash);
    }

    [TestMethod]
    public void A_utf16_file_with_a_bom_keeps_its_lines_and_is_reported_once()
    {
        var hits = ScanText(Concat([0xFF, 0xFE], Utf16("a=1\r\nname=日本語のテキスト\r\nGITHUB_TOKEN=" + Token + "\r\nAPI_TOKEN=" + GenericValue + "\r\n")));

        CollectionAssert.AreEqual(new[] { ("SG1004", 3, 14), ("SG1010", 4, 11) }, hits.Select(h => (h.Rule.Id, h.Line, h.Column)).ToArray());
    }

    [TestMethod]
    public void Bomless_utf16_big_endian_text_is_read()
    {
        Assert.AreEqual(("SG1010", 2), Single(Scan("/app/.env", Encoding.BigEndianUnicode.GetBytes("A=1\nAPI_TOKEN=" + GenericValue + "\n"))));
    }

    [TestMethod]
    public void An_image_with_an_assignment_in_its_text_chunk_stays_binary()
    {
        // A PNG's tEXt chunk is text, but the file is an image: only rules that prove a credential read it.
        var png = Concat(
            [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A],
            [0, 0, 0, 13], Ascii("IHDR"), [0, 0, 1, 0, 0, 0, 1, 0, 8, 6, 0, 0, 0, 0x5C, 0x72, 0xA8, 0x66],
            [0, 0, 0, 48], Ascii("tEXtComment\0API_TOKEN=" + GenericValue), [0x12, 0x34, 0x56, 0x78],
            [0, 0, 0, 0], Ascii("IEND"), [0xAE, 0x42, 0x60, 0x82]);

        Assert.IsEmpty(Scan("/app/wwwroot/logo.png", png));
        Assert.AreEqual("SG1004", Single(Scan("/app/wwwroot/logo.png", Concat(png, Ascii("\0GITHUB_TOKEN=" + Token + "\0")))).RuleId);
    }

    [TestMethod]
    public void An_executable_with_text_in_its_head_stays_binary()
    {
        // An ELF header, then a generic assignment among its strings, as early as it can be.
        var elf = Concat([0x7F, (byte)'E', (byte)'L', (byte)'F', 2, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 3, 0, 0x3E, 0, 1, 0, 0, 0],
            new byte[40], Ascii("\0API_TOKEN=" + GenericValue + "\0" + new string('x', 4000) + "\0"));

        Assert.IsEmpty(Scan("/usr/lib/libexample.so", elf));
    }

    [TestMethod]
    public void The_runtimes_own_native_libraries_are_binary()
    {
        // Real executables, whatever this machine runs: their heads are not text with a few NULs.
        var libraries = Directory.GetFiles(RuntimeEnvironment.GetRuntimeDirectory()).Where(f => f.EndsWith(".so", StringComparison.Ordinal) || f.EndsWith(".dylib", StringComparison.Ordinal) || f.EndsWith(".dll", StringComparison.Ordinal)).ToList();
        Assert.IsNotEmpty(libraries);
        foreach (var library in libraries)
        {
            var head = File.ReadAllBytes(library).AsSpan(0, (int)Math.Min(64 * 1024, new FileInfo(library).Length)).ToArray();
            Assert.IsFalse(TextStreamScanner.LooksLikeTextWithNuls(head), Path.GetFileName(library));
            Assert.IsFalse(TextStreamScanner.LooksLikeTextWithNuls(head.AsSpan(0, Math.Min(8000, head.Length))), Path.GetFileName(library));
        }
    }

    [TestMethod]
    public void Utf16_shaped_nuls_are_dropped_and_others_end_values_the_same_however_the_text_is_cut()
    {
        var text = "x\0y\0\nA\0=\01\0\0\0B=2\0C=3\0\0\n\0G\0I\0T\0=\0v\0\0end\0";
        var expected = Filter([text]);
        Assert.AreEqual("xy\nA=1\r\r\rB=2\rC=3\r\r\nGIT=v\r\rend\r", expected);

        var random = new Random(5);
        for (var round = 0; round < 500; round++)
        {
            var pieces = new List<string>();
            for (var at = 0; at < text.Length;)
            {
                var length = Math.Min(text.Length - at, random.Next(0, 5));
                pieces.Add(text.Substring(at, length));
                at += length;
            }

            Assert.AreEqual(expected, Filter(pieces), string.Join("|", pieces));
        }
    }

    /// <summary>The pieces through the filter as the scanner feeds it: held-back characters first, then the piece; a piece with no NUL passed over.</summary>
    private static string Filter(IEnumerable<string> pieces)
    {
        var nuls = new NulsInText();
        var chars = new char[64];
        var output = new StringBuilder();
        var all = pieces.ToList();
        for (var i = 0; i <= all.Count; i++)
        {
            var piece = i < all.Count ? all[i] : "";
            var pending = nuls.Restore(chars);
            piece.CopyTo(0, chars, pending, piece.Length);
            var count = pending + piece.Length;
            output.Append(chars, 0, piece.Contains('\0') || pending > 0 ? nuls.Read(chars, count, final: i == all.Count) : nuls.PassOver(count));
        }

        return output.ToString();
    }
}
