using System.Text.RegularExpressions;

namespace SecretGuard.Detection;

/// <summary>
/// A detector for one kind of credential. Rules only see text; where the text came from
/// (ENV, a label, a file in a layer) is the scanner's business.
/// </summary>
public abstract class SecretRule
{
    /// <summary>Regexes never get more than this on one piece of text; a timeout is reported, not swallowed.</summary>
    protected static readonly TimeSpan MatchTimeout = TimeSpan.FromSeconds(2);

    protected const RegexOptions Fast = RegexOptions.Compiled | RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture;

    /// <summary>The diagnostic code, e.g. SG1001.</summary>
    public abstract string Id { get; }

    /// <summary>A short name of what the rule finds.</summary>
    public abstract string Title { get; }

    public abstract Confidence Confidence { get; }

    /// <summary>Rules that name a specific format win over generic ones when both match the same text.</summary>
    public virtual bool IsGeneric => false;

    /// <summary>How to revoke this kind of credential, when there is something specific to say; empty otherwise.</summary>
    public virtual string RotationHint => "";

    /// <summary>
    /// Cheap case-insensitive substrings; the rule's regex runs only on text containing one of them.
    /// </summary>
    public abstract IReadOnlyList<string> Keywords { get; }

    /// <summary>Finds the credentials in <paramref name="text"/>.</summary>
    public abstract IEnumerable<SecretMatch> Find(string text);

    /// <summary>True when any keyword occurs in the text.</summary>
    public bool MayMatch(string text)
    {
        foreach (var keyword in Keywords)
        {
            if (text.Contains(keyword, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    protected static Regex Compile(string pattern, RegexOptions extra = RegexOptions.None) =>
        new(pattern, Fast | extra, MatchTimeout);
}
