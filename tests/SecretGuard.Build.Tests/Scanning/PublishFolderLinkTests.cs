using SecretGuard.Detection;
using SecretGuard.Reporting;
using SecretGuard.Scanning;
using SecretGuard.SourceMapping;

namespace SecretGuard.Tests.Scanning;

/// <summary>
/// The SDK's app layer holds the files behind a link to a folder in the publish folder (Layer.FromDirectory
/// follows it, and copies them as files), so the gate checks them too; a link that loops is SG0004 at the link.
/// </summary>
[TestClass]
public sealed class PublishFolderLinkTests
{
    private string _root = "";

    private string Publish => Path.Combine(_root, "publish");

    private string Outside => Path.Combine(_root, "outside");

    [TestInitialize]
    public void Init()
    {
        _root = Path.Combine(Path.GetTempPath(), "sg-links-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Publish);
        Directory.CreateDirectory(Outside);
        File.WriteAllText(Path.Combine(Publish, "appsettings.json"), "{ \"Logging\": { \"LogLevel\": \"Information\" } }\n");
    }

    [TestCleanup]
    public void Cleanup() => Directory.Delete(_root, recursive: true);

    private ScanOutcome Check() =>
        ContainerCheck.RunBeforeBuild(new ContainerInputs(null, Publish), new ProjectContext { ProjectFile = Path.Combine(_root, "App.csproj"), WorkingDirectory = "/app" }, RuleSet.Default);

    [TestMethod]
    public void A_credential_in_a_folder_linked_into_the_publish_folder_is_found_there()
    {
        File.WriteAllText(Path.Combine(Outside, "secret.env"), "GITHUB_TOKEN=" + TestSecrets.GitHubToken(seed: 71) + "\n");
        Directory.CreateSymbolicLink(Path.Combine(Publish, "linked"), Outside);

        var outcome = Check();

        var finding = outcome.Diagnostics.Single(d => d.IsFinding);
        Assert.AreEqual(("SG1004", "/app/linked/secret.env"), (finding.Code, finding.ImagePath));
        Assert.AreEqual(2, outcome.Summary.PublishedFiles, "the count handed to the verification is the app layer's, linked files included");
    }

    [TestMethod]
    public void A_link_to_a_folder_above_it_is_SG0004_at_the_link_and_the_rest_is_still_checked()
    {
        File.WriteAllText(Path.Combine(Outside, "secret.env"), "GITHUB_TOKEN=" + TestSecrets.GitHubToken(seed: 72) + "\n");
        Directory.CreateSymbolicLink(Path.Combine(Publish, "linked"), Outside);
        Directory.CreateSymbolicLink(Path.Combine(Outside, "again"), Outside);
        Directory.CreateSymbolicLink(Path.Combine(Publish, "self"), "."); // relative: the publish folder itself
        Directory.CreateSymbolicLink(Path.Combine(Publish, "everything"), Path.GetPathRoot(_root)!);

        var outcome = Check();

        var notChecked = outcome.Diagnostics.Where(d => d.Code == "SG0004").Select(d => d.ImagePath).Order(StringComparer.Ordinal).ToList();
        CollectionAssert.AreEqual(new[] { "/app/everything", "/app/linked/again", "/app/self" }, notChecked);
        StringAssert.Contains(outcome.Diagnostics.First(d => d.Code == "SG0004").Message, "link to a folder that contains it");
        Assert.IsTrue(outcome.Diagnostics.Any(d => d.Code == "SG1004" && d.ImagePath == "/app/linked/secret.env"));
    }

    [TestMethod]
    public void A_link_to_a_folder_beside_it_lists_its_files_at_both_places_as_the_layer_does()
    {
        Directory.CreateDirectory(Path.Combine(Publish, "v2"));
        File.WriteAllText(Path.Combine(Publish, "v2", "config.env"), "GITHUB_TOKEN=" + TestSecrets.GitHubToken(seed: 73) + "\n");
        Directory.CreateSymbolicLink(Path.Combine(Publish, "current"), "v2");

        var outcome = Check();

        CollectionAssert.AreEquivalent(new[] { "/app/current/config.env", "/app/v2/config.env" }, outcome.Diagnostics.Where(d => d.Code == "SG1004").Select(d => d.ImagePath).ToList());
        Assert.IsFalse(outcome.Diagnostics.Any(d => d.Code == "SG0004"));
    }

    [TestMethod]
    public void Links_that_lead_to_the_same_folders_again_and_again_stop_at_a_bound_with_SG0004()
    {
        // Twenty links to the next level in each of 4 levels: 20^4 paths to the last one, from 5 real folders.
        const int Levels = 4, Links = 20;
        for (var i = 0; i <= Levels; i++)
        {
            var level = Path.Combine(Outside, "l" + i);
            Directory.CreateDirectory(level);
            File.WriteAllText(Path.Combine(level, "f.txt"), "x");
            for (var link = 0; i < Levels && link < Links; link++)
            {
                Directory.CreateSymbolicLink(Path.Combine(level, "to" + link), Path.Combine(Outside, "l" + (i + 1)));
            }
        }

        Directory.CreateSymbolicLink(Path.Combine(Publish, "levels"), Path.Combine(Outside, "l0"));

        var listed = PublishFolderListing.Files(Publish);

        var files = listed.Count(f => f.Unreadable is null);
        Assert.IsLessThan(PublishFolderListing.MaxEntriesThroughLinks, files);
        var cut = listed.Where(f => f.Unreadable is not null).ToList();
        Assert.IsNotEmpty(cut);
        StringAssert.Contains(cut[0].Unreadable!.Message, "lead to more than 100,000 files and folders");
    }

    [TestMethod]
    public void A_real_path_resolves_relative_links_from_where_they_really_are()
    {
        // outside/a -> b (relative), outside/b/up -> .. from outside/b, not from where the path went through.
        Directory.CreateDirectory(Path.Combine(Outside, "b"));
        Directory.CreateSymbolicLink(Path.Combine(Outside, "a"), "b");
        Directory.CreateSymbolicLink(Path.Combine(Outside, "b", "up"), "..");
        Directory.CreateSymbolicLink(Path.Combine(Publish, "out"), Path.Combine("..", "outside", "a"));

        Assert.AreEqual(PublishFolderListing.RealPath(Outside), PublishFolderListing.RealPath(Path.Combine(Publish, "out", "up")));
        Assert.AreEqual(Path.Combine(PublishFolderListing.RealPath(Outside)!, "b"), PublishFolderListing.RealPath(Path.Combine(Publish, "out")));
    }
}
