using System.Text;
using SecretGuard.Detection;
using SecretGuard.Findings;
using SecretGuard.Scanning;
using SecretGuard.Tests.ImageReading;

namespace SecretGuard.Tests.Scanning;

[TestClass]
public sealed class GoProgramScanTests
{
    /// <summary>Passes a file's bytes through and notes the most that whole-file buffers held while it was read.</summary>
    private sealed class WatchedStream(byte[] bytes, WholeFileBuffers buffers) : Stream
    {
        private readonly MemoryStream _inner = new(bytes, writable: false);

        public long MostHeld { get; private set; }

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer)
        {
            MostHeld = Math.Max(MostHeld, buffers.Held);
            return _inner.Read(buffer);
        }

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }

    /// <summary>A few megabytes of a program's strings and code, a token among them.</summary>
    private static byte[] Body(string token)
    {
        var random = new Random(4);
        var body = new byte[3 << 20];
        random.NextBytes(body);
        Encoding.ASCII.GetBytes("\0\0runtime.gopanic net/http.(*Transport).RoundTrip " + token + " sync.(*Mutex).Lock\0\0").CopyTo(body, 2 << 20);
        return body;
    }

    private static (List<Finding> Findings, long MostHeld) Scan(string path, byte[] file)
    {
        var buffers = new WholeFileBuffers();
        var stream = new WatchedStream(file, buffers);
        var findings = new FileScanner(RuleSet.Default, buffers: buffers).Scan(path, file.Length, stream, 1, "sha256:x").Findings.ToList();
        return (findings, stream.MostHeld);
    }

    [TestMethod]
    public void A_Go_program_is_streamed_for_its_strings_never_held_whole()
    {
        var token = TestSecrets.GitHubToken();
        var (findings, mostHeld) = Scan("/usr/local/bin/kubectl", GoExecutableTests.GoProgram(Body(token)));

        Assert.AreEqual(0, mostHeld, "no whole-file buffer while it was read");
        var finding = findings.Single();
        Assert.AreEqual("SG1004", finding.RuleId);
        Assert.AreEqual("/usr/local/bin/kubectl", ((LayerFileLocation)finding.Location).Path);
        Assert.AreEqual(Fingerprints.Compute("SG1004", finding.Location, Fingerprints.HashSecret(token)), finding.Fingerprint, "the whole token was read");
    }

    [TestMethod]
    public void Any_other_executable_named_like_an_app_host_is_still_held_whole_to_look_for_a_bundle_or_NativeAOT()
    {
        // The same program without its Go note could be an app host: held whole, as before (and the token still found).
        var token = TestSecrets.GitHubToken();
        var notGo = GoExecutableTests.Elf(is64: true, bigEndian: false, Body(token), [new GoExecutableTests.Note("GNU", 3, new byte[20])]);
        var (findings, mostHeld) = Scan("/app/Payments", notGo);

        Assert.AreEqual(notGo.Length, mostHeld);
        Assert.AreEqual("SG1004", findings.Single().RuleId);
    }
}
