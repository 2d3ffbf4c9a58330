using SecretGuard.Detection;

namespace SecretGuard.Tests.Detection.Corpus;

/// <summary>
/// One judged sample of the detection corpus: a line as configuration, scripts or code hold it, built at run
/// time (random bodies in the vendor's documented shape, so no literal credential sits in the repository).
/// </summary>
/// <param name="Name">What the sample is.</param>
/// <param name="Rule">The rule that must find it; null when the value cannot be a credential and must not fail a build.</param>
/// <param name="Text">The line, built from a seed.</param>
/// <param name="Judgement">Why it is, or cannot be, a credential.</param>
/// <param name="Source">Where the shape is documented (vendor docs, SDK, key-format specification) or where such near misses occur.</param>
internal sealed record JudgedSample(string Name, string? Rule, Func<int, string> Text, string Judgement, string Source)
{
    public TextOrigin Origin { get; init; } = TextOrigin.File;

    public bool MustFind => Rule is not null;
}
