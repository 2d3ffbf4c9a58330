using SecretGuard.Findings;

namespace SecretGuard.Detection;

/// <summary>One credential found by a rule in a piece of text.</summary>
/// <param name="Index">Offset of the secret value in the scanned text.</param>
/// <param name="Length">Length of the secret value.</param>
/// <param name="Label">What was found, e.g. "GitHub personal access token" or "value of DB_PASSWORD".</param>
/// <param name="Confidence">How sure the rule is of this match, when that differs from the rule's own confidence.</param>
internal sealed record SecretMatch(int Index, int Length, string Label, Confidence? Confidence = null)
{
    public int End => Index + Length;
}
