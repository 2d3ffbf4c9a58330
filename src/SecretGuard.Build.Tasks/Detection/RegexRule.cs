using System.Text.RegularExpressions;

namespace SecretGuard.Detection;

/// <summary>
/// A rule whose credential is the named group "secret" of one regex, with an optional check
/// (checksum, placeholder vocabulary) that a candidate must pass.
/// </summary>
public abstract class RegexRule : SecretRule
{
    protected abstract Regex Pattern { get; }

    protected virtual string Label => Title;

    /// <summary>What a match is and how sure the rule is of it, when that depends on the candidate; the rule's label and confidence by default.</summary>
    protected virtual (string Label, Confidence? Confidence) Describe(string candidate) => (Label, null);

    /// <summary>Returns false for candidates that are not real credentials (bad checksum, documentation example).</summary>
    protected virtual bool Accept(string candidate, Match match, string text) => !Placeholders.IsPlaceholder(candidate);

    /// <summary>True when a value mixes capitals, small letters and digits, as generated tokens do and words do not.</summary>
    protected static bool MixesCaseAndDigits(string candidate) =>
        candidate.Any(char.IsAsciiLetterUpper) && candidate.Any(char.IsAsciiLetterLower) && candidate.Any(char.IsAsciiDigit);

    /// <summary>
    /// True for credentials that never span lines: the regex then runs only on lines holding a keyword,
    /// which keeps generic patterns (URLs, key=value) fast on large text.
    /// </summary>
    protected virtual bool SingleLine => false;

    public override IEnumerable<SecretMatch> Find(string text)
    {
        if (!SingleLine)
        {
            return Collect(text, Pattern.Match(text));
        }

        var found = new List<SecretMatch>();
        foreach (var (start, length) in KeywordLines(text, Keywords))
        {
            found.AddRange(Collect(text, Pattern.Match(text, start, length)));
        }

        return found;
    }

    private List<SecretMatch> Collect(string text, Match match)
    {
        var found = new List<SecretMatch>();
        for (; match.Success; match = match.NextMatch())
        {
            var group = match.Groups["secret"];
            var secret = group.Success ? group : match;
            var candidate = secret.Value;
            if (Accept(candidate, match, text))
            {
                var (label, confidence) = Describe(candidate);
                found.Add(new SecretMatch(secret.Index, secret.Length, label, confidence));
            }
        }

        return found;
    }
}
