using System.Formats.Tar;
using System.Security.Cryptography;
using System.Text;
using SecretGuard.Detection;
using SecretGuard.Fuzzing;
using SecretGuard.ImageReading;
using SecretGuard.Reporting;
using SecretGuard.Scanning;
using SecretGuard.Findings;

namespace SecretGuard.Tests.Fuzzing;

/// <summary>
/// The same promise one level up: a layer holding a hostile file, or a layer whose own bytes are damaged,
/// gives findings (an SG0004 at the file, or the layer's own failure at the layer), never an exception;
/// and a credential planted in another file of a readable layer is still reported.
/// </summary>
[TestClass]
public sealed class LayerScannerPropertyTests
{
    private const string PlantedPath = "app/appsettings.Production.json";

    private static readonly string Planted = SeedInputs.Token(5151);

    private static byte[] PlantedFile => Encoding.UTF8.GetBytes("{ \"GitHub\": { \"Token\": \"" + Planted + "\" } }\n");

    private static Descriptor Describe(byte[] blob) =>
        new("application/vnd.oci.image.layer.v1.tar+gzip", "sha256:" + Convert.ToHexString(SHA256.HashData(blob)).ToLowerInvariant(), blob.Length);

    private static List<Finding> ScanLayer(byte[] blob)
    {
        var (result, failure) = new LayerScanner(new FileScanner(RuleSet.Default)).Scan(Describe(blob), new MemoryStream(blob, writable: false), layerIndex: 1);
        return failure is null ? [.. result.Findings] : [.. result.Findings, failure];
    }

    private static bool FindsPlanted(IEnumerable<Finding> findings) =>
        findings.Any(f => !f.IsNotChecked && f.Location is LayerFileLocation { Path: "/" + PlantedPath } && f.RuleId == "SG1004");

    [TestMethod]
    public void The_planted_credential_is_found_in_a_clean_layer() =>
        Assert.IsTrue(FindsPlanted(ScanLayer(SeedInputs.Gzip(SeedInputs.Tar(TarEntryFormat.Pax, (PlantedPath, PlantedFile))))));

    [TestMethod]
    public void The_layer_seed_with_pax_records_and_a_gzip_comment_has_each_credential_found_where_it_is()
    {
        var seed = SeedInputs.For("layer", ReaderPropertyTests.Fixtures).Single(s => s.Name == "pax-records.tar.gz").Data;
        var places = ScanLayer(seed).Where(f => f.RuleId == "SG1004").Select(f => ((LayerFileLocation)f.Location).Path).Order(StringComparer.Ordinal);

        Assert.AreEqual("/(gzip member 1 comment) | /app/a.json (PAX records)", string.Join(" | ", places));
    }

    [TestMethod]
    public void A_hostile_file_in_a_layer_leaves_the_credential_in_the_next_file_found()
    {
        // Any file of any kind, mutated, at the path that sends it to its reader; the planted file after it.
        var files = SeedInputs.For("file", ReaderPropertyTests.Fixtures);
        ReaderPropertyTests.ForEach(Mutation.Of(files), 60, "eNgXrLg6c3de", sample =>
        {
            if (sample.Input.Length == 0)
            {
                return;
            }

            var path = FuzzTargets.FilePaths[sample.Input[0] % FuzzTargets.FilePaths.Length].TrimStart('/');
            var layer = SeedInputs.Gzip(SeedInputs.Tar(TarEntryFormat.Pax, (path, sample.Input[1..]), (PlantedPath, PlantedFile)));
            ReaderPropertyTests.Within(ReaderPropertyTests.PerInput, $"a layer with {path} from {sample.Seed}", () =>
            {
                var findings = ScanLayer(layer);
                FuzzTargets.AssertNoReaderFault(findings);
                Assert.IsTrue(FindsPlanted(findings), $"the credential planted after {path} ({sample.Seed} mutated) is still found");
            });
        });
    }

    [TestMethod]
    public void A_damaged_layer_gives_findings_or_its_own_failure_never_an_exception()
    {
        ReaderPropertyTests.ForEach(Mutation.Of(SeedInputs.For("layer", ReaderPropertyTests.Fixtures)), 100, "fOhYsMh5b4ef", sample =>
            ReaderPropertyTests.Within(ReaderPropertyTests.PerInput, $"layer {sample.Seed} mutated", () =>
            {
                var findings = ScanLayer(sample.Input);
                FuzzTargets.AssertNoReaderFault(findings);
                foreach (var failure in findings.Where(f => f.Location is LayerLocation))
                {
                    Assert.DoesNotContain("a fault of SecretGuard's", failure.Label, "a damaged layer is named for what is wrong with it");
                }
            }));
    }
}
