using System.CommandLine;
using System.Globalization;
using SecretGuard.Findings;
using SecretGuard.ImageReading.Registry;
using SecretGuard.Reporting;
using SecretGuard.Scanning;

namespace SecretGuard.Cli;

/// <summary>
/// The command line of <c>secretguard</c>: its commands and options (System.CommandLine, whose help reads
/// like dotnet's own), and the check's settings from a parse. A usage error exits with 64.
/// </summary>
internal static class CheckCommandLine
{
    private static readonly Argument<string[]> ImagesArgument = new("image")
    {
        Description = "Images to check: a registry reference (host/repo:tag, host/repo@sha256:…), an OCI image layout folder, an image archive (.tar or .tar.gz, as docker save, podman save and ContainerArchiveOutputPath write), docker:NAME or podman:NAME (read through the engine's own save).",
        Arity = ArgumentArity.ZeroOrMore,
    };

    private static readonly Option<string?> PlatformOption = new("--platform") { Description = "Check only this platform of a multi-platform image (such as linux/amd64). Default: every platform.", HelpName = "os/arch[/variant]" };
    private static readonly Option<string[]> AllTagsOption = new("--all-tags") { Description = "Check every tag of this repository (host/repo). Repeatable.", HelpName = "host/repo", Arity = ArgumentArity.OneOrMore, AllowMultipleArgumentsPerToken = false };
    private static readonly Option<string[]> CatalogOption = new("--catalog") { Description = "Check every tag of every repository in this registry's catalog. Repeatable.", HelpName = "host", Arity = ArgumentArity.OneOrMore };
    private static readonly Option<string[]> RepositoryOption = new("--repository") { Description = "With --catalog: only repositories matching this glob (* within a path segment, ** across segments). Repeatable.", HelpName = "glob", Arity = ArgumentArity.OneOrMore };
    private static readonly Option<string?> ShardOption = new("--shard") { Description = "Check only shard K of N of the images (1-based), chosen by a hash of each image reference: the same split in every CI job.", HelpName = "K/N" };
    private static readonly Option<string?> SarifOption = new("--sarif") { Description = "Write a SARIF 2.1.0 report to this file.", HelpName = "file" };
    private static readonly Option<string?> JsonOption = new("--json") { Description = "Write a JSON report to this file.", HelpName = "file" };
    private static readonly Option<string?> BaselineOption = new("--baseline") { Description = "Accept the findings in this baseline (secretguard.baseline.json, as the MSBuild package writes it).", HelpName = "file" };
    private static readonly Option<bool> UpdateBaselineOption = new("--update-baseline") { Description = "Write every current finding into the --baseline file instead of failing on it." };
    private static readonly Option<string[]> SuppressOption = new("--suppress") { Description = "Accept findings: FINGERPRINT=WHY, RULE=WHY, RULE:GLOB=WHY or /image/path/GLOB=WHY (such as SG1010:/app/**/*.json=\"test fixture\"). Repeatable.", HelpName = "pattern=why", Arity = ArgumentArity.OneOrMore };
    private static readonly Option<string?> MinConfidenceOption = new("--min-confidence") { Description = "The least confidence that fails: high (default: medium-confidence findings are warnings) or medium.", HelpName = "high|medium" };
    private static readonly Option<string?> FailOnOption = new("--fail-on") { Description = "Exit 1 on: error (default: findings the build would fail on), warning (every finding) or never.", HelpName = "error|warning|never" };
    private static readonly Option<string?> MaxFileSizeOption = new("--max-file-size") { Description = "Do not read files larger than this (such as 50MB); they are named in the verdict line.", HelpName = "size" };
    private static readonly Option<double?> TimeBudgetOption = new("--time-budget") { Description = "Stop with an error (SG0004) when the check takes longer than this many seconds (more than 0, at most 86400).", HelpName = "seconds" };
    private static readonly Option<string?> CacheOption = new("--cache-dir") { Description = "The layer cache folder (default: the one the MSBuild package uses, so a base checked by a publish is not read again).", HelpName = "folder" };
    private static readonly Option<bool> NoCacheOption = new("--no-cache") { Description = "Read every layer, and keep no results." };
    private static readonly Option<bool> ProgressOption = new("--progress") { Description = "Show progress on stderr even when it is not a terminal." };
    private static readonly Option<bool> VerboseOption = new("--verbose", "-v") { Description = "Say on stderr what is read: images, layers read, layers from the cache." };
    private static readonly Option<string?> HelpUriOption = new("--rule-help-uri") { Description = "Each rule's documentation address in SARIF, with {0} for the rule id.", HelpName = "uri" };

    /// <summary>The root command; <paramref name="run"/> performs a check and returns its exit code.</summary>
    public static RootCommand Create(Func<CheckOptions, int> run, TextWriter error)
    {
        var check = new Command("check", "Check container images for credentials, as the SecretGuard.Build package checks the image of a dotnet publish.");
        check.Arguments.Add(ImagesArgument);
        foreach (var option in new Option[]
                 {
                     PlatformOption, AllTagsOption, CatalogOption, RepositoryOption, ShardOption, SarifOption, JsonOption, BaselineOption, UpdateBaselineOption,
                     SuppressOption, MinConfidenceOption, FailOnOption, MaxFileSizeOption, TimeBudgetOption, CacheOption, NoCacheOption, ProgressOption, VerboseOption, HelpUriOption,
                 })
        {
            check.Options.Add(option);
        }

        check.SetAction(parse =>
        {
            if (!TryRead(parse, out var settings, out var problem))
            {
                error.WriteLine($"secretguard: {problem}");
                error.WriteLine("Run 'secretguard check --help' for usage.");
                return ExitCodes.Usage;
            }

            return run(settings!);
        });

        var root = new RootCommand("secretguard: find credentials in container images before they are promoted (exit codes: 0 clean, 1 findings, 2 not fully checked, 64 usage).");
        root.Subcommands.Add(check);
        return root;
    }

    /// <summary>Parses and runs; a parse error is exit code 64 with the parser's own words.</summary>
    public static int Run(string[] args, Func<CheckOptions, int> run, TextWriter output, TextWriter error)
    {
        var root = Create(run, error);
        var parse = root.Parse(args);
        if (parse.Errors.Count > 0 && parse.Action is System.CommandLine.Invocation.ParseErrorAction)
        {
            foreach (var e in parse.Errors)
            {
                error.WriteLine($"secretguard: {e.Message}");
            }

            error.WriteLine("Run 'secretguard --help' for usage.");
            return ExitCodes.Usage;
        }

        if (args.Length == 0)
        {
            // No command: help, as dotnet does, but a usage error for scripts.
            parse = root.Parse(["--help"]);
            parse.Invoke(new InvocationConfiguration { Output = error, Error = error });
            return ExitCodes.Usage;
        }

        return parse.Invoke(new InvocationConfiguration { Output = output, Error = error, EnableDefaultExceptionHandler = false });
    }

    /// <summary>The settings of a parse of the check command; false with the problem for values that do not make sense.</summary>
    internal static bool TryRead(ParseResult parse, out CheckOptions? settings, out string problem)
    {
        settings = null;
        problem = "";
        var images = parse.GetValue(ImagesArgument) ?? [];
        var allTags = parse.GetValue(AllTagsOption) ?? [];
        var catalogs = parse.GetValue(CatalogOption) ?? [];
        var repositories = parse.GetValue(RepositoryOption) ?? [];
        if (images.Length + allTags.Length + catalogs.Length == 0)
        {
            problem = "name at least one image to check (or use --all-tags or --catalog)";
            return false;
        }

        foreach (var image in images)
        {
            if (image.StartsWith('-'))
            {
                problem = $"unknown option '{image}'";
                return false;
            }

            if (!ImageTarget.TryParse(image, out _, out var imageProblem))
            {
                problem = imageProblem;
                return false;
            }
        }

        if (repositories.Length > 0 && catalogs.Length == 0)
        {
            problem = "--repository selects repositories of a --catalog; add --catalog HOST";
            return false;
        }

        foreach (var repository in allTags)
        {
            if (!repository.Contains('/') || repository.Contains(':') && repository.LastIndexOf(':') > repository.LastIndexOf('/') || repository.Contains('@'))
            {
                problem = $"--all-tags takes a repository with its registry, such as registry.example.com/team/app (no tag), not '{repository}'";
                return false;
            }
        }

        Platform? platform = null;
        if (parse.GetValue(PlatformOption) is { } platformText)
        {
            var parts = platformText.Split('/');
            if (parts.Length is < 2 or > 3 || parts.Any(p => p.Length == 0))
            {
                problem = $"--platform must be os/arch or os/arch/variant, such as linux/amd64, not '{platformText}'";
                return false;
            }

            platform = new Platform(parts[0], parts[1], parts.Length == 3 ? parts[2] : "");
        }

        Shard? shard = null;
        if (parse.GetValue(ShardOption) is { } shardText && !Shard.TryParse(shardText, out shard, out problem))
        {
            return false;
        }

        var confidence = Confidence.High;
        switch (parse.GetValue(MinConfidenceOption)?.Trim().ToLowerInvariant())
        {
            case null or "high":
                break;
            case "medium":
                confidence = Confidence.Medium;
                break;
            case var other:
                problem = $"--min-confidence must be high or medium, not '{other}'";
                return false;
        }

        FailOn failOn;
        switch (parse.GetValue(FailOnOption)?.Trim().ToLowerInvariant())
        {
            case null or "error":
                failOn = FailOn.Error;
                break;
            case "warning":
                failOn = FailOn.Warning;
                break;
            case "never" or "none":
                failOn = FailOn.Never;
                break;
            case var other:
                problem = $"--fail-on must be error, warning or never, not '{other}'";
                return false;
        }

        long? maxBytes = null;
        if (parse.GetValue(MaxFileSizeOption) is { } sizeText)
        {
            if (!ScanLimits.TryParseSize(sizeText, out var bytes))
            {
                problem = $"--max-file-size must be a positive size such as 50MB, 512KB or 1GB (or a number of bytes), not '{sizeText}'";
                return false;
            }

            maxBytes = bytes;
        }

        TimeSpan? budget = null;
        if (parse.GetValue(TimeBudgetOption) is { } seconds)
        {
            if (seconds is <= 0 or > CheckSettings.MaxTimeBudgetSeconds || double.IsNaN(seconds))
            {
                problem = $"--time-budget must be a number of seconds greater than 0 and at most {CheckSettings.MaxTimeBudgetSeconds}, not {seconds.ToString(CultureInfo.InvariantCulture)}";
                return false;
            }

            budget = TimeSpan.FromSeconds(seconds);
        }

        var suppressions = new List<SuppressOption>();
        foreach (var text in parse.GetValue(SuppressOption) ?? [])
        {
            var eq = text.IndexOf('=');
            var pattern = (eq < 0 ? text : text[..eq]).Trim();
            if (pattern.Length == 0)
            {
                problem = $"--suppress '{text}' names nothing to accept: write FINGERPRINT=WHY, RULE=WHY, RULE:GLOB=WHY or /image/path/GLOB=WHY";
                return false;
            }

            suppressions.Add(new SuppressOption(pattern, eq < 0 ? "" : text[(eq + 1)..].Trim()));
        }

        var update = parse.GetValue(UpdateBaselineOption);
        var baseline = parse.GetValue(BaselineOption);
        if (update && baseline is null)
        {
            problem = "--update-baseline writes the --baseline file: add --baseline FILE";
            return false;
        }

        var helpUri = parse.GetValue(HelpUriOption);
        if (helpUri is not null && Reporting.SarifReport.HelpUriFor(helpUri, "SG1001") is null)
        {
            problem = $"--rule-help-uri must be an absolute http or https address with {{0}} where the rule id goes, not '{helpUri}'";
            return false;
        }

        settings = new CheckOptions
        {
            Images = images,
            AllTags = allTags,
            Catalogs = catalogs,
            RepositoryGlobs = repositories,
            Platform = platform,
            Shard = shard,
            SarifPath = parse.GetValue(SarifOption),
            JsonPath = parse.GetValue(JsonOption),
            BaselinePath = baseline,
            UpdateBaseline = update,
            Suppressions = suppressions,
            MinimumConfidence = confidence,
            FailOn = failOn,
            MaxFileBytes = maxBytes,
            TimeBudget = budget,
            CacheDirectory = parse.GetValue(NoCacheOption) ? null : parse.GetValue(CacheOption) ?? LayerResultCache.DefaultDirectory(),
            Progress = parse.GetValue(ProgressOption),
            Verbose = parse.GetValue(VerboseOption),
            RuleHelpUri = helpUri,
        };
        return true;
    }
}
