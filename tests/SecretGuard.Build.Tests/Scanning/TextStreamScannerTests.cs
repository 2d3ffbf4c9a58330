using System.Text;
using SecretGuard.Detection;
using SecretGuard.Findings;
using SecretGuard.Scanning;

namespace SecretGuard.Tests.Scanning;

[TestClass]
public sealed class TextStreamScannerTests
{
    [TestMethod]
    public void Reports_line_and_column()
    {
        var text = "{\n  \"ConnectionStrings\": {\n    \"Db\": \"Server=db;User Id=sa;Password=k8Ds93jdQ;\"\n  }\n}\n";
        var hits = new TextStreamScanner(RuleSet.Default).Scan(new MemoryStream(Encoding.UTF8.GetBytes(text)))!;
        Assert.HasCount(1, hits);
        Assert.AreEqual(3, hits[0].Line);
        Assert.AreEqual(text.Split('\n')[2].IndexOf("k8Ds", StringComparison.Ordinal) + 1, hits[0].Column);
        Assert.IsFalse(hits[0].RedactedSecret.Contains("k8Ds93jdQ", StringComparison.Ordinal));
    }

    [TestMethod]
    public void Finds_secret_across_a_window_boundary_once_with_the_right_line()
    {
        // Small windows force many boundaries; the key straddles one of them.
        var key = TestSecrets.StripeLiveKey();
        var filler = string.Concat(Enumerable.Repeat("lorem ipsum dolor\n", 200));
        var text = filler + "key=" + key + "\n" + filler;
        var scanner = new TextStreamScanner(RuleSet.Default, windowChars: 1024, overlapChars: 256);
        var hits = scanner.Scan(new MemoryStream(Encoding.UTF8.GetBytes(text)))!;
        Assert.HasCount(1, hits);
        Assert.AreEqual(201, hits[0].Line);
        Assert.AreEqual(5, hits[0].Column);
    }

    [TestMethod]
    public void Lines_and_columns_stay_right_over_many_windows()
    {
        // Lines of every length (empty ones, CRLF ones, lines longer than a window), a secret on every
        // seventh: each is reported once, at its own line and column.
        var text = new StringBuilder();
        var expected = new List<(int Line, int Column)>();
        var random = new Random(7);
        for (var line = 1; line <= 400; line++)
        {
            var indent = random.Next(0, 3) == 0 ? random.Next(0, 1500) : random.Next(0, 40);
            text.Append(' ', indent);
            if (line % 7 == 0)
            {
                expected.Add((line, indent + 5));
                text.Append("key=").Append(TestSecrets.StripeLiveKey(line));
            }

            text.Append(line % 3 == 0 ? "\r\n" : "\n");
        }

        var scanner = new TextStreamScanner(RuleSet.Default, windowChars: 1024, overlapChars: 256);
        var hits = scanner.Scan(new MemoryStream(Encoding.UTF8.GetBytes(text.ToString())))!;
        CollectionAssert.AreEqual(expected, hits.Select(h => (h.Line, h.Column)).ToList());
    }

    [TestMethod]
    public void Text_whose_keywords_no_rule_can_match_never_becomes_a_string()
    {
        // Documentation full of the rules' keywords and of things near them (a path, a pattern, a URL, a
        // password mentioned in prose, a key named in a sentence, a curl command, a PHP define), but no credential.
        // A window becomes a string only when a rule may find something there (RuleSet.MayFind): this one,
        // 600,000 characters in one window, would be 1.2 MB of fresh string.
        var prose = new StringBuilder();
        for (var i = 0; prose.Length < 600_000; i++)
        {
            prose.Append("The path to the pattern file is set below; see https://docs.example.invalid/team/repo/src/main/docs for more.\n")
                .Append("Set the password in the vault, never here. The key rotation token expires after ").Append(i % 90).Append(" days.\n")
                .Append("curl https://example.invalid/status and define(\"WP_DEBUG\", true) are fine; the secret handling is in crypto.md.\n");
        }

        var text = prose.ToString();
        var scanner = new TextStreamScanner(RuleSet.Default);
        Assert.IsNotNull(scanner.Scan(new MemoryStream(Encoding.UTF8.GetBytes(text)))); // the pool's buffers, taken on this thread
        var bytes = Encoding.UTF8.GetBytes(text);
        var before = GC.GetAllocatedBytesForCurrentThread();
        var hits = scanner.Scan(new MemoryStream(bytes))!;
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.IsEmpty(hits);
        Assert.IsLessThan(text.Length, allocated, $"{allocated:N0} bytes allocated: the window was made a string");

        // The same text with one credential in the middle: found, at its line.
        var key = TestSecrets.StripeLiveKey();
        var half = text.IndexOf('\n', text.Length / 2) + 1;
        var withKey = text[..half] + "STRIPE_KEY=" + key + "\n" + text[half..];
        var found = scanner.Scan(new MemoryStream(Encoding.UTF8.GetBytes(withKey)))!;
        Assert.AreEqual(Fingerprints.HashSecret(key), found.Single().SecretHash);
        Assert.AreEqual(text[..half].Count(c => c == '\n') + 1, found.Single().Line);
    }

    [TestMethod]
    public void Full_windows_refilled_on_one_thread_give_each_hit_its_own_secret()
    {
        // Full windows share one string per thread, refilled for each (TextStreamScanner.TakeFullWindowText):
        // every hit must still be hashed from its own window, across scanners of other window
        // lengths and across files scanned one after another on the same thread.
        static (string Text, List<(int Line, string Hash)> Expected) Keys(int seedBase, int lines)
        {
            var text = new StringBuilder();
            var expected = new List<(int Line, string Hash)>();
            for (var line = 1; line <= lines; line++)
            {
                if (line % 5 == 0)
                {
                    var key = TestSecrets.StripeLiveKey(seedBase + line);
                    expected.Add((line, Fingerprints.HashSecret(key)));
                    text.Append("key=").Append(key);
                }
                else
                {
                    text.Append(' ', 40 + (line % 90));
                }

                text.Append('\n');
            }

            return (text.ToString(), expected);
        }

        var small = new TextStreamScanner(RuleSet.Default, windowChars: 1024, overlapChars: 256);
        var large = new TextStreamScanner(RuleSet.Default, windowChars: 2048, overlapChars: 256);
        foreach (var (scanner, seedBase) in new[] { (small, 1000), (large, 2000), (small, 3000), (small, 4000) })
        {
            var (text, expected) = Keys(seedBase, 300);
            var hits = scanner.Scan(new MemoryStream(Encoding.UTF8.GetBytes(text)))!;
            CollectionAssert.AreEqual(expected, hits.Select(h => (h.Line, h.SecretHash)).ToList(), $"window of {(scanner == small ? 1024 : 2048)} characters, keys from seed {seedBase}");
        }
    }

    [TestMethod]
    public void Reads_utf16_with_bom()
    {
        var key = TestSecrets.StripeLiveKey();
        var bytes = Encoding.Unicode.GetPreamble().Concat(Encoding.Unicode.GetBytes("a=1\r\nstripe=" + key)).ToArray();
        var hits = new TextStreamScanner(RuleSet.Default).Scan(new MemoryStream(bytes))!;
        Assert.HasCount(1, hits);
        Assert.AreEqual(2, hits[0].Line);
    }

    [TestMethod]
    public void Binary_content_is_not_scanned_as_text()
    {
        var bytes = new byte[] { 0x4D, 0x5A, 0x90, 0x00, 0x03, 0x00, 0x00, 0x00, 0x04, 0x00, 0xFF, 0xFF, 0x00, 0x00, 0xB8, 0x00, 0x01, 0x02 };
        Assert.IsNull(new TextStreamScanner(RuleSet.Default).Scan(new MemoryStream(bytes)));
    }

    [TestMethod]
    [DoNotParallelize] // the heap is process-wide: other tests would be measured too
    public void Memory_stays_bounded_on_a_large_file()
    {
        // 128 MB of text streamed through (256 MB as UTF-16); the secret at the very end is still found.
        // The live heap is sampled while reading: holding the file would push it far past the bound.
        var key = TestSecrets.StripeLiveKey();
        var stream = new RepeatingStream(Encoding.UTF8.GetBytes("harmless line of text here\n"), 128L << 20, Encoding.UTF8.GetBytes("k=" + key + "\n"));
        var baseline = GC.GetTotalMemory(forceFullCollection: true);
        var hits = new TextStreamScanner(RuleSet.Default).Scan(stream)!;
        Assert.HasCount(1, hits);
        var growth = stream.PeakHeapBytes - baseline;
        Assert.IsLessThan(64L << 20, growth, $"heap grew by {growth >> 20} MB");
    }

    /// <summary>Yields a pattern until a length, then a tail: a large file without allocating it.</summary>
    private sealed class RepeatingStream(byte[] pattern, long length, byte[] tail) : Stream
    {
        private long _position;
        private long _nextSample;

        public long PeakHeapBytes { get; private set; }

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => length + tail.Length;

        public override long Position { get => _position; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count)
        {
            if (_position >= _nextSample)
            {
                // What the scanner holds, not garbage waiting for a collection (how much of that the GC
                // lets pile up depends on what ran before in the process).
                PeakHeapBytes = Math.Max(PeakHeapBytes, GC.GetTotalMemory(forceFullCollection: true));
                _nextSample += 16 << 20;
            }

            var written = 0;
            while (written < count && _position < Length)
            {
                buffer[offset + written++] = _position < length ? pattern[_position % pattern.Length] : tail[_position - length];
                _position++;
            }

            return written;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
