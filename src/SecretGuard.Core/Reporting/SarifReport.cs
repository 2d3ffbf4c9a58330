using System.Text.Json;
using System.Text.Json.Nodes;
using SecretGuard.Detection;
using SecretGuard.Detection.Catalogue;
using SecretGuard.Findings;

namespace SecretGuard.Reporting;

/// <summary>
/// SARIF 2.1.0 output for CI dashboards and code scanning: one run, the rules with their help text,
/// one result per finding at its source file (relative to the repository root), with the fingerprint
/// as a partial fingerprint and the project it was found in. Accepted findings are included with a
/// "suppressions" entry. The check's own failures are the invocation's notifications, and fail their
/// project. Redacted, as every message is. One file serves a whole solution: each project
/// writes its part (see <see cref="ReportParts"/>) and the file is made from the parts of this run, in
/// one run, as code scanning takes one run per tool and category. The gate starts a project's part; the
/// verification after the build adds to it.
/// </summary>
internal static class SarifReport
{
    private const string FingerprintKey = "secretGuard/v1";

    public sealed record Entry(Diagnostic Diagnostic, string Level, string? SuppressedBecause);

    /// <param name="merge">Keep this project's results already in the report (written by the gate of this build).</param>
    /// <param name="helpUri">A format for each rule's documentation address, with {0} for the rule id; null for none.</param>
    /// <param name="member">This build node's membership of report runs; null outside a build (one per process).</param>
    public static void Write(string path, IEnumerable<Entry> entries, string projectFile, string repositoryRoot, string toolVersion, bool merge, string? helpUri = null, ReportRunMember? member = null)
    {
        var project = Path.GetFullPath(projectFile);
        var root = Path.TrimEndingDirectorySeparator(Path.GetFullPath(repositoryRoot));
        var entryList = entries.ToList();
        var fresh = entryList.Where(e => e.Diagnostic.IsFinding).Select(e => Result(e, root)).ToList();
        var freshFailures = entryList.Where(JsonReport.IsCheckFailure).Select(e => Notification(e, root)).ToList();
        ReportParts.Update(path, project, member ?? ReportRunMember.ThisProcess, merge,
            existing =>
            {
                var results = existing?["results"] is JsonArray kept ? DetachAll(kept) : [];
                var seen = new HashSet<string>(results.Select(Key), StringComparer.Ordinal);
                foreach (var result in fresh.Where(r => seen.Add(Key(r))))
                {
                    results.Add(result);
                }

                var failures = existing?["failures"] is JsonArray keptFailures ? DetachAll(keptFailures) : [];
                var seenFailures = new HashSet<string>(failures.Select(f => f?.ToJsonString() ?? ""), StringComparer.Ordinal);
                foreach (var failure in freshFailures.Where(f => seenFailures.Add(f.ToJsonString())))
                {
                    failures.Add(failure);
                }

                return new JsonObject { ["repositoryRoot"] = root, ["results"] = results, ["failures"] = failures };
            },
            parts => Combine(parts, toolVersion, helpUri));
    }

    /// <summary>
    /// One run of every project's results. REPOROOT is the repository the projects share; projects outside
    /// any repository (each is then its own root) share their nearest common folder.
    /// </summary>
    private static JsonObject Combine(IReadOnlyList<ReportPart> parts, string toolVersion, string? helpUri)
    {
        var roots = parts.Select(p => p.Content["repositoryRoot"]?.GetValue<string>() ?? Path.GetDirectoryName(p.Project)!).ToList();
        var root = CommonFolder(roots) ?? roots.FirstOrDefault() ?? Directory.GetCurrentDirectory();
        var results = new JsonArray();
        var projects = new JsonArray();
        var notifications = new JsonArray();
        for (var i = 0; i < parts.Count; i++)
        {
            var part = parts[i];
            var projectName = NameIn(root, part.Project);
            var partResults = part.Content["results"] as JsonArray ?? [];
            var partFailures = part.Content["failures"] as JsonArray ?? [];
            foreach (var notification in partFailures.OfType<JsonObject>().Select(n => (JsonObject)n.DeepClone()))
            {
                if (!string.Equals(roots[i], root, StringComparison.Ordinal))
                {
                    Rebase(notification, roots[i], root);
                }

                notification["properties"] = new JsonObject { ["project"] = projectName };
                notifications.Add(notification);
            }

            foreach (var result in partResults.OfType<JsonObject>().Select(r => (JsonObject)r.DeepClone()))
            {
                if (!string.Equals(roots[i], root, StringComparison.Ordinal))
                {
                    Rebase(result, roots[i], root);
                }

                result["properties"] = new JsonObject { ["project"] = projectName };
                results.Add(result);
            }

            projects.Add(new JsonObject
            {
                ["project"] = projectName,
                ["results"] = partResults.Count,
                ["failed"] = partFailures.Count > 0 || partResults.Any(r => r?["level"]?.GetValue<string>() == "error" && r["suppressions"] is null),
            });
        }

        var usedRules = results.Select(r => r?["ruleId"]?.GetValue<string>()).OfType<string>().ToHashSet(StringComparer.Ordinal);
        var rules = new JsonArray(RuleCatalog.All.Where(r => usedRules.Contains(r.Id)).Select(r => (JsonNode)WithHelpUri(new JsonObject
        {
            ["id"] = r.Id,
            ["name"] = r.Name,
            ["shortDescription"] = new JsonObject { ["text"] = r.Title },
            ["fullDescription"] = new JsonObject { ["text"] = Messages.RuleDescription(r.Title) },
            ["help"] = new JsonObject { ["text"] = Messages.RuleHelp(r.RotationHint) },
            ["defaultConfiguration"] = new JsonObject { ["level"] = "error" },
            // GitHub code scanning reads these two to rank security results.
            ["properties"] = new JsonObject
            {
                ["tags"] = new JsonArray("security", "secrets", "external/cwe/cwe-798"),
                ["precision"] = Precision(r.Id),
                ["security-severity"] = Precision(r.Id) == "high" ? "9.0" : "7.5",
            },
        }, helpUri, r.Id)).ToArray());
        if (usedRules.Contains(DiagnosticCodes.ScanIncomplete))
        {
            // A place that could not be fully checked is a result too (it fails closed), with a rule of its own.
            rules.Add(new JsonObject
            {
                ["id"] = DiagnosticCodes.ScanIncomplete,
                ["name"] = "NotFullyChecked",
                ["shortDescription"] = new JsonObject { ["text"] = Messages.NotCheckedTitle },
                ["fullDescription"] = new JsonObject { ["text"] = Messages.NotCheckedRuleDescription },
                ["help"] = new JsonObject { ["text"] = Messages.NotCheckedRuleHelp },
                ["defaultConfiguration"] = new JsonObject { ["level"] = "error" },
                ["properties"] = new JsonObject { ["tags"] = new JsonArray("security", "secrets") },
            });
        }

        var indexOf = rules.Select((r, i) => (Id: r!["id"]!.GetValue<string>(), i)).ToDictionary(x => x.Id, x => x.i, StringComparer.Ordinal);
        foreach (var result in results.OfType<JsonObject>())
        {
            result["ruleIndex"] = indexOf[result["ruleId"]!.GetValue<string>()];
        }

        return new JsonObject
        {
            ["$schema"] = "https://json.schemastore.org/sarif-2.1.0.json",
            ["version"] = "2.1.0",
            ["runs"] = new JsonArray(new JsonObject
            {
                ["tool"] = new JsonObject { ["driver"] = new JsonObject { ["name"] = "SecretGuard.Build", ["semanticVersion"] = toolVersion, ["rules"] = rules } },
                ["originalUriBaseIds"] = new JsonObject { ["REPOROOT"] = new JsonObject { ["uri"] = new Uri(root + Path.DirectorySeparatorChar).AbsoluteUri } },
                ["results"] = results,
                // The check's own failures (a base image that could not be fetched, an invalid setting) are not
                // results (nothing to fix in a file) but the tool's: SARIF's place for them is the invocation.
                ["invocations"] = new JsonArray(new JsonObject
                {
                    ["executionSuccessful"] = notifications.Count == 0,
                    ["toolExecutionNotifications"] = notifications,
                }),
                // The projects of this run, the clean ones too: a report that names them shows what was checked.
                ["properties"] = new JsonObject { ["projects"] = projects },
            }),
        };
    }

    /// <summary>A path as results name it: relative to REPOROOT, else the full path.</summary>
    private static string NameIn(string root, string fullPath)
    {
        var relative = Path.GetRelativePath(root, fullPath);
        return relative.StartsWith("..", StringComparison.Ordinal) || Path.IsPathRooted(relative) ? fullPath : relative.Replace('\\', '/');
    }

    /// <summary>The deepest folder holding every one of <paramref name="folders"/>; null when they share none (two drives).</summary>
    private static string? CommonFolder(IReadOnlyList<string> folders)
    {
        if (folders.Count == 0)
        {
            return null;
        }

        var common = Path.TrimEndingDirectorySeparator(folders[0]);
        foreach (var folder in folders.Skip(1).Select(Path.TrimEndingDirectorySeparator))
        {
            while (common is not null && !IsSameOrInside(folder, common))
            {
                common = Path.GetDirectoryName(common);
            }
        }

        return common;
    }

    private static bool IsSameOrInside(string folder, string ancestor)
    {
        var relative = Path.GetRelativePath(ancestor, folder);
        return relative == "." || (!relative.StartsWith("..", StringComparison.Ordinal) && !Path.IsPathRooted(relative));
    }

    /// <summary>Re-expresses a project's repository-relative addresses against the report's REPOROOT.</summary>
    private static void Rebase(JsonObject result, string partRoot, string root)
    {
        var locations = (result["locations"] as JsonArray ?? []).Concat(result["relatedLocations"] as JsonArray ?? []);
        foreach (var artifact in locations.Select(l => l?["physicalLocation"]?["artifactLocation"]).OfType<JsonObject>())
        {
            if (artifact["uriBaseId"] is not null && artifact["uri"]?.GetValue<string>() is { } relative)
            {
                var full = Path.GetFullPath(Path.Combine(partRoot, relative));
                var name = NameIn(root, full);
                if (Path.IsPathRooted(name))
                {
                    artifact.Remove("uriBaseId");
                    artifact["uri"] = new Uri(full).AbsoluteUri;
                }
                else
                {
                    artifact["uri"] = name;
                }
            }
        }
    }

    /// <summary>The nearest folder above the project that holds .git, else the project's folder.</summary>
    public static string FindRepositoryRoot(string projectDirectory)
    {
        for (var dir = new DirectoryInfo(projectDirectory); dir is not null; dir = dir.Parent)
        {
            if (Directory.Exists(Path.Combine(dir.FullName, ".git")) || File.Exists(Path.Combine(dir.FullName, ".git")))
            {
                return dir.FullName;
            }
        }

        return projectDirectory;
    }

    private static JsonObject Result(Entry entry, string repositoryRoot)
    {
        var d = entry.Diagnostic;
        var result = new JsonObject
        {
            ["ruleId"] = d.Code,
            ["level"] = entry.Level,
            ["message"] = new JsonObject { ["text"] = d.Message },
            ["locations"] = new JsonArray(new JsonObject { ["physicalLocation"] = PhysicalLocation(d, repositoryRoot) }),
            ["partialFingerprints"] = new JsonObject { [FingerprintKey] = d.Fingerprint },
        };
        if (d.AlsoAt.Count > 0)
        {
            // The other places of the same credential: one secret is one result, to rotate once.
            result["relatedLocations"] = new JsonArray(d.AlsoAt.Select((other, i) => (JsonNode)new JsonObject
            {
                ["id"] = i + 1,
                ["physicalLocation"] = PhysicalLocation(other, repositoryRoot),
                ["message"] = new JsonObject { ["text"] = Messages.SameCredentialIn(FindingsTable.PlaceText(other), other.Fingerprint) },
            }).ToArray());
        }
        if (entry.SuppressedBecause is { } why)
        {
            result["suppressions"] = new JsonArray(new JsonObject { ["kind"] = "external", ["justification"] = why });
        }

        return result;
    }

    /// <summary>A failure of the check itself as a SARIF notification: its code, message and place.</summary>
    private static JsonObject Notification(Entry entry, string repositoryRoot)
    {
        var d = entry.Diagnostic;
        return new JsonObject
        {
            ["level"] = entry.Level,
            ["message"] = new JsonObject { ["text"] = d.Message },
            ["descriptor"] = new JsonObject { ["id"] = d.Code },
            ["locations"] = new JsonArray(new JsonObject { ["physicalLocation"] = PhysicalLocation(d, repositoryRoot) }),
        };
    }

    private static JsonObject PhysicalLocation(Diagnostic d, string repositoryRoot)
    {
        var full = Path.GetFullPath(d.File);
        var relative = Path.GetRelativePath(repositoryRoot, full);
        var inRepository = !relative.StartsWith("..", StringComparison.Ordinal) && !Path.IsPathRooted(relative);
        var artifact = inRepository
            ? new JsonObject { ["uri"] = relative.Replace('\\', '/'), ["uriBaseId"] = "REPOROOT" }
            : new JsonObject { ["uri"] = new Uri(full).AbsoluteUri };
        // A finding about a whole file (a key store, a base image setting without a line) is at line 1:
        // code scanning needs a start line to show a result.
        return new JsonObject
        {
            ["artifactLocation"] = artifact,
            ["region"] = d.Line > 0 && d.Column > 0
                ? new JsonObject { ["startLine"] = d.Line, ["startColumn"] = d.Column }
                : new JsonObject { ["startLine"] = Math.Max(d.Line, 1) },
        };
    }

    /// <summary>Formats a rule's documentation address; null when the format does not give an http or https address.</summary>
    /// <remarks>An absolute URI alone is not enough: on Linux "/wiki/{0}" is one (a file URI), which no reader of the report can open.</remarks>
    public static string? HelpUriFor(string format, string ruleId) =>
        Uri.TryCreate(format.Replace("{0}", ruleId, StringComparison.Ordinal), UriKind.Absolute, out var uri)
        && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp)
        && format.Contains("{0}", StringComparison.Ordinal) ? uri.AbsoluteUri : null;

    private static JsonObject WithHelpUri(JsonObject rule, string? format, string ruleId)
    {
        if (format is not null && HelpUriFor(format, ruleId) is { } uri)
        {
            rule["helpUri"] = uri;
        }

        return rule;
    }

    private static string Precision(string ruleId) =>
        RuleSet.Default.Rules.FirstOrDefault(r => r.Id == ruleId)?.Confidence == Confidence.Medium ? "medium" : "high";

    private static string Key(JsonNode? result) =>
        $"{result?["partialFingerprints"]?[FingerprintKey]?.GetValue<string>()}|{result?["locations"]?.ToJsonString()}";

    private static JsonArray DetachAll(JsonArray results) => new(results.Select(r => r?.DeepClone()).ToArray());
}
