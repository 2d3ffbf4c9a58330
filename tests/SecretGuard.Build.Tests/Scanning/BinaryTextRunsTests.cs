using System.Text;
using SecretGuard.Detection;
using SecretGuard.Reporting;
using SecretGuard.Scanning;
using SecretGuard.Findings;

namespace SecretGuard.Tests.Scanning;

/// <summary>The text runs of binary files: what `strings` shows, with high-confidence rules only.</summary>
[TestClass]
public sealed class BinaryTextRunsTests
{
    private static string Runs(params byte[][] chunks)
    {
        var runs = new BinaryTextRuns();
        var output = new StringBuilder();
        foreach (var chunk in chunks)
        {
            var chars = new char[BinaryTextRuns.MaxChars(chunk.Length)];
            output.Append(chars, 0, runs.Extract(chunk, chars));
        }

        var last = new char[BinaryTextRuns.MaxChars(0)];
        output.Append(last, 0, runs.Finish(last));
        return output.ToString();
    }

    private static byte[] Bytes(string ascii) => Encoding.ASCII.GetBytes(ascii);

    /// <summary>Bytes that look like a compiled binary: NULs, high bytes and short printable scraps.</summary>
    private static byte[] BinaryNoise(int length, int seed)
    {
        var random = new Random(seed);
        var bytes = new byte[length];
        random.NextBytes(bytes);
        for (var i = 0; i < length; i += 5)
        {
            bytes[i] = 0;
        }

        return bytes;
    }

    private static byte[] Concat(params byte[][] parts) => parts.SelectMany(p => p).ToArray();

    private static List<Finding> Scan(string path, byte[] content) =>
        new FileScanner(RuleSet.Default).Scan(path, content.Length, new MemoryStream(content), 0, "sha256:x").Findings.ToList();

    [TestMethod]
    public void Keeps_runs_of_eight_or_more_printable_characters_one_per_line()
    {
        Assert.AreEqual("abcdefgh\nlonger run here\n", Runs(Bytes("\0abcdefgh\u0001abcdefg\0\0longer run here\u0001")));
    }

    [TestMethod]
    public void A_run_split_across_chunks_is_joined_and_short_pieces_wait_for_the_rest()
    {
        Assert.AreEqual("abcdefghij\n", Runs(Bytes("\0ab"), Bytes("cd"), Bytes("efg"), Bytes("hij\0xy")));
    }

    [TestMethod]
    public void A_run_at_the_very_end_is_ended()
    {
        Assert.AreEqual("tail run!\n", Runs(Bytes("\0\0tail run!")));
        Assert.AreEqual("", Runs(Bytes("\0short")));
    }

    private static bool IsPrintable(byte b) => b is (>= 0x20 and <= 0x7E) or (byte)'\t';

    /// <summary>
    /// What `strings -n 8` and `strings -n 8 -el` keep, written plainly: maximal runs of eight or more
    /// printable bytes, and of eight or more printable bytes each followed by a zero byte, in the order
    /// they start. The reference the chunked reader must equal.
    /// </summary>
    private static string ReferenceRuns(byte[] content)
    {
        var runs = new List<(int Start, string Text)>();
        for (var i = 0; i < content.Length;)
        {
            var start = i;
            while (i < content.Length && IsPrintable(content[i]))
            {
                i++;
            }

            if (i - start >= BinaryTextRuns.MinimumRun)
            {
                runs.Add((start, Encoding.ASCII.GetString(content, start, i - start)));
            }

            i = Math.Max(i, start + 1);
        }

        for (var i = 0; i + 1 < content.Length;)
        {
            var start = i;
            var text = new StringBuilder();
            while (i + 1 < content.Length && IsPrintable(content[i]) && content[i + 1] == 0)
            {
                text.Append((char)content[i]);
                i += 2;
            }

            if (text.Length >= BinaryTextRuns.MinimumRun)
            {
                runs.Add((start, text.ToString()));
            }

            i = Math.Max(i, start + 1);
        }

        return string.Concat(runs.OrderBy(r => r.Start).Select(r => r.Text + "\n"));
    }

    /// <summary>Printable stretches of every length (most short, as in machine code), UTF-16 stretches, and other bytes between them.</summary>
    private static byte[] MixedContent(Random random)
    {
        var content = new List<byte>();
        var length = random.Next(0, 3000);
        while (content.Count < length)
        {
            var stretch = random.Next(4) == 0 ? random.Next(0, 200) : random.Next(0, 12);
            var wide = random.Next(3) == 0;
            for (var i = 0; i < stretch; i++)
            {
                content.Add((byte)(random.Next(10) == 0 ? '\t' : random.Next(0x20, 0x7F)));
                if (wide)
                {
                    content.Add(0);
                }
            }

            content.Add((byte)(random.Next(3) switch { 0 => 0, 1 => random.Next(0x7F, 0x100), _ => random.Next(0x20, 0x7F) }));
        }

        if (random.Next(2) == 0 && content.Count > 0)
        {
            content.RemoveAt(content.Count - 1); // ends inside a run
        }

        return [.. content];
    }

    [TestMethod]
    public void Any_content_cut_into_any_chunks_gives_the_runs_strings_would()
    {
        var random = new Random(42);
        for (var round = 0; round < 600; round++)
        {
            var bytes = MixedContent(random);
            var chunks = new List<byte[]>();
            for (var at = 0; at < bytes.Length;)
            {
                var size = Math.Min(bytes.Length - at, random.Next(3) == 0 ? random.Next(1, 20) : random.Next(1, 700));
                chunks.Add(bytes[at..(at + size)]);
                at += size;
            }

            Assert.AreEqual(ReferenceRuns(bytes), Runs([.. chunks]), $"round {round}");
        }
    }

    [TestMethod]
    public void Keeps_UTF16_runs_of_eight_or_more_characters_in_the_order_runs_start()
    {
        static byte[] Wide(string s) => Encoding.Unicode.GetBytes(s);
        var content = Concat(Bytes("\u0001ascii run\u0001"), Wide("wide run here"), Bytes("\u0001\u0001"), Wide("short"), Bytes("\u0001last ascii"));

        Assert.AreEqual("ascii run\nwide run here\nlast ascii\n", Runs(content));
        Assert.AreEqual("ascii run\nwide run here\nlast ascii\n", Runs([.. content.Select(b => new[] { b })]), "one byte at a time");
    }

    [TestMethod]
    public void An_ASCII_run_that_runs_into_a_UTF16_run_gives_both()
    {
        // "abcdefgh" then "i\0j\0...": the i ends the ASCII run and starts the UTF-16 one, as strings shows them.
        var content = Concat(Bytes("\u0001abcdefgh"), Encoding.Unicode.GetBytes("ijklmnopq"), Bytes("\u0001"));

        Assert.AreEqual("abcdefghi\nijklmnopq\n", Runs(content));
    }

    [TestMethod]
    public void Output_never_exceeds_MaxChars()
    {
        // Worst case: runs of exactly the minimum, each followed by one separator byte.
        var chunk = Concat(Enumerable.Repeat(Bytes("12345678\0"), 1000).ToArray());
        var runs = new BinaryTextRuns();
        var chars = new char[BinaryTextRuns.MaxChars(chunk.Length)];

        Assert.AreEqual(9000, runs.Extract(chunk, chars));

        // And for UTF-16 runs, or runs of both kinds sharing a character, cut anywhere.
        var random = new Random(7);
        var mixed = Concat(Enumerable.Range(0, 500).Select(i => random.Next(3) switch
        {
            0 => Bytes("12345678\0"),
            1 => Encoding.Unicode.GetBytes("abcdefgh").Append((byte)1).ToArray(),
            _ => Concat(Bytes("\u0001ABCDEFGH"), Encoding.Unicode.GetBytes("IJKLMNO"), [1]),
        }).ToArray());
        var extractor = new BinaryTextRuns();
        for (var at = 0; at < mixed.Length;)
        {
            var size = Math.Min(mixed.Length - at, random.Next(1, 300));
            var output = new char[BinaryTextRuns.MaxChars(size)];
            Assert.IsLessThanOrEqualTo(output.Length, extractor.Extract(mixed.AsSpan(at, size), output));
            at += size;
        }

        Assert.IsLessThanOrEqualTo(BinaryTextRuns.MaxChars(0), extractor.Finish(new char[BinaryTextRuns.MaxChars(0)]));
    }

    [TestMethod]
    public void Wide_string_literal_in_a_native_windows_dll_is_found()
    {
        // C++ on Windows writes L"..." literals as UTF-16LE; so do resource string tables.
        var token = TestSecrets.StripeLiveKey(seed: 26);
        var dll = Concat(Bytes("MZ"), [0x90, 0, 3, 0, 0, 0, 4, 0, 0, 0, 0xFF, 0xFF, 0, 0], BinaryNoise(8000, 13), [0, 0], Encoding.Unicode.GetBytes(token), [0, 0], BinaryNoise(2000, 14));

        var finding = Scan("/app/runtimes/win-x64/native/payments.dll", dll).Single();

        Assert.AreEqual("SG1005", finding.RuleId);
        Assert.AreEqual(0, ((LayerFileLocation)finding.Location).Line);
    }

    [TestMethod]
    public void UTF16_token_in_a_binary_file_across_chunk_boundaries_is_found_once()
    {
        // Several 64 KB reads: the token's UTF-16 bytes straddle one of them.
        var token = TestSecrets.GitHubToken(seed: 27);
        var wide = Encoding.Unicode.GetBytes(token);
        var before = BinaryNoise((64 * 1024) - (wide.Length / 2) - 1, 15);
        var binary = Concat(before, [0], wide, [0, 0], BinaryNoise(100_000, 16), [0, 0], wide, [0, 0]);

        var finding = Scan("/app/data/cache.bin", binary).Single();

        Assert.AreEqual("SG1004", finding.RuleId);
    }

    [TestMethod]
    public void Token_compiled_into_a_native_library_is_found_with_no_line()
    {
        var token = TestSecrets.GitHubToken(seed: 21);
        var library = Concat(Bytes("\x7f" + "ELF"), BinaryNoise(70_000, 1), Bytes("\0" + token + "\0"), BinaryNoise(70_000, 2), Bytes("\0" + token + "\0"));

        var finding = Scan("/app/runtimes/linux-x64/native/libtelemetry.so", library).Single();

        Assert.AreEqual("SG1004", finding.RuleId);
        Assert.AreEqual(0, ((LayerFileLocation)finding.Location).Line, "a binary has no lines; a token repeated in it is one finding");
    }

    [TestMethod]
    public void Stripe_key_in_a_sqlite_database_is_found()
    {
        var key = TestSecrets.StripeLiveKey(seed: 22);
        var database = Concat(Bytes("SQLite format 3\0"), BinaryNoise(4000, 3), Bytes("\u0003\u0017\u0001\u0011" + key), BinaryNoise(4000, 4));

        Assert.AreEqual("SG1005", Scan("/app/data/app.db", database).Single().RuleId);
    }

    [TestMethod]
    public void A_token_across_a_window_boundary_of_binary_runs_is_found_once()
    {
        var token = TestSecrets.StripeLiveKey(seed: 23);
        var filler = Concat(Enumerable.Range(0, 200).Select(i => Concat(Bytes("symbol_name_" + i), [0, 0])).ToArray());
        // Symbol names and NULs alone would be text with NULs: the string table is a binary's, behind its header.
        var binary = Concat(Bytes("\x7f" + "ELF\u0002\u0001\u0001\0"), filler, Bytes("\0" + token + "\0"), filler);
        var scanner = new TextStreamScanner(RuleSet.Default, windowChars: 1024, overlapChars: 256, binaryRules: RuleSet.Default);

        var hits = scanner.Scan(new MemoryStream(binary))!;

        Assert.HasCount(1, hits);
        Assert.AreEqual(0, hits[0].Line);
    }

    [TestMethod]
    public void Generic_password_assignments_in_a_binary_are_not_findings()
    {
        // Binaries hold format strings and messages ("password=%s"); only proven formats count there.
        var binary = Concat(Bytes("\x7f" + "ELF"), BinaryNoise(3000, 5), Bytes("\0password=Xk9#vL2$qW8!zR4\0DB_PASSWORD=Sup3rS3cr3t!Value\0"), BinaryNoise(3000, 6));

        Assert.IsEmpty(Scan("/usr/lib/libexample.so.1", binary));
    }

    [TestMethod]
    public void Random_binary_content_is_not_a_finding()
    {
        Assert.IsEmpty(Scan("/usr/share/fonts/noise.bin", BinaryNoise(1 << 20, 7)));
    }

    [TestMethod]
    public void Without_binary_rules_binary_content_is_still_left_alone()
    {
        var binary = Concat(BinaryNoise(100, 8), Bytes("\0" + TestSecrets.StripeLiveKey() + "\0"));

        Assert.IsNull(new TextStreamScanner(RuleSet.Default).Scan(new MemoryStream(binary)));
    }

    [TestMethod]
    public void Native_windows_dll_without_dotnet_metadata_is_read_for_its_strings()
    {
        var token = TestSecrets.StripeLiveKey(seed: 24);
        var dll = Concat(Bytes("MZ"), [0x90, 0, 3, 0, 0, 0, 4, 0, 0, 0, 0xFF, 0xFF, 0, 0], BinaryNoise(8000, 9), Bytes("\0" + token + "\0"), BinaryNoise(2000, 10));

        var finding = Scan("/app/runtimes/win-x64/native/vendor.dll", dll).Single();

        Assert.AreEqual("SG1005", finding.RuleId);
        Assert.AreEqual(0, ((LayerFileLocation)finding.Location).Line);
    }

    [TestMethod]
    public void App_host_with_nothing_bundled_is_read_for_its_strings()
    {
        var token = TestSecrets.GitHubToken(seed: 25);
        var host = Concat(Bytes("\u007fELF"), [2, 1, 1, 0], BinaryNoise(6000, 11), Bytes("\0" + token + "\0"), BinaryNoise(6000, 12));

        Assert.AreEqual("SG1004", Scan("/app/MyApp", host).Single().RuleId);
    }
}
