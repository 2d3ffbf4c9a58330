using System.Text;
using SecretGuard.Detection;
using SecretGuard.Findings;
using SecretGuard.ImageReading;
using SecretGuard.Reporting;
using SecretGuard.Scanning;
using SecretGuard.SourceMapping;
using SecretGuard.Tests.ImageReading;

namespace SecretGuard.Tests.Scanning;

/// <summary>
/// The SDK pulls the base image itself, after the gate checked it: when the tag moved in between, the
/// built image's base layers are not the ones the gate read, and the verification reads them.
/// </summary>
[TestClass]
public sealed class BuiltImageBaseLayerTests
{
    private static readonly string Token = TestSecrets.GitHubToken(seed: 331);

    private string _dir = "";

    [TestInitialize]
    public void Init() => Directory.CreateDirectory(_dir = Path.Combine(Path.GetTempPath(), "sg-built-base-" + Guid.NewGuid().ToString("N")));

    [TestCleanup]
    public void Cleanup() => Directory.Delete(_dir, recursive: true);

    /// <summary>Counts the blobs read through it.</summary>
    private sealed class CountingBlobs(IBlobSource inner) : IBlobSource
    {
        public List<string> Read { get; } = [];

        public string Description => inner.Description;

        public bool ReadsConcurrently => inner.ReadsConcurrently;

        public void ReadBlobs(IReadOnlyCollection<Descriptor> wanted, Action<Descriptor, Stream> visit) =>
            inner.ReadBlobs(wanted, (d, blob) =>
            {
                Read.Add(d.Digest);
                visit(d, blob);
            });
    }

    private static readonly byte[] OsLayer = TestImages.Gzip(TestImages.Tar(("etc/os-release", "ID=test\n")));
    private static readonly byte[] LeakyBaseLayer = TestImages.Gzip(TestImages.Tar(("etc/app/creds.env", "GITHUB_TOKEN=" + Token + "\n")));
    private static readonly byte[] AppLayer = TestImages.Gzip(TestImages.Tar(("app/appsettings.json", "{}")));

    /// <summary>The image the SDK wrote as an OCI archive: two base layers (the second holding a token) and its app layer.</summary>
    private (ImageToScan Image, CountingBlobs Blobs) BuiltImage()
    {
        var config = Encoding.UTF8.GetBytes(TestImages.Config(["PATH=/usr/bin"], baseLayers: 2));
        var archive = Path.Combine(_dir, "image.tar");
        TestImages.WriteOciArchive(archive, OsLayer, LeakyBaseLayer, AppLayer, config);
        var image = SdkImageOutputs.Create("image", TestImages.Manifest(TestImages.Layer(config), TestImages.Layer(OsLayer), TestImages.Layer(LeakyBaseLayer), TestImages.Layer(AppLayer)),
            Encoding.UTF8.GetString(config), archive, []);
        var blobs = new CountingBlobs(image.Blobs);
        return (image with { Blobs = blobs }, blobs);
    }

    private ProjectContext Project()
    {
        var project = Path.Combine(_dir, "app.csproj");
        File.WriteAllText(project, "<Project>\n  <PropertyGroup>\n    <ContainerBaseImage>corp/base:1</ContainerBaseImage>\n  </PropertyGroup>\n</Project>\n");
        return new ProjectContext { ProjectFile = project, PropertyFiles = [project], BaseImage = "corp/base:1" };
    }

    /// <summary>What a gate hands over that read other layers: the tag pointed elsewhere when it ran.</summary>
    private static CheckedBaseImage GateReadOtherLayers() =>
        new("corp/base:1", ["sha256:" + new string('a', 64), "sha256:" + new string('b', 64)]);

    [TestMethod]
    public void Base_layers_the_gate_did_not_check_are_read_after_the_build_and_reported_at_the_base_image()
    {
        var (image, blobs) = BuiltImage();
        var project = Project();

        // Handed over as text, as the gate hands it to the verification.
        var handover = GateHandover.Parse(new GateHandover { AppLayerFilesChecked = 1, BaseImageChecked = GateReadOtherLayers() }.ToText());
        var outcome = ContainerCheck.Run([image], project, RuleSet.Default, handover.AppLayerFilesChecked, baseImageCheckedBefore: handover.BaseImageChecked);

        var found = outcome.Diagnostics.Single(d => d.Code == "SG1004");
        Assert.IsTrue(found.IsBaseImage);
        Assert.AreEqual((project.ProjectFile, 3), (found.File, found.Line), "at ContainerBaseImage");
        StringAssert.Contains(found.Message, "/etc/app/creds.env");
        StringAssert.Contains(found.Message, "layer 2 of base image 'corp/base:1'");
        Assert.IsFalse(found.Message.Contains(Token[4..], StringComparison.Ordinal));

        CollectionAssert.AreEquivalent(new[] { TestImages.Digest(OsLayer), TestImages.Digest(LeakyBaseLayer) }, blobs.Read, "the base layers, not the app layer the gate read as the publish folder");
        CollectionAssert.AreEqual(new[] { TestImages.Digest(OsLayer), TestImages.Digest(LeakyBaseLayer) }, outcome.Summary.BaseLayersNotCheckedBefore.ToArray());
        StringAssert.Contains(Wording.Checked(outcome.Summary), "and 2 base layers the gate had not checked (sha256:");
    }

    [TestMethod]
    public void Base_layers_the_gate_checked_are_not_read_again()
    {
        var (image, blobs) = BuiltImage();
        var checkedBefore = new CheckedBaseImage("corp/base:1", [TestImages.Digest(OsLayer), TestImages.Digest(LeakyBaseLayer)]);

        var outcome = ContainerCheck.Run([image], Project(), RuleSet.Default, appLayerFilesCheckedBefore: 1, baseImageCheckedBefore: checkedBefore);

        Assert.IsEmpty(outcome.Diagnostics, "the gate reported what the base layers hold");
        Assert.IsEmpty(blobs.Read);
        Assert.IsEmpty(outcome.Summary.BaseLayersNotCheckedBefore);
        Assert.AreEqual(0, outcome.Summary.Files);
        Assert.IsFalse(Wording.Checked(outcome.Summary).Contains("base layer", StringComparison.Ordinal));
    }

    [TestMethod]
    public void Only_the_base_layer_the_gate_did_not_check_is_read()
    {
        var (image, blobs) = BuiltImage();
        var checkedBefore = new CheckedBaseImage("corp/base:1", [TestImages.Digest(OsLayer), "sha256:" + new string('b', 64)]);

        var outcome = ContainerCheck.Run([image], Project(), RuleSet.Default, appLayerFilesCheckedBefore: 1, baseImageCheckedBefore: checkedBefore);

        Assert.AreEqual("SG1004", outcome.Diagnostics.Single().Code);
        CollectionAssert.AreEqual(new[] { TestImages.Digest(LeakyBaseLayer) }, blobs.Read);
    }

    [TestMethod]
    public void Without_a_base_image_checked_by_the_gate_no_base_layer_is_read()
    {
        var (image, blobs) = BuiltImage();

        var outcome = ContainerCheck.Run([image], Project(), RuleSet.Default, appLayerFilesCheckedBefore: 1);

        Assert.IsEmpty(outcome.Diagnostics);
        Assert.IsEmpty(blobs.Read);
    }

    [TestMethod]
    public void A_base_layer_the_SDK_did_not_store_is_an_error_at_the_base_image_and_the_app_layer_is_still_read()
    {
        // The SDK's content store holds the app layer and one base layer, not the other (a push that mounted it).
        var store = Directory.CreateDirectory(Path.Combine(_dir, "store")).FullName;
        foreach (var blob in new[] { OsLayer, AppLayer })
        {
            File.WriteAllBytes(Path.Combine(store, TestImages.Digest(blob)["sha256:".Length..] + ".tar.gz"), blob);
        }

        var config = TestImages.Config(["PATH=/usr/bin"], baseLayers: 2);
        var image = SdkImageOutputs.Create("image", TestImages.Manifest(TestImages.Layer(Encoding.UTF8.GetBytes(config)), TestImages.Layer(OsLayer), TestImages.Layer(LeakyBaseLayer), TestImages.Layer(AppLayer)),
            config, null, [store]);
        var project = Project();

        var outcome = ContainerCheck.Run([image], project, RuleSet.Default, baseImageCheckedBefore: GateReadOtherLayers());

        var missing = outcome.Diagnostics.Single();
        Assert.AreEqual("SG0002", missing.Code);
        Assert.IsTrue(missing.IsBaseImage);
        Assert.AreEqual((project.ProjectFile, 3), (missing.File, missing.Line), "at ContainerBaseImage");
        StringAssert.Contains(missing.Message, TestImages.Digest(LeakyBaseLayer));
        StringAssert.Contains(missing.Message, "the base image changed between the two");
        Assert.AreEqual(1, outcome.Summary.AppLayers, "the app layer was read all the same");
        CollectionAssert.AreEqual(new[] { TestImages.Digest(OsLayer) }, outcome.Summary.BaseLayersNotCheckedBefore.ToArray());
    }

    [TestMethod]
    public void What_the_gate_checked_of_the_base_image_survives_the_handover()
    {
        var round = GateHandover.Parse(new GateHandover { AppLayerFilesChecked = 3, BaseImageChecked = new CheckedBaseImage("corp/base:1", ["sha256:" + new string('c', 64)]) }.ToText());
        Assert.AreEqual("corp/base:1", round.BaseImageChecked!.Name);
        CollectionAssert.AreEqual(new[] { "sha256:" + new string('c', 64) }, round.BaseImageChecked.LayerDigests.ToArray());
        Assert.IsNull(GateHandover.Parse(new GateHandover { AppLayerFilesChecked = 3 }.ToText()).BaseImageChecked);
    }
}
