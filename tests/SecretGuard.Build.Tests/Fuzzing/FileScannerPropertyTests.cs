using System.Text;
using CsCheck;
using SecretGuard.Detection;
using SecretGuard.Fuzzing;
using SecretGuard.Reporting;
using SecretGuard.Scanning;
using SecretGuard.Findings;

namespace SecretGuard.Tests.Fuzzing;

/// <summary>
/// Fault isolation as a property: whatever a file holds (valid samples of every format a file in an image
/// may be, mutated), FileScanner.Scan throws nothing and returns findings, an unreadable file being one
/// SG0004 that names its reader and a documented reason; and the same scanner still finds a credential
/// planted in the next file.
/// </summary>
[TestClass]
public sealed class FileScannerPropertyTests
{
    private const string PlantedPath = "/app/appsettings.Production.json";

    /// <summary>Valid files of every kind, each at a path that sends it to its reader.</summary>
    private static List<(string Name, byte[] Data)> Files()
    {
        var fixtures = ReaderPropertyTests.Fixtures;
        var files = new List<(string Name, byte[] Data)>();

        // The file target's inputs are already "path byte, content"; the other formats get a path here.
        files.AddRange(SeedInputs.For("file", fixtures));
        void Add(string target, string path) => files.AddRange(SeedInputs.For(target, fixtures)
            .Select(s => ($"{target}/{s.Name}", (byte[])[(byte)Array.IndexOf(FuzzTargets.FilePaths, path), .. s.Data])));
        Add("assembly", "/app/App.dll");
        Add("bundle", "/app/App");
        Add("pkcs12", "/app/cert.pfx");
        Add("jks", "/app/keystore.jks");
        Add("nativeaot", "/usr/bin/tool");
        Add("rules", "/app/appsettings.json");
        foreach (var (name, data) in SeedInputs.For("nested", fixtures))
        {
            // A nested seed's first byte is its archive kind; the file target's is the path.
            var path = FuzzTargets.NestedKinds[data[0] % FuzzTargets.NestedKinds.Length].Path;
            files.Add(($"nested/{name}", [(byte)Array.IndexOf(FuzzTargets.FilePaths, path), .. data.AsSpan(1)]));
        }

        return files;
    }

    /// <summary>Mutations leave the first byte (the path) alone: the content is what is hostile.</summary>
    private static Gen<(string Seed, Mutation[] Mutations, byte[] Input)> MutatedFiles(List<(string Name, byte[] Data)> files) =>
        Mutation.Of(files.Select(f => (f.Name, f.Data[1..])).ToList()).Select(sample =>
            (sample.Seed, sample.Mutations, (byte[])[files.First(f => f.Name == sample.Seed).Data[0], .. sample.Input]));

    [TestMethod]
    public void A_mutated_file_gives_findings_or_a_named_SG0004_and_a_credential_in_the_next_file_is_still_found()
    {
        var files = Files();
        var planted = SeedInputs.Token(4242);
        var plantedFile = Encoding.UTF8.GetBytes("{ \"GitHub\": { \"Token\": \"" + planted + "\" } }\n");
        var expected = new FileScanner(RuleSet.Default).Scan(PlantedPath, plantedFile.Length, new MemoryStream(plantedFile), 0, FuzzTargets.StateLayerDigest).Findings.Single();

        ReaderPropertyTests.ForEach(MutatedFiles(files), 150, "dMfWqKf7d2cd", sample =>
        {
            var path = FuzzTargets.FilePaths[sample.Input[0] % FuzzTargets.FilePaths.Length];
            var content = sample.Input[1..];
            ReaderPropertyTests.Within(ReaderPropertyTests.PerInput, $"{path} from {sample.Seed}", () =>
            {
                var scanner = new FileScanner(RuleSet.Default);
                var findings = scanner.Scan(path, content.Length, new MemoryStream(content, writable: false), 0, FuzzTargets.StateLayerDigest).Findings;
                foreach (var notChecked in findings.Where(f => f.IsNotChecked))
                {
                    var at = (LayerFileLocation)notChecked.Location;
                    Assert.IsTrue(at.Path == path || at.Path.StartsWith(path + NestedArchives.Separator, StringComparison.Ordinal) || at.Bundle == path,
                        $"an SG0004 is at the file (or the entry in it) that could not be read, not at {at.Path}");
                    StringAssert.Contains(notChecked.Label, "could not read it: ", "an SG0004 names its reader and the reason");
                }

                FuzzTargets.AssertNoReaderFault(findings);

                var next = scanner.Scan(PlantedPath, plantedFile.Length, new MemoryStream(plantedFile, writable: false), 0, FuzzTargets.StateLayerDigest).Findings;
                Assert.IsTrue(next.Any(f => f.RuleId == expected.RuleId && f.Fingerprint == expected.Fingerprint),
                    $"the credential planted in {PlantedPath} is still found after {path}");
            });
        });
    }

    [TestMethod]
    public void The_planted_credential_is_a_finding_of_its_own()
    {
        var planted = Encoding.UTF8.GetBytes("{ \"GitHub\": { \"Token\": \"" + SeedInputs.Token(4242) + "\" } }\n");
        var finding = new FileScanner(RuleSet.Default).Scan(PlantedPath, planted.Length, new MemoryStream(planted), 0, FuzzTargets.StateLayerDigest).Findings.Single();
        Assert.IsFalse(finding.IsNotChecked);
    }
}
