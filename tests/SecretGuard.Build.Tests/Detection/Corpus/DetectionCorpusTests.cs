using System.Globalization;
using System.Text;
using SecretGuard.Detection;
using SecretGuard.Findings;

namespace SecretGuard.Tests.Detection.Corpus;

/// <summary>
/// Recall and blocks on the judged corpus (<see cref="DetectionCorpus"/>): judged-real credentials found
/// by the rule that should find them (at least 98%), values that cannot be credentials failing a build (at
/// most 2). Each sample is drawn with three seeds. With SG_DETECTION_REPORT set to a file, the figures and
/// every miss and block are written there (scripts/detection-figures.sh).
/// </summary>
[TestClass]
public sealed class DetectionCorpusTests
{
    private static readonly int[] Seeds = [1, 2, 3];

    internal sealed record Outcome(JudgedSample Sample, int Seed, string Text, IReadOnlyList<RuleHit> Hits)
    {
        public bool Found => Sample.Rule is { } rule && Hits.Any(h => h.Rule.Id == rule);

        public bool FoundAsError => Sample.Rule is { } rule && Hits.Any(h => h.Rule.Id == rule && IsError(h));

        public bool Blocks => Hits.Any(IsError);

        private static bool IsError(RuleHit h) => (h.Match.Confidence ?? h.Rule.Confidence) == Confidence.High;
    }

    internal static List<Outcome> Run() =>
        [.. DetectionCorpus.Samples.SelectMany(sample => Seeds.Select(seed =>
        {
            var text = sample.Text(seed);
            return new Outcome(sample, seed, text, RuleSet.Default.Scan(text + "\n", sample.Origin));
        }))];

    [TestMethod]
    public void Recall_is_at_least_98_percent_and_at_most_two_values_that_cannot_be_credentials_block()
    {
        var outcomes = Run();
        var real = outcomes.Where(o => o.Sample.MustFind).ToList();
        var notCredentials = outcomes.Where(o => !o.Sample.MustFind).ToList();
        var recall = (double)real.Count(o => o.Found) / real.Count;
        var blocks = notCredentials.Where(o => o.Blocks).ToList();
        var report = Report(outcomes);
        if (Environment.GetEnvironmentVariable("SG_DETECTION_REPORT") is { Length: > 0 } path)
        {
            File.WriteAllText(path, report);
        }

        Assert.IsGreaterThanOrEqualTo(0.98, recall, report);
        Assert.IsLessThanOrEqualTo(2, blocks.Count, report);
    }

    [TestMethod]
    public void Every_sample_is_judged_with_its_source_and_names_a_rule_that_exists()
    {
        var ids = RuleSet.Default.Rules.Select(r => r.Id).ToHashSet();
        foreach (var sample in DetectionCorpus.Samples)
        {
            Assert.IsFalse(string.IsNullOrWhiteSpace(sample.Judgement), sample.Name);
            Assert.IsFalse(string.IsNullOrWhiteSpace(sample.Source), sample.Name);
            if (sample.Rule is { } rule)
            {
                Assert.Contains(rule, ids, $"{sample.Name}: no rule {rule}");
            }
        }

        Assert.AreEqual(DetectionCorpus.Samples.Count, DetectionCorpus.Samples.Select(s => s.Name).Distinct().Count(), "names are unique");
    }

    internal static string Report(List<Outcome> outcomes)
    {
        var real = outcomes.Where(o => o.Sample.MustFind).ToList();
        var notCredentials = outcomes.Where(o => !o.Sample.MustFind).ToList();
        var text = new StringBuilder();
        string Percent(int n, int of) => (100.0 * n / of).ToString("0.0", CultureInfo.InvariantCulture) + "%";
        text.AppendLine(CultureInfo.InvariantCulture, $"samples: {DetectionCorpus.Samples.Count} ({DetectionCorpus.Samples.Count(s => s.MustFind)} must find, {DetectionCorpus.Samples.Count(s => !s.MustFind)} must not fail a build), {Seeds.Length} seeds each");
        text.AppendLine(CultureInfo.InvariantCulture, $"recall: {real.Count(o => o.Found)}/{real.Count} = {Percent(real.Count(o => o.Found), real.Count)} found by the expected rule; {Percent(real.Count(o => o.FoundAsError), real.Count)} as an error");
        text.AppendLine(CultureInfo.InvariantCulture, $"blocks: {notCredentials.Count(o => o.Blocks)} of {notCredentials.Count} values that cannot be credentials fail a build; {notCredentials.Count(o => o.Hits.Count > 0)} are reported at all");
        foreach (var o in real.Where(o => !o.Found))
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"  missed: {o.Sample.Name} (seed {o.Seed}, {o.Sample.Rule}): got [{string.Join(", ", o.Hits.Select(h => h.Rule.Id))}]");
        }

        foreach (var o in notCredentials.Where(o => o.Blocks))
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"  blocks: {o.Sample.Name} (seed {o.Seed}): [{string.Join(", ", o.Hits.Select(h => h.Rule.Id))}]");
        }

        return text.ToString();
    }
}
