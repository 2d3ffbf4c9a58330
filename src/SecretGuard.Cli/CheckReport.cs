using System.Text.Json.Nodes;
using SecretGuard.Findings;
using SecretGuard.Reporting;

namespace SecretGuard.Cli;

/// <summary>
/// From a run's diagnostics to what the user sees and gets: acceptance (baseline, --suppress, SG0008,
/// SG0009, SG0012), the severity policy, the findings table and the verdict line on stdout, the SARIF and
/// JSON reports, the baseline, and the exit code. Built from the core's reporting pieces, so the wording,
/// the formats and the acceptance are the build's; this is the one place the tool's output is decided.
/// </summary>
internal sealed class CheckReport(CheckSettings settings, TextWriter output, TextWriter error)
{
    /// <summary>Today's date for Expires; tests set it, so that no test depends on the clock.</summary>
    internal Func<DateOnly> Today { get; init; } = () => DateOnly.FromDateTime(DateTime.UtcNow);

    /// <summary>Reads the acceptances; false (with the cause on stderr) for a baseline that cannot be used.</summary>
    public bool TryReadAcceptances(out IReadOnlyList<Suppression> accepted)
    {
        var list = new List<Suppression>();
        foreach (var option in settings.Suppressions)
        {
            list.Add(ToSuppression(option));
        }

        if (!settings.UpdateBaseline && settings.BaselinePath is { } path)
        {
            if (!File.Exists(path))
            {
                error.WriteLine($"secretguard: the baseline {path} does not exist (write it with --update-baseline)");
                accepted = [];
                return false;
            }

            try
            {
                list.AddRange(Baseline.Load(path));
            }
            catch (Exception ex) when (ex is InvalidDataException or InvalidBaselineEntryException)
            {
                var at = (ex as InvalidBaselineEntryException)?.At;
                error.WriteLine($"secretguard: {(at is null ? "" : $"{at.File}({at.Line},{at.Column}): ")}{ex.Message.TrimEnd('.')}. Fix it, or write it anew with --update-baseline.");
                accepted = [];
                return false;
            }
        }

        accepted = list;
        return true;
    }

    /// <summary>FINGERPRINT, RULE, RULE:GLOB or /image/path/GLOB as the build's suppression.</summary>
    internal static Suppression ToSuppression(SuppressOption option)
    {
        var pattern = option.Pattern;
        var colon = pattern.IndexOf(':');
        if (!Fingerprints.IsFingerprint(pattern) && colon > 0 && IsRuleId(pattern[..colon]))
        {
            return new Suppression(pattern[..colon].ToUpperInvariant(), option.Justification, null, ImagePath: pattern[(colon + 1)..]);
        }

        return IsRuleId(pattern) ? new Suppression(pattern.ToUpperInvariant(), option.Justification, null) : new Suppression(pattern, option.Justification, null);
    }

    private static bool IsRuleId(string text) => text.Length == 6 && text.StartsWith("SG", StringComparison.OrdinalIgnoreCase) && text[2..].All(char.IsAsciiDigit);

    /// <summary>Reports the run and returns the exit code.</summary>
    public int Write(CheckResult result, IReadOnlyList<Suppression> accepted)
    {
        var today = Today();
        var warnings = new List<Diagnostic>();
        foreach (var s in accepted.Where(s => !s.FromBaseline && s.Justification.Length == 0))
        {
            warnings.Add(Own(DiagnosticCodes.SuppressionWithoutJustification, $"--suppress '{s.Include}{(s.ImagePath.Length > 0 ? ":" + s.ImagePath : "")}' has no justification: say why this finding is acceptable (PATTERN=WHY), so the next reader can tell."));
        }

        foreach (var s in accepted.Where(s => s.HasExpired(today)))
        {
            warnings.Add(Own(DiagnosticCodes.AcceptanceExpired, $"{What(s)} '{s.Include}' expired on {AcceptanceExpiry.Text(s.Expires!.Value)}: it no longer applies, and the finding it accepted is reported again. Remove the credential (revoke and rotate it), or renew the acceptance.", s.DefinedAt));
        }

        var live = accepted.Where(s => !s.HasExpired(today)).ToList();
        var filter = new SuppressionFilter(live, Directory.GetCurrentDirectory());
        var kept = new List<Diagnostic>();
        var suppressed = new List<(Diagnostic Diagnostic, string Why)>();
        foreach (var d in result.Diagnostics)
        {
            if (filter.Why(d) is { } why)
            {
                suppressed.Add((d, why));
            }
            else
            {
                kept.Add(d);
            }
        }

        foreach (var s in live.Where(s => !result.Diagnostics.Any(d => new SuppressionFilter([s], Directory.GetCurrentDirectory()).Why(d) is not null)))
        {
            warnings.Add(Own(DiagnosticCodes.StaleSuppression, $"{What(s)} '{s.Include}' matched nothing in the images checked: remove it, so that it cannot hide a new leak later.", s.DefinedAt));
        }

        var policy = new SeverityPolicy { AllAsWarnings = settings.UpdateBaseline, MinimumConfidence = settings.MinimumConfidence };
        string Level(Diagnostic d) => policy.IsWarning(d) || warnings.Contains(d) ? "warning" : "error";
        var verdict = new Verdict { Accepted = suppressed.Select(x => x.Diagnostic.Fingerprint).Distinct(StringComparer.Ordinal).Count() };
        var entries = suppressed.Select(x => new SarifReport.Entry(x.Diagnostic, Level(x.Diagnostic), x.Why)).ToList();
        foreach (var d in kept.Concat(warnings))
        {
            var level = Level(d);
            entries.Add(new SarifReport.Entry(d, level, null));
            verdict.Add(d, level == "warning");
            error.WriteLine($"{d.File}: {level} {d.Code}: {d.Message}");
        }

        var shown = entries.Where(e => e.Diagnostic.IsFinding && e.SuppressedBecause is null).ToList();
        if (shown.Count > 0)
        {
            output.WriteLine(Table(shown, result.Places));
        }

        WriteReports(entries, result.Statistics, result.Places);
        if (settings.UpdateBaseline && settings.BaselinePath is { } baselinePath)
        {
            Baseline.Write(baselinePath, result.Diagnostics.Where(d => d.IsFinding).Select(d => new BaselineEntry(d.Fingerprint, d.Code, $"{d.File} {d.Place}")));
            error.WriteLine($"secretguard: wrote {ImageCheck.Plural(result.Diagnostics.Count(d => d.IsFinding), "finding")} to the baseline {baselinePath}");
        }

        output.WriteLine(verdict.Line(Checked(result.Statistics), Notes(result.Statistics)));
        return ExitCode(entries);
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

        var notChecked = reported.Any(e => e.Diagnostic.Code is DiagnosticCodes.ImageUnreadable or DiagnosticCodes.LayerMissing or DiagnosticCodes.LayerCorrupt or DiagnosticCodes.ScanIncomplete or DiagnosticCodes.BaseImageUnavailable);
        return notChecked ? ExitCodes.NotChecked : ExitCodes.Clean;
    }

    private static string What(Suppression s) => s.FromBaseline ? "Baseline entry" : "--suppress";

    private static Diagnostic Own(string code, string message, SourceLocation? at = null) =>
        new(code, at?.File ?? "secretguard", at?.Line ?? 0, at?.Column ?? 0, message, IsFinding: false);

    /// <summary>One row per finding: level, rule, confidence, where in which image, fingerprint (never the secret).</summary>
    internal static string Table(IReadOnlyList<SarifReport.Entry> entries, IReadOnlyDictionary<string, FindingPlace> places)
    {
        var rows = entries
            .Select(e => (e.Level, Rule: e.Diagnostic.Code, Confidence: e.Diagnostic.Confidence.ToString().ToLowerInvariant(), Image: e.Diagnostic.File,
                Place: places.TryGetValue(e.Diagnostic.Fingerprint, out var place) ? place.Text : FindingsTable.PlaceText(e.Diagnostic), e.Diagnostic.Fingerprint))
            .OrderBy(r => r.Level == "error" ? 0 : 1).ThenBy(r => r.Image, StringComparer.Ordinal).ThenBy(r => r.Place, StringComparer.Ordinal)
            .ToList();
        var imageWidth = Math.Min(60, Math.Max("Image".Length, rows.Max(r => r.Image.Length)));
        var placeWidth = Math.Min(60, Math.Max("In the image".Length, rows.Max(r => r.Place.Length)));
        var lines = new List<string>
        {
            $"SecretGuard findings ({rows.Count}):",
            $"  {"Level",-8} {"Rule",-7} {"Confidence",-10} {"Image".PadRight(imageWidth)}  {"In the image".PadRight(placeWidth)}  Fingerprint",
        };
        lines.AddRange(rows.Select(r => $"  {r.Level,-8} {r.Rule,-7} {r.Confidence,-10} {r.Image.PadRight(imageWidth)}  {r.Place.PadRight(placeWidth)}  {r.Fingerprint}"));
        return string.Join(Environment.NewLine, lines);
    }

    private static string Checked(CheckStatistics s)
    {
        if (s.Images == 0)
        {
            return "";
        }

        var cached = s.LayersFromCache > 0 ? $", {s.LayersFromCache} from cache" : "";
        return $"{ImageCheck.Plural(s.Images, "image")} ({ImageCheck.Plural(s.DistinctLayers, "layer")}: {s.LayersRead} read{cached}; {ImageCheck.Plural(s.Files, "file")}) in {s.ElapsedMilliseconds} ms";
    }

    private static string Notes(CheckStatistics s)
    {
        static string List(IReadOnlyList<string> paths) => string.Join(", ", paths.Take(3)) + (paths.Count > 3 ? ", …" : "");
        var note = s.UnopenedArchives.Count == 0 ? "" : $"; {ImageCheck.Plural(s.UnopenedArchives.Count, "archive")} too large to open: {List(s.UnopenedArchives)}";
        return s.SkippedFiles.Count == 0 ? note : $"{note}; {ImageCheck.Plural(s.SkippedFiles.Count, "file")} over --max-file-size not read: {List(s.SkippedFiles)}";
    }

    /// <summary>
    /// The SARIF and JSON reports in the build's formats, written by the core's writers; then each result's
    /// location is put where it is in the image (the image path, a logical location per layer), since an
    /// image has no project file to point at, and the run's counts are added.
    /// </summary>
    private void WriteReports(List<SarifReport.Entry> entries, CheckStatistics statistics, IReadOnlyDictionary<string, FindingPlace> places)
    {
        var version = ToolVersion();
        var pseudoProject = Path.Combine(Directory.GetCurrentDirectory(), "secretguard-check");
        var byFingerprint = entries.Where(e => e.Diagnostic.Fingerprint.Length > 0).GroupBy(e => e.Diagnostic.Fingerprint).ToDictionary(g => g.Key, g => g.First().Diagnostic, StringComparer.Ordinal);
        if (settings.SarifPath is { } sarif)
        {
            SarifReport.Write(sarif, entries, pseudoProject, Directory.GetCurrentDirectory(), version, merge: false, settings.RuleHelpUri);
            Rewrite(sarif, root =>
            {
                var run = root["runs"]?[0];
                if (run is null)
                {
                    return;
                }

                if (run["tool"]?["driver"] is JsonObject driver)
                {
                    driver["name"] = "secretguard";
                }

                foreach (var result in (run["results"] as JsonArray ?? []).OfType<JsonObject>())
                {
                    var fingerprint = result["partialFingerprints"]?["secretGuard/v1"]?.GetValue<string>();
                    if (fingerprint is not null && byFingerprint.TryGetValue(fingerprint, out var d))
                    {
                        result["locations"] = new JsonArray(ImageLocationOf(d, places.GetValueOrDefault(fingerprint)?.Layer));
                    }

                    result.Remove("properties");
                }

                if (run is JsonObject runObject)
                {
                    runObject["properties"] = Statistics(statistics);
                }
            });
        }

        if (settings.JsonPath is { } json)
        {
            JsonReport.Write(json, entries, pseudoProject, version, merge: false);
            Rewrite(json, root =>
            {
                root["tool"] = "secretguard";
                var findings = root["projects"]?[0]?["findings"] as JsonArray ?? [];
                foreach (var finding in findings.OfType<JsonObject>())
                {
                    finding["image"] = finding["file"] is JsonValue file && byFingerprint.TryGetValue(finding["fingerprint"]?.GetValue<string>() ?? "", out var d) ? d.File : null;
                    finding.Remove("file");
                    finding.Remove("line");
                    finding.Remove("column");
                }

                root["findings"] = findings.DeepClone();
                root.Remove("projects");
                root["check"] = Statistics(statistics);
            });
        }
    }

    private static JsonObject ImageLocationOf(Diagnostic d, int? layer)
    {
        var location = new JsonObject
        {
            ["physicalLocation"] = new JsonObject
            {
                ["artifactLocation"] = new JsonObject { ["uri"] = d.ImagePath ?? d.Place },
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
    }

    internal static string ToolVersion() =>
        typeof(CheckReport).Assembly.GetCustomAttributes(typeof(System.Reflection.AssemblyInformationalVersionAttribute), false)
            .OfType<System.Reflection.AssemblyInformationalVersionAttribute>().FirstOrDefault()?.InformationalVersion.Split('+')[0] ?? "0.0.0";
}
