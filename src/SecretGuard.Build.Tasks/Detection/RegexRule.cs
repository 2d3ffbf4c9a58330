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

    /// <summary>Returns false for candidates that are not real credentials (bad checksum, documentation example).</summary>
    protected virtual bool Accept(string candidate, Match match, string text) => !Placeholders.IsPlaceholder(candidate);

    public override IEnumerable<SecretMatch> Find(string text)
    {
        foreach (Match match in Pattern.Matches(text))
        {
            var group = match.Groups["secret"];
            var secret = group.Success ? group : match;
            if (Accept(secret.Value, match, text))
            {
                yield return new SecretMatch(secret.Index, secret.Length, Label);
            }
        }
    }
}
