using System.Text;
using SecretGuard.Detection;
using SecretGuard.ImageReading;
using SecretGuard.Reporting;
using SecretGuard.Scanning;
using SecretGuard.Findings;

namespace SecretGuard.Tests.Scanning;

[TestClass]
public sealed class NativeAotScanTests
{
    /// <summary>
    /// The shape of a NativeAOT executable as far as the scan cares: ELF, its compiler's section names,
    /// and string literals as records of a length and UTF-16 characters, the last stored as one byte
    /// (as seen in real linux-x64 NativeAOT output of SDK 10).
    /// </summary>
    private static byte[] NativeAotLike(bool sections, params string[] literals)
    {
        var image = new List<byte> { 0x7F, (byte)'E', (byte)'L', (byte)'F', 2, 1, 1, 0 };
        image.AddRange(new byte[56]);
        foreach (var literal in literals)
        {
            image.AddRange([0x69, 0x03, 0xE8]);
            image.AddRange(BitConverter.GetBytes(literal.Length));
            image.AddRange(Encoding.Unicode.GetBytes(literal[..^1]));
            image.Add((byte)literal[^1]);
        }

        image.AddRange(new byte[32]);
        if (sections)
        {
            image.AddRange(Encoding.ASCII.GetBytes("\0.text\0__managedcode\0.rodata\0.dotnet_eh_table\0"));
        }

        return image.ToArray();
    }

    private static List<Finding> Scan(byte[] image) =>
        new FileScanner(RuleSet.Default).Scan("/app/Payments", image.Length, new MemoryStream(image), 1, "sha256:x").Findings.ToList();

    [TestMethod]
    public void Finds_a_literal_in_a_NativeAOT_executable_whole_including_its_last_character()
    {
        var token = TestSecrets.GitHubToken(); // checksummed: a missing last character would not match
        var findings = Scan(NativeAotLike(sections: true, "Hello, World!", token, "Authorization"));

        var finding = findings.Single();
        Assert.AreEqual("SG1004", finding.RuleId);
        Assert.AreEqual(Fingerprints.Compute("SG1004", finding.Location, Fingerprints.HashSecret(token)), finding.Fingerprint, "the whole token was read");
        var location = (AssemblyLocation)finding.Location;
        Assert.IsTrue(location.NativeAot);
        StringAssert.Contains(location.Describe(), "compiled into the NativeAOT executable /app/Payments");
    }

    [TestMethod]
    public void A_plain_native_program_is_not_taken_for_NativeAOT_and_medium_confidence_text_is_not_reported()
    {
        // Without the NativeAOT sections it is some native program: read for its ASCII and UTF-16 runs
        // like any binary, so the token is still found, but in the file, not as a literal of the app.
        var plain = Scan(NativeAotLike(sections: false, TestSecrets.GitHubToken())).Single();
        Assert.AreEqual("SG1004", plain.RuleId);
        Assert.IsInstanceOfType<LayerFileLocation>(plain.Location);

        // The framework inside a NativeAOT app is full of strings like this: only proven formats count.
        Assert.IsEmpty(Scan(NativeAotLike(sections: true, "password=Sup3rS3cretValue!", "connection: Password={0};")));
    }

    [TestMethod]
    public void Utf8_runs_are_read_too()
    {
        var key = TestSecrets.StripeLiveKey();
        var image = NativeAotLike(sections: true).Concat(Encoding.ASCII.GetBytes("\0\0" + key + "\0\0")).ToArray();
        Assert.AreEqual("SG1005", Scan(image).Single().RuleId);
    }

    [TestMethod]
    public void A_huge_run_of_printable_bytes_is_read_in_bounded_overlapping_pieces_and_chunks()
    {
        // 16 MB of one printable run with a token inside it, across where a piece ends: no string larger
        // than a piece, no text larger than a chunk, and the token still whole in one of them.
        var token = TestSecrets.GitHubToken();
        var image = NativeAotLike(sections: true);
        var run = new byte[16 << 20];
        Array.Fill(run, (byte)'A');
        var at = NativeAotImage.MaxRunChars - 10;
        Encoding.ASCII.GetBytes(" " + token + " ").CopyTo(run, at);
        image = [.. image, 0, .. run, 0];

        var highConfidence = new RuleSet(RuleSet.Default.Rules.Where(r => r.Confidence == Confidence.High));
        var watch = System.Diagnostics.Stopwatch.StartNew();
        var longest = 0;
        var found = 0;
        foreach (var chunk in NativeAotImage.TextChunks(image))
        {
            longest = Math.Max(longest, chunk.Length);
            found += highConfidence.Scan(chunk).Count(h => h.Rule.Id == "SG1004" && chunk.Substring(h.Match.Index, h.Match.Length) == token);
        }

        Assert.IsGreaterThanOrEqualTo(1, found);
        Assert.IsLessThanOrEqualTo(NativeAotImage.DefaultChunkChars, longest);
        Assert.IsTrue(NativeAotImage.Strings(image).All(s => s.Length <= NativeAotImage.MaxRunChars));
        Console.WriteLine($"chunks and rules: {watch.ElapsedMilliseconds} ms");
        Assert.IsLessThan(TimeSpan.FromSeconds(20), watch.Elapsed);
    }

    [TestMethod]
    public void Chunks_hold_each_string_once_and_whole_with_a_line_break_after_it()
    {
        var literals = Enumerable.Range(0, 5000).Select(i => $"literal number {i:D6} of the app").ToArray();
        var image = NativeAotLike(sections: true, [.. literals, .. literals]);
        var chunks = NativeAotImage.TextChunks(image, chunkChars: 4096).ToList();
        Assert.IsGreaterThan(10, chunks.Count);
        Assert.IsTrue(chunks.All(c => c.Length <= 4096 && c.EndsWith('\n')));
        CollectionAssert.AreEqual(literals, chunks.SelectMany(c => c.Split('\n', StringSplitOptions.RemoveEmptyEntries)).Where(l => l.StartsWith("literal", StringComparison.Ordinal)).ToArray());
    }
}
