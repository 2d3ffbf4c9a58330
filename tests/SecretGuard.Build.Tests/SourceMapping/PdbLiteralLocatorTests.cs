using System.Runtime.CompilerServices;
using SecretGuard.Detection;
using SecretGuard.Scanning;
using SecretGuard.SourceMapping;

namespace SecretGuard.Tests.SourceMapping;

[TestClass]
public sealed class PdbLiteralLocatorTests
{
    /// <summary>The compiler folds these pieces into one literal that no source line holds verbatim.</summary>
    private static class Folded
    {
        public static string StripeKey() => "sk" + "_live_" + "Q7xZp2LmN9vB4kR8" + "tY3wH6jD";
    }

    private static string ThisFile([CallerFilePath] string path = "") => path;

    private static AssemblyHit FoldedHit(Func<Stream?>? pdb)
    {
        var assembly = typeof(PdbLiteralLocatorTests).Assembly.Location;
        var hits = new AssemblyScanner(RuleSet.Default).Scan(File.ReadAllBytes(assembly), pdb)!;
        return hits.Single(h => h.Rule.Id == "SG1005" && h.Secret == Folded.StripeKey());
    }

    [TestMethod]
    public void A_literal_built_from_pieces_is_placed_at_the_line_that_loads_it_through_the_side_by_side_pdb()
    {
        var pdb = Path.ChangeExtension(typeof(PdbLiteralLocatorTests).Assembly.Location, ".pdb");
        Assert.IsTrue(File.Exists(pdb), "the test assembly is built with a portable PDB beside it");

        var hit = FoldedHit(() => File.OpenRead(pdb));

        var expectedLine = Array.FindIndex(File.ReadAllLines(ThisFile()), l => l.Contains("Q7xZp2LmN9vB4kR8", StringComparison.Ordinal)) + 1;
        Assert.IsNotNull(hit.CodeLocation);
        Assert.AreEqual((Path.GetFullPath(ThisFile()), expectedLine), (Path.GetFullPath(hit.CodeLocation.File), hit.CodeLocation.Line));
        StringAssert.Contains(hit.Member, "PdbLiteralLocatorTests+Folded.StripeKey");
    }

    [TestMethod]
    public void Without_a_pdb_the_member_that_loads_it_is_still_named()
    {
        var hit = FoldedHit(pdb: null);
        Assert.IsNull(hit.CodeLocation);
        StringAssert.Contains(hit.Member, "Folded.StripeKey");
    }

    [TestMethod]
    public void A_pdb_of_another_assembly_is_not_trusted()
    {
        // The SecretGuard task assembly's PDB does not match the test assembly: ignored, not misread.
        var other = Path.ChangeExtension(typeof(AssemblyScanner).Assembly.Location, ".pdb");
        Assert.IsTrue(File.Exists(other));
        var hit = FoldedHit(() => File.OpenRead(other));
        Assert.IsNull(hit.CodeLocation);
    }

    [TestMethod]
    public void IL_operands_are_not_mistaken_for_ldstr()
    {
        // ldc.i4 0x72727272; ldstr 0x70000005; ret — the first operand's bytes look like ldstr opcodes.
        byte[] il = [0x20, 0x72, 0x72, 0x72, 0x72, 0x72, 0x05, 0x00, 0x00, 0x70, 0x2A];
        CollectionAssert.AreEqual(new[] { (5, 0x70000005) }, PdbLiteralLocator.StringLoads(il).ToList());
    }
}
