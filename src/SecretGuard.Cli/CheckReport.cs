using System.Text.Json.Nodes;
using SecretGuard.Findings;
using SecretGuard.Reporting;
using SecretGuard.Scanning;
using CoreSettings = SecretGuard.Reporting.CheckSettings;

namespace SecretGuard.Cli;

/// <summary>
/// From a run's diagnostics to what the user sees and gets, through the core's report pipeline (the build's
/// acceptance, severity, grouping, verdict, SARIF/JSON and baseline): the diagnostics on stderr, the findings
/// table and the verdict line on stdout, the reports' locations put in the image, and the exit code.
/// </summary>
internal sealed class CheckReport(CheckOptions settings, TextWriter output, TextWriter error)
{
    private const string Subject = "secretguard";

    private const string ImageRoot = "IMAGEROOT";

    /// <summary>Today's date for Expires; tests set it, so that no test depends on the clock.</summary>
    internal Func<DateOnly> Today { get; init; } = () => DateOnly.FromDateTime(DateTime.UtcNow);

    private Acceptances? _acceptances;

    /// <summary>Reads --suppress and the baseline; false (with the cause on stderr) when one cannot be used.</summary>
    public bool TryReadAcceptances()
    {
        if (!settings.UpdateBaseline && settings.BaselinePath is { } path && !File.Exists(path))
        {
            error.WriteLine($"secretguard: the baseline {path} does not exist (write it with --update-baseline)");
            return false;
        }

        var problems = new List<Diagnostic>();
        _acceptances = Acceptances.Read(settings.Suppressions.Select(ToRequest), settings.BaselinePath, settings.UpdateBaseline, Subject, problems, fromCommandLine: true);
        problems = problems.Select(p => p with { Message = p.Message.Replace("-p:SecretGuardUpdateBaseline=true", "--update-baseline", StringComparison.Ordinal) }).ToList();
        foreach (var problem in problems)
        {
            error.WriteLine(Line(problem, isError: true));
        }

        if (_acceptances is null)
        {
            WriteNotRun(problems);
        }

        return _acceptances is not null;
    }

    /// <summary>
    /// The run stops before it checks anything (the baseline cannot be read, SecretGuard's own failure): the
    /// reports are written failed, naming why, so that one an earlier run left there is not read as this run's.
    /// </summary>
    public void WriteNotRun(IReadOnlyList<Diagnostic> failures)
    {
        try
        {
            ReportPipeline.NotRun(Request(new CoreSettings(), [], Today()), failures);
            var nothing = new CheckResult([], new CheckStatistics(0, 0, 0, 0, 0, 0, 0, 0, [], [], []), new Dictionary<string, FindingPlace>());
            LocateInImages(nothing, failed: true);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            error.WriteLine($"secretguard: the reports could not be written as failed ({ex.Message}); a report at that path is not this run's result");
        }
    }

    private ReportRequest Request(CoreSettings coreSettings, IReadOnlyList<Suppression> acceptances, DateOnly today) => new()
    {
        Subject = Subject,
        SubjectDirectory = Directory.GetCurrentDirectory(),
        Settings = coreSettings,
        Acceptances = acceptances,
        IsLastStep = true,
        BaselinePath = settings.BaselinePath,
        StaleWhere = "in the images checked",
        SarifPath = settings.SarifPath,
        JsonPath = settings.JsonPath,
        ToolVersion = Common.ToolVersion.Current,
        Today = today,
    };

    /// <summary>FINGERPRINT, RULE, RULE:GLOB or /image/path/GLOB as the build's suppression item.</summary>
    internal static SuppressionRequest ToRequest(SuppressOption option)
    {
        var pattern = option.Pattern;
        var colon = pattern.IndexOf(':');
        if (!Fingerprints.IsFingerprint(pattern) && colon > 0 && IsRuleId(pattern[..colon]))
        {
            return new SuppressionRequest(pattern[..colon].ToUpperInvariant(), option.Justification, null, ImagePath: pattern[(colon + 1)..]);
        }

        return new SuppressionRequest(IsRuleId(pattern) ? pattern.ToUpperInvariant() : pattern, option.Justification, null);
    }

    private static bool IsRuleId(string text) => text.Length == 6 && text.StartsWith("SG", StringComparison.OrdinalIgnoreCase) && text[2..].All(char.IsAsciiDigit);

    /// <summary>Reports the run and returns the exit code.</summary>
    public int Write(CheckResult result)
    {
        var acceptances = _acceptances ?? Acceptances.None(Subject);
        var today = Today();
        foreach (var warning in acceptances.Unjustified().Concat(acceptances.Expired(today)))
        {
            error.WriteLine(Line(warning, isError: false));
        }

        var statistics = result.Statistics;
        var summary = new CheckSummary
        {
            Stage = CheckStage.WholeImages,
            Ran = statistics.Images > 0,
            Images = statistics.Images,
            Files = statistics.Files,
            ImageLayers = new ImageLayerCoverage(statistics.DistinctLayers, statistics.LayersRead, statistics.LayersFromCache),
            ElapsedMilliseconds = statistics.ElapsedMilliseconds,
            UnopenedArchives = statistics.UnopenedArchives,
            SkippedFiles = statistics.SkippedFiles,
        };
        var request = Request(new CoreSettings
        {
            Policy = new SeverityPolicy { AllAsWarnings = settings.UpdateBaseline, MinimumConfidence = settings.MinimumConfidence },
            UpdatingBaseline = settings.UpdateBaseline,
            MaxFileBytes = settings.MaxFileBytes,
            TimeBudget = settings.TimeBudget,
            RuleHelpUri = settings.RuleHelpUri,
        }, acceptances.ActiveOn(today), today);
        var report = ReportPipeline.Run(new ScanOutcome(result.Diagnostics, summary), request);

        foreach (var d in report.Diagnostics)
        {
            error.WriteLine(Line(d.Diagnostic, d.IsError));
        }

        var findings = report.Diagnostics.Where(d => d.Diagnostic.IsFinding).ToList();
        if (findings.Count > 0)
        {
            output.WriteLine(Table(findings, result.Places));
        }

        output.WriteLine(report.Verdict.Replace("over SecretGuardMaxFileSize not read", "over --max-file-size not read", StringComparison.Ordinal));
        foreach (var d in report.Afterwards)
        {
            error.WriteLine(Line(d, isError: false));
        }

        foreach (var note in report.Notes)
        {
            error.WriteLine(note.Replace("later publishes", "later checks", StringComparison.Ordinal));
        }

        var exit = ExitCode(report.Diagnostics.Select(d => new SarifReport.Entry(d.Diagnostic, d.IsError ? "error" : "warning", null)).ToList());
        LocateInImages(result, failed: exit != ExitCodes.Clean);
        return exit;
    }

    /// <summary>One diagnostic as compilers print them: where: level code: message.</summary>
    private static string Line(Diagnostic d, bool isError)
    {
        var at = d.Line > 0 ? $"{d.File}({d.Line},{d.Column})" : d.File;
        var confidence = d.IsFinding && !DiagnosticCodes.IsCheckFailure(d.Code) ? $" [confidence: {d.Confidence.ToString().ToLowerInvariant()}]" : "";
        return $"{at}: {(isError ? "error" : "warning")} {d.Code}: {d.Message}{confidence}";
    }

    /// <summary>1 for a finding at or above --fail-on; else 2 when anything could not be checked; else 0.</summary>
    internal int ExitCode(IReadOnlyList<SarifReport.Entry> entries)
    {
        var reported = entries.Where(e => e.SuppressedBecause is null).ToList();
        var credentials = reported.Where(e => e.Diagnostic.IsFinding && e.Diagnostic.Code != DiagnosticCodes.ScanIncomplete).ToList();
        var failing = settings.FailOn switch
        {
            FailOn.Error => credentials.Any(e => e.Level == "error"),
            FailOn.Warning => credentials.Count > 0,
            _ => false,
        };
        if (failing)
        {
            return ExitCodes.Findings;
        }

        // SecretGuard's own failure too (the table in docs/cli.md lists SG0007 under 2): what did not run is never a pass.
        var notChecked = reported.Any(e => e.Diagnostic.Code is DiagnosticCodes.ImageUnreadable or DiagnosticCodes.LayerMissing or DiagnosticCodes.LayerCorrupt or DiagnosticCodes.ScanIncomplete
            or DiagnosticCodes.BaseImageUnavailable or DiagnosticCodes.InternalError);
        return notChecked ? ExitCodes.NotChecked : ExitCodes.Clean;
    }

    private static Diagnostic Own(string code, string message, SourceLocation? at = null) =>
        new(code, at?.File ?? "secretguard", at?.Line ?? 0, at?.Column ?? 0, message, IsFinding: false);

    /// <summary>One row per finding: level, rule, confidence, where in which image, fingerprint (never the secret).</summary>
    internal static string Table(IReadOnlyList<ReportedDiagnostic> findings, IReadOnlyDictionary<string, FindingPlace> places)
    {
        var rows = findings
            .Select(f => (Level: f.IsError ? "error" : "warning", Rule: f.Diagnostic.Code, Confidence: f.Diagnostic.Confidence.ToString().ToLowerInvariant(), Image: f.Diagnostic.File,
                Place: (places.TryGetValue(f.Diagnostic.Fingerprint, out var place) ? place.Text : FindingsTable.PlaceText(f.Diagnostic)) + (f.Diagnostic.AlsoAt.Count > 0 ? $" (+{f.Diagnostic.AlsoAt.Count} more)" : ""),
                f.Diagnostic.Fingerprint))
            .OrderBy(r => r.Level == "error" ? 0 : 1).ThenBy(r => r.Image, StringComparer.Ordinal).ThenBy(r => r.Place, StringComparer.Ordinal)
            .ToList();
        var imageWidth = Math.Min(60, Math.Max("Image".Length, rows.Max(r => r.Image.Length)));
        var placeWidth = Math.Min(60, Math.Max("In the image".Length, rows.Max(r => r.Place.Length)));
        var lines = new List<string>
        {
            FindingsTable.Heading(rows.Count),
            $"  {"Level",-8} {"Rule",-7} {"Confidence",-10} {"Image".PadRight(imageWidth)}  {"In the image".PadRight(placeWidth)}  Fingerprint",
        };
        lines.AddRange(rows.Select(r => $"  {r.Level,-8} {r.Rule,-7} {r.Confidence,-10} {r.Image.PadRight(imageWidth)}  {r.Place.PadRight(placeWidth)}  {r.Fingerprint}"));
        return string.Join(Environment.NewLine, lines);
    }

    /// <summary>
    /// The pipeline writes the SARIF and JSON reports in the build's formats, where a result points at a
    /// file to edit; an image has none, so each result is put where it is in the image (the image path,
    /// a logical location for the image and one for the layer), and the run's counts are added. "failed" is
    /// the exit code's: true whenever the run exits non-zero, so a script may read either.
    /// </summary>
    private void LocateInImages(CheckResult result, bool failed)
    {
        var byFingerprint = result.Diagnostics.Where(d => d.Fingerprint.Length > 0).GroupBy(d => d.Fingerprint).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        var failures = result.Diagnostics.Where(d => !d.IsFinding).GroupBy(d => (d.Code, d.Message)).ToDictionary(g => g.Key, g => g.First());
        var subjectFile = Path.GetFullPath(Subject);
        if (settings.SarifPath is { } sarif && File.Exists(sarif))
        {
            Rewrite(sarif, root =>
            {
                if (root["runs"]?[0] is not JsonObject run)
                {
                    return;
                }

                if (run["tool"]?["driver"] is JsonObject driver)
                {
                    driver["name"] = "secretguard";
                }

                foreach (var r in (run["results"] as JsonArray ?? []).OfType<JsonObject>())
                {
                    var fingerprint = r["partialFingerprints"]?["secretGuard/v1"]?.GetValue<string>();
                    if (fingerprint is not null && byFingerprint.TryGetValue(fingerprint, out var d))
                    {
                        r["locations"] = new JsonArray(ImageLocationOf(d, result.Places.GetValueOrDefault(fingerprint)?.Layer));
                    }

                    if (r["relatedLocations"] is JsonArray related)
                    {
                        foreach (var other in related.OfType<JsonObject>())
                        {
                            var otherFingerprint = other["message"]?["text"]?.GetValue<string>() is { } text && text.LastIndexOf(Fingerprints.Prefix, StringComparison.Ordinal) is var at and >= 0
                                ? text.Substring(at, Math.Min(Fingerprints.Prefix.Length + 20, text.Length - at))
                                : null;
                            if (otherFingerprint is not null && byFingerprint.TryGetValue(otherFingerprint, out var o))
                            {
                                other["physicalLocation"] = ImageLocationOf(o, null)["physicalLocation"]!.DeepClone();
                            }
                        }
                    }

                    r.Remove("properties");
                }

                foreach (var n in (run["invocations"]?[0]?["toolExecutionNotifications"] as JsonArray ?? []).OfType<JsonObject>())
                {
                    // A failure in an image is at the image; one of the run itself (its settings) has no file to point at.
                    n.Remove("properties");
                    if (failures.TryGetValue((n["descriptor"]?["id"]?.GetValue<string>() ?? "", n["message"]?["text"]?.GetValue<string>() ?? ""), out var d))
                    {
                        n["locations"] = new JsonArray(new JsonObject { ["logicalLocations"] = new JsonArray(new JsonObject { ["name"] = d.File, ["kind"] = "module", ["fullyQualifiedName"] = d.File }) });
                    }
                    else if (n["locations"]?[0]?["physicalLocation"]?["artifactLocation"]?["uri"]?.GetValue<string>() is { } uri && uri.EndsWith("/" + Subject, StringComparison.Ordinal))
                    {
                        n.Remove("locations");
                    }
                }

                var bases = run["originalUriBaseIds"] as JsonObject ?? [];
                bases[ImageRoot] = new JsonObject { ["description"] = new JsonObject { ["text"] = "The root of the file system of the image each result names in its logical location." } };
                run["originalUriBaseIds"] = bases;
                run["properties"] = Statistics(result.Statistics);
            });
        }

        if (settings.JsonPath is { } json && File.Exists(json))
        {
            Rewrite(json, root =>
            {
                root["tool"] = "secretguard";
                var findings = root["projects"]?[0]?["findings"] as JsonArray ?? [];
                foreach (var finding in findings.OfType<JsonObject>())
                {
                    finding["image"] = byFingerprint.TryGetValue(finding["fingerprint"]?.GetValue<string>() ?? "", out var d) ? d.File : null;
                    finding["where"] = result.Places.GetValueOrDefault(finding["fingerprint"]?.GetValue<string>() ?? "")?.Text;
                    finding.Remove("file");
                    finding.Remove("line");
                    finding.Remove("column");

                    // The other places of the same credential, named as the finding is: image and place, no file.
                    foreach (var other in (finding["otherPlaces"] as JsonArray ?? []).OfType<JsonObject>())
                    {
                        var fingerprint = other["fingerprint"]?.GetValue<string>() ?? "";
                        other["image"] = byFingerprint.TryGetValue(fingerprint, out var o) ? o.File : finding["image"]?.GetValue<string>();
                        other["where"] = result.Places.GetValueOrDefault(fingerprint)?.Text;
                        other.Remove("file");
                        other.Remove("line");
                        other.Remove("column");
                    }
                }

                var checkFailures = root["projects"]?[0]?["checkFailures"] as JsonArray ?? [];
                foreach (var f in checkFailures.OfType<JsonObject>())
                {
                    // As findings: a failure in an image names the image; one of the run itself has no file.
                    var inImage = failures.TryGetValue((f["code"]?.GetValue<string>() ?? "", f["message"]?.GetValue<string>() ?? ""), out var d);
                    if (inImage || f["file"]?.GetValue<string>() == subjectFile)
                    {
                        f["image"] = inImage ? d!.File : null;
                        f.Remove("file");
                        f.Remove("line");
                        f.Remove("column");
                    }
                }

                root["failed"] = failed;
                root["findings"] = findings.DeepClone();
                root["checkFailures"] = checkFailures.DeepClone();
                root.Remove("projects");
                root["check"] = Statistics(result.Statistics);
            });
        }
    }

    private static JsonObject ImageLocationOf(Diagnostic d, int? layer)
    {
        var location = new JsonObject
        {
            ["physicalLocation"] = new JsonObject
            {
                // A path in the image is relative to the image's root (IMAGEROOT); a config place (env:NAME) is a URI of its own.
                ["artifactLocation"] = d.ImagePath is { } path
                    ? new JsonObject { ["uri"] = path.TrimStart('/'), ["uriBaseId"] = ImageRoot }
                    : new JsonObject { ["uri"] = d.Place },
                ["region"] = new JsonObject { ["startLine"] = 1 },
            },
        };
        var logical = new JsonArray(new JsonObject { ["name"] = d.File, ["kind"] = "module", ["fullyQualifiedName"] = d.File });
        if (layer is not null)
        {
            logical.Add(new JsonObject { ["name"] = $"layer {layer}", ["kind"] = "namespace", ["fullyQualifiedName"] = $"{d.File}/layer {layer}" });
        }

        location["logicalLocations"] = logical;
        return location;
    }

    private static JsonObject Statistics(CheckStatistics s) => new()
    {
        ["images"] = new JsonArray(s.ImageNames.Select(n => (JsonNode)JsonValue.Create(n)!).ToArray()),
        ["layerReferences"] = s.LayerReferences,
        ["distinctLayers"] = s.DistinctLayers,
        ["layersRead"] = s.LayersRead,
        ["layersFromCache"] = s.LayersFromCache,
        ["files"] = s.Files,
        ["bytesRead"] = s.Bytes,
        ["elapsedMilliseconds"] = s.ElapsedMilliseconds,
    };

    private static void Rewrite(string path, Action<JsonObject> change)
    {
        if (JsonNode.Parse(File.ReadAllText(path)) is JsonObject root)
        {
            change(root);
            File.WriteAllText(path, root.ToJsonString(new System.Text.Json.JsonSerializerOptions { WriteIndented = true }));
        }

        // The parts folder lets several projects of one build share a report; one run of the tool is one part.
        try
        {
            Directory.Delete(ReportParts.FolderOf(path), recursive: true);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // a leftover folder does no harm
        }
    }
}
