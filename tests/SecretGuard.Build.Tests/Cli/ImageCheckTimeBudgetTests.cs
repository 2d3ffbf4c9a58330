using System.Formats.Tar;
using System.Text;
using System.Text.Json;
using SecretGuard.Cli;
using SecretGuard.ImageReading;
using SecretGuard.Tests.ImageReading;
using SecretGuard.Tests.Scanning;

namespace SecretGuard.Tests.Cli;

/// <summary>The tool's run out of --time-budget fails (SG0004) and still names what the layers read before the stop hold.</summary>
[TestClass]
public sealed class ImageCheckTimeBudgetTests
{
    private static readonly string Token = TestSecrets.GitHubToken(seed: 321);

    private string _folder = "";

    [TestInitialize]
    public void CreateFolder() => _folder = Directory.CreateTempSubdirectory("sg-cli-budget").FullName;

    [TestCleanup]
    public void DeleteFolder() => Directory.Delete(_folder, recursive: true);

    /// <summary>
    /// An OCI image archive with one image of two layers, a token file in the first and two plain files in
    /// the second. An archive is read front to back, so the first layer's file is the first one read.
    /// </summary>
    private string Archive()
    {
        var first = TestImages.Gzip(TestImages.Tar(("etc/app/creds.env", "GITHUB_TOKEN=" + Token + "\n")));
        var second = TestImages.Gzip(TestImages.Tar(("usr/share/a.txt", "nothing here\n"), ("usr/share/b.txt", "nothing there either\n")));
        var config = JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, object> { ["architecture"] = "amd64", ["os"] = "linux", ["config"] = new Dictionary<string, object> { ["Env"] = new[] { "PATH=/usr/bin" } } });
        var manifest = Encoding.UTF8.GetBytes(TestImages.Manifest(new Descriptor("application/vnd.oci.image.config.v1+json", TestImages.Digest(config), config.Length), TestImages.Layer(first), TestImages.Layer(second)));
        var index = JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, object>
        {
            ["schemaVersion"] = 2,
            ["manifests"] = new[] { new Dictionary<string, object> { ["mediaType"] = "application/vnd.oci.image.manifest.v1+json", ["digest"] = TestImages.Digest(manifest), ["size"] = manifest.Length } },
        });
        var path = Path.Combine(_folder, "image.tar");
        using var file = File.Create(path);
        using var writer = new TarWriter(file, TarEntryFormat.Pax);
        var entries = new List<(string Name, byte[] Content)> { ("oci-layout", "{\"imageLayoutVersion\":\"1.0.0\"}"u8.ToArray()), ("index.json", index) };
        entries.AddRange(new[] { manifest, config, first, second }.Select(b => ("blobs/sha256/" + TestImages.Digest(b)["sha256:".Length..], b)));
        foreach (var (name, content) in entries)
        {
            writer.WriteEntry(new PaxTarEntry(TarEntryType.RegularFile, name) { DataStream = new MemoryStream(content) });
        }

        return path;
    }

    [TestMethod]
    public void A_run_out_of_time_reports_the_credential_in_the_layer_read_before_the_stop()
    {
        var settings = new CheckOptions { Images = [Archive()], TimeBudget = SteppingClock.BudgetFor(1) };
        using var progress = new RunProgress(false);

        var result = new ImageCheck(settings, TextWriter.Null, progress, new SteppingClock()).Run();

        var stop = result.Diagnostics.Single(d => d.Code == "SG0004");
        StringAssert.Contains(stop.Message, "time budget");
        var found = result.Diagnostics.Single(d => d.Code == "SG1004");
        StringAssert.Contains(found.Message, "/etc/app/creds.env");
        Assert.IsFalse(result.Diagnostics.Any(d => d.Message.Contains(Token[4..], StringComparison.Ordinal)));
    }
}
