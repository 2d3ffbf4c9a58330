using System.IO.Compression;
using SecretGuard.EndToEnd.Infrastructure;

namespace SecretGuard.EndToEnd;

/// <summary>A published file that cannot be read fails closed at its own source, and never hides a leak beside it.</summary>
[TestClass]
public sealed class FaultIsolationTests
{
    [TestMethod]
    public void A_corrupt_published_archive_is_SG0004_at_its_file_the_leak_beside_it_is_still_reported_and_the_finding_can_be_accepted()
    {
        var body = """
              <ItemGroup>
                <None Include="data/catalog.zip;app.env" CopyToPublishDirectory="PreserveNewest" />
              </ItemGroup>

            """;
        var project = SampleProject.Create("CorruptArchiveApp", body);
        project.Write("data/catalog.zip", CorruptZip());
        project.Write("app.env", "# payments\nSTRIPE_KEY=" + Secrets.StripeLiveKey(seed: 46) + "\n");

        var output = project.PublishContainer($"-p:ContainerArchiveOutputPath={project.PathOf("image.tar.gz")}");

        Assert.AreNotEqual(0, output.ExitCode, output.ToString());
        var notChecked = output.Errors("SG0004").Single();
        Assert.AreEqual(Path.GetFullPath(project.PathOf("data/catalog.zip")), Path.GetFullPath(notChecked.File), output.ToString());
        StringAssert.Contains(notChecked.Message, "/app/data/catalog.zip");
        StringAssert.Contains(notChecked.Message, "the zip reader could not read it");
        var leak = output.Errors("SG1005").Single();
        Assert.AreEqual((Path.GetFullPath(project.PathOf("app.env")), 2), (Path.GetFullPath(leak.File), leak.Line), output.ToString());
        StringAssert.Contains(output.Text, "SecretGuard: failed: 2 errors (1 credential, 1 place not fully checked)");
        Assert.IsFalse(output.Text.Contains("   at ", StringComparison.Ordinal), "no stack trace");
        Assert.IsFalse(File.Exists(project.PathOf("image.tar.gz")), "the image was not built");

        // Accepted by path, with a reason, the archive no longer fails the build; the leak still does.
        File.WriteAllText(project.ProjectFile, File.ReadAllText(project.ProjectFile).Replace("</Project>",
            "  <ItemGroup>\n    <SecretGuardSuppress Include=\"SG0004\" ImagePath=\"/app/data/catalog.zip\" Justification=\"vendor catalogue, no credentials\" />\n  </ItemGroup>\n</Project>", StringComparison.Ordinal));
        var accepted = project.PublishContainer($"-p:ContainerArchiveOutputPath={project.PathOf("image.tar.gz")}");

        Assert.IsEmpty(accepted.Errors("SG0004").ToList(), accepted.ToString());
        Assert.HasCount(1, accepted.Errors("SG1005").ToList(), accepted.ToString());
        StringAssert.Contains(accepted.Text, "1 accepted");
    }

    /// <summary>A zip whose one entry's deflate data is broken right at its start.</summary>
    private static byte[] CorruptZip()
    {
        using var ms = new MemoryStream();
        using (var zip = new ZipArchive(ms, ZipArchiveMode.Create, leaveOpen: true))
        using (var entry = zip.CreateEntry("catalog.json", CompressionLevel.Optimal).Open())
        {
            entry.Write(System.Text.Encoding.UTF8.GetBytes("{\"items\": [" + string.Join(",", Enumerable.Range(0, 500).Select(i => $"{{\"id\": {i}}}")) + "]}"));
        }

        var bytes = ms.ToArray();
        var data = 30 + "catalog.json".Length;
        bytes[data] = 0xFF;
        bytes[data + 1] = 0xFF;
        return bytes;
    }
}
