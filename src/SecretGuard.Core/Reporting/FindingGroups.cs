using SecretGuard.Findings;

namespace SecretGuard.Reporting;

/// <summary>
/// One credential is one finding, however many places hold it: it is revoked and rotated once. The
/// places of one secret (same <see cref="Diagnostic.SecretKey"/>) become one diagnostic at the place
/// that matters most, whose message names the others; the others ride along in <see cref="Diagnostic.AlsoAt"/>.
/// </summary>
internal static class FindingGroups
{
    /// <summary>How many other places a message names before it says "and N more".</summary>
    public const int MaxPlacesNamed = 5;

    /// <summary>Groups findings by credential; everything else (SecretGuard's own failures) passes as it is.</summary>
    public static IReadOnlyList<Diagnostic> Merge(IEnumerable<Diagnostic> diagnostics, string projectDirectory)
    {
        var result = new List<Diagnostic>();
        var groups = new Dictionary<string, List<Diagnostic>>(StringComparer.Ordinal);
        var order = new List<object>();
        foreach (var d in diagnostics.SelectMany(d => d.AlsoAt.Count == 0 ? [d] : d.AllPlaces.Select(p => p with { AlsoAt = [] })))
        {
            if (!d.IsFinding || d.SecretKey.Length == 0)
            {
                order.Add(d);
            }
            else if (groups.TryGetValue(d.SecretKey, out var group))
            {
                // The same place reported twice (the gate and the verification after the build) is one; the
                // same credential on another line of one file is another place to remove it from.
                if (!group.Any(g => g.Fingerprint == d.Fingerprint && g.File == d.File && g.Line == d.Line && g.ImageLine == d.ImageLine))
                {
                    group.Add(d);
                }
            }
            else
            {
                groups[d.SecretKey] = [d];
                order.Add(d.SecretKey);
            }
        }

        foreach (var entry in order)
        {
            result.Add(entry is Diagnostic single ? single : Combine(groups[(string)entry], projectDirectory));
        }

        return result;
    }

    /// <summary>How many places could not be fully checked (SG0004).</summary>
    public static int CountNotChecked(IEnumerable<Diagnostic> diagnostics) =>
        diagnostics.Count(d => d.Code == DiagnosticCodes.ScanIncomplete);

    /// <summary>How many credentials the diagnostics hold (places of one secret count once).</summary>
    public static int CountCredentials(IEnumerable<Diagnostic> diagnostics) =>
        diagnostics.Where(d => d.IsFinding && d.Code != DiagnosticCodes.ScanIncomplete).Select(d => d.SecretKey.Length > 0 ? d.SecretKey : d.Fingerprint).Distinct(StringComparer.Ordinal).Count();

    private static Diagnostic Combine(List<Diagnostic> places, string projectDirectory)
    {
        if (places.Count == 1)
        {
            return places[0];
        }

        // The place to fix first: the surest, then the project's own over a package's or the base image's;
        // otherwise the order found (config, then the publish folder, then the base image).
        var ordered = places
            .Select((d, i) => (d, i))
            .OrderByDescending(x => x.d.Confidence)
            .ThenBy(x => x.d.IsThirdParty)
            .ThenBy(x => x.d.IsBaseImage)
            .ThenBy(x => x.d.IsDocumentation)
            .ThenBy(x => x.i)
            .Select(x => x.d)
            .ToList();
        var primary = ordered[0];
        var others = ordered.Skip(1).ToList();
        var named = others.Take(MaxPlacesNamed).Select(d => $"{FindingsTable.PlaceText(d)} at {FindingsTable.SourceText(d, projectDirectory)}");
        var note = Messages.AlsoAt(others.Count, named, Math.Max(0, others.Count - MaxPlacesNamed));
        return primary with { Message = Messages.InsertBeforeFingerprint(primary.Message, note), AlsoAt = others };
    }
}
