using SecretGuard.Detection;
using SecretGuard.Reporting;
using SecretGuard.Findings;

namespace SecretGuard.Tests.Reporting;

[TestClass]
public sealed class FindingGroupsTests
{
    private static Diagnostic Place(string code, string file, int line, string place, string secretKey, Confidence confidence = Confidence.High, bool baseImage = false, bool thirdParty = false) =>
        new(code, file, line, 1, $"{code} in {place}. Revoke and rotate it (fingerprint sg1:{line:D20})", IsFinding: true, thirdParty, $"sg1:{line:D20}", null, place, baseImage, confidence) { SecretKey = secretKey };

    [TestMethod]
    public void Places_of_one_secret_become_one_finding_at_the_surest_project_place()
    {
        var merged = FindingGroups.Merge(
        [
            Place("SG1010", "/p/base.props", 3, "env:A", "k1", Confidence.Medium),
            Place("SG1025", "/p/app.csproj", 7, "file:/app/x.env", "k1", baseImage: true),
            Place("SG1025", "/p/settings.json", 9, "file:/app/settings.json", "k1"),
            Place("SG1030", "/p/other.json", 2, "file:/app/other.json", "k2"),
        ], "/p");

        Assert.HasCount(2, merged);
        var first = merged[0];
        Assert.AreEqual(("SG1025", "/p/settings.json", 9), (first.Code, first.File, first.Line), "high confidence, then the project's own over the base image's");
        CollectionAssert.AreEqual(new[] { "file:/app/x.env", "env:A" }, first.AlsoAt.Select(d => d.Place).ToList());
        StringAssert.Contains(first.Message, "The same credential is also in 2 other places: /app/x.env (base image) at app.csproj(7); ENV A at base.props(3). Remove it from each.");
        StringAssert.EndsWith(first.Message, "(fingerprint sg1:00000000000000000009)");
        Assert.IsEmpty(merged[1].AlsoAt);
        Assert.AreEqual(2, FindingGroups.CountCredentials(merged.SelectMany(d => d.AllPlaces)));
    }

    [TestMethod]
    public void Many_places_are_named_up_to_a_limit_and_failures_pass_through()
    {
        var places = Enumerable.Range(1, 9).Select(i => Place("SG1001", $"/p/f{i}.json", i, $"file:/app/f{i}.json", "same")).ToList();
        var failure = new Diagnostic("SG0003", "/p/app.csproj", 0, 0, "could not read", IsFinding: false);
        var merged = FindingGroups.Merge(places.Prepend(failure), "/p");

        Assert.HasCount(2, merged);
        Assert.AreEqual(failure, merged[0]);
        Assert.HasCount(8, merged[1].AlsoAt);
        StringAssert.Contains(merged[1].Message, "also in 8 other places");
        StringAssert.Contains(merged[1].Message, "; and 3 more.");
    }

    [TestMethod]
    public void Merging_again_keeps_each_place_once()
    {
        var once = FindingGroups.Merge([Place("SG1001", "/p/a", 1, "file:/a", "s"), Place("SG1001", "/p/b", 2, "file:/b", "s")], "/p");
        var twice = FindingGroups.Merge(once.Concat(once), "/p");
        Assert.HasCount(1, twice);
        Assert.HasCount(1, twice[0].AlsoAt);
    }

    [TestMethod]
    public void Lines_of_one_file_that_point_at_one_source_are_each_a_place()
    {
        // Three lines of a base image's compose file, all reported at ContainerBaseImage; the same line twice
        // (the gate and the verification after the build) is one place.
        Diagnostic At(int imageLine) => Place("SG1008", "/p/app.csproj", 5, "file:/app/docker-compose.yml", "s", baseImage: true) with { ImageLine = imageLine };
        var merged = FindingGroups.Merge([At(4), At(7), At(10), At(4)], "/p");

        Assert.HasCount(1, merged);
        Assert.HasCount(2, merged[0].AlsoAt);
        StringAssert.Contains(merged[0].Message, "also in 2 other places: /app/docker-compose.yml line 7 (base image) at app.csproj(5); /app/docker-compose.yml line 10 (base image) at app.csproj(5).");
    }
}
