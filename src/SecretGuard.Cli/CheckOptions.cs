using SecretGuard.Findings;
using SecretGuard.ImageReading.Registry;

namespace SecretGuard.Cli;

/// <summary>Which findings make <c>secretguard check</c> exit with 1.</summary>
internal enum FailOn
{
    /// <summary>Findings the build's policy makes errors (the default).</summary>
    Error,

    /// <summary>Every reported finding, warnings too.</summary>
    Warning,

    /// <summary>None: report only (an image that cannot be checked still exits 2).</summary>
    Never,
}

/// <summary>A --suppress value: a fingerprint, a rule, a RULE:GLOB or an image path glob, with why it is accepted.</summary>
internal sealed record SuppressOption(string Pattern, string Justification);

/// <summary>Everything <c>secretguard check</c> was asked to do, parsed and validated.</summary>
internal sealed record CheckOptions
{
    public IReadOnlyList<string> Images { get; init; } = [];

    /// <summary>--all-tags: repositories whose every tag is checked.</summary>
    public IReadOnlyList<string> AllTags { get; init; } = [];

    /// <summary>--catalog: registries whose every repository and tag is checked.</summary>
    public IReadOnlyList<string> Catalogs { get; init; } = [];

    /// <summary>--repository: which catalog repositories (globs; * within a path segment, ** across).</summary>
    public IReadOnlyList<string> RepositoryGlobs { get; init; } = [];

    public Platform? Platform { get; init; }

    public Shard? Shard { get; init; }

    public string? SarifPath { get; init; }

    public string? JsonPath { get; init; }

    public string? BaselinePath { get; init; }

    public bool UpdateBaseline { get; init; }

    public IReadOnlyList<SuppressOption> Suppressions { get; init; } = [];

    public Confidence MinimumConfidence { get; init; } = Confidence.High;

    public FailOn FailOn { get; init; } = FailOn.Error;

    public long? MaxFileBytes { get; init; }

    public TimeSpan? TimeBudget { get; init; }

    /// <summary>The layer cache folder (the MSBuild package's by default); null for no cache.</summary>
    public string? CacheDirectory { get; init; }

    public bool Progress { get; init; }

    public bool Verbose { get; init; }

    public string? RuleHelpUri { get; init; }
}
