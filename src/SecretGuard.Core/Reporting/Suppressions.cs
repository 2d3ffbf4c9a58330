using System.Text.RegularExpressions;
using SecretGuard.SourceMapping;
using SecretGuard.Findings;

namespace SecretGuard.Reporting;

/// <summary>
/// A &lt;SecretGuardSuppress Include="…" Justification="…" /&gt; item. Include is a fingerprint (sg1:…),
/// a rule id (SG1010), or a path without wildcards (/app/x.json in the image, or a project file). Globs
/// go in metadata, because MSBuild expands wildcards in Include against the disk: ImagePath="/app/**/*.json",
/// SourcePath="config/*.json" (relative to the project). All that is given must match.
/// </summary>
/// <param name="FromBaseline">An entry of secretguard.baseline.json rather than an item.</param>
/// <param name="Expires">The last day the acceptance holds (Expires="2027-01-31"); null for no end.</param>
/// <param name="FromCommandLine">The tool's --suppress rather than a SecretGuardSuppress item: worded as the user wrote it.</param>
internal sealed record Suppression(string Include, string Justification, SourceLocation? DefinedAt, string ImagePath = "", string SourcePath = "", bool FromBaseline = false, DateOnly? Expires = null, bool FromCommandLine = false)
{
    /// <summary>Past its last day an acceptance no longer applies: the finding is reported again.</summary>
    public bool HasExpired(DateOnly today) => Expires is { } last && today > last;

    /// <summary>
    /// This acceptance's identity, the same in the gate and in the verification after the build (it travels
    /// in <see cref="GateHandover.MatchedSuppressions"/>). Include alone is not one: two items of one rule
    /// with other paths, or an item and a baseline entry of one fingerprint, are each stale on their own.
    /// </summary>
    public string Key =>
        string.Join('|', FromBaseline ? "baseline" : "item", Include, ImagePath, SourcePath, DefinedAt?.File ?? "", DefinedAt?.Line ?? 0, DefinedAt?.Column ?? 0);

    /// <summary>Why a finding it matches is accepted, as details and reports give it.</summary>
    public string Reason => FromBaseline
        ? Messages.AcceptedByBaseline(DefinedAt?.File ?? "", DefinedAt?.Line ?? 0)
        : Messages.SuppressedBy(Kind, Written, Justification);

    /// <summary>Its kind, as messages name it: a baseline entry, a SecretGuardSuppress item or the tool's --suppress.</summary>
    public string Kind => FromBaseline ? Messages.BaselineAcceptance : FromCommandLine ? Messages.CommandLineAcceptance : Messages.ItemAcceptance;

    /// <summary>
    /// What was written to make it, for messages: the item's Include (its globs are metadata), or a --suppress
    /// pattern whole (RULE:GLOB), its rule id in capitals and a fingerprint in small letters.
    /// </summary>
    public string Written => FromCommandLine && ImagePath.Length > 0 ? Include + ":" + ImagePath : Include;
}

/// <summary>
/// Expires="yyyy-MM-dd" on a suppression or a baseline entry: the last day it holds, as push protection's
/// bypasses expire, so an accepted finding is looked at again rather than forgotten.
/// </summary>
internal static class AcceptanceExpiry
{
    public const string Format = "yyyy-MM-dd";

    /// <summary>Empty is no end (true, null); anything but a real yyyy-MM-dd date is false.</summary>
    public static bool TryParse(string? text, out DateOnly? expires)
    {
        expires = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            return true;
        }

        if (DateOnly.TryParseExact(text.Trim(), Format, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var date))
        {
            expires = date;
            return true;
        }

        return false;
    }

    /// <summary>The date as it is written in settings and messages.</summary>
    public static string Text(DateOnly date) => date.ToString(Format, System.Globalization.CultureInfo.InvariantCulture);
}

/// <summary>
/// Decides which findings a team has accepted: by suppression item, or by a "secretguard:ignore" marker
/// on the reported line of a text source file, near the reported column. Remembers which suppressions matched, so unused ones can
/// be reported before they rot.
/// </summary>
internal sealed partial class SuppressionFilter(IReadOnlyList<Suppression> suppressions, string projectDirectory)
{
    public const string InlineMarker = "secretguard:ignore";

    /// <summary>
    /// How far (in characters, on its line) a marker reaches from a finding's column: room for a long
    /// value before its comment (a private key of 4096 bits on one line is about 3,300 characters), while
    /// in a minified or one-line file, where every finding is on line 1, a marker accepts only what is near it.
    /// </summary>
    public const int MarkerReach = 4096;

    private readonly Dictionary<string, Dictionary<int, List<(long From, long To)>>?> _markers = new(StringComparer.Ordinal);

    /// <summary>The acceptances (their <see cref="Suppression.Key"/>) that matched a finding.</summary>
    public HashSet<string> Matched { get; } = new(StringComparer.Ordinal);

    /// <summary>The reason a finding is suppressed (the first acceptance that matches), or null when it is not.</summary>
    public string? Why(Diagnostic d)
    {
        if (!d.IsFinding)
        {
            return null;
        }

        string? why = null;
        foreach (var s in suppressions)
        {
            // Every acceptance that covers the finding is in use, not only the first: none of them matched nothing.
            if (Matches(s, d))
            {
                Matched.Add(s.Key);
                why ??= s.Reason;
            }
        }

        return why ?? (HasInlineMarker(d.File, d.Line, d.Column) ? $"suppressed by '{InlineMarker}' beside it on its line" : null);
    }

    private bool Matches(Suppression s, Diagnostic d)
    {
        var criteria = 0;
        if (Fingerprints.IsFingerprint(s.Include))
        {
            if (d.Fingerprint != s.Include)
            {
                return false;
            }

            criteria++;
        }
        else if (RuleId().IsMatch(s.Include))
        {
            if (!string.Equals(d.Code, s.Include, StringComparison.OrdinalIgnoreCase))
            {
                return false;
            }

            criteria++;
        }

        if (s.ImagePath.Length > 0)
        {
            if (!MatchesImagePath(s.ImagePath, d))
            {
                return false;
            }

            criteria++;
        }

        if (s.SourcePath.Length > 0)
        {
            if (!MatchesSourcePath(s.SourcePath, d))
            {
                return false;
            }

            criteria++;
        }

        // Neither fingerprint, rule nor metadata: the Include is a path.
        return criteria > 0 || (s.Include.StartsWith('/') ? MatchesImagePath(s.Include, d) : MatchesSourcePath(s.Include, d));
    }

    private static bool MatchesImagePath(string glob, Diagnostic d) => d.ImagePath is not null && Glob(glob).IsMatch(d.ImagePath);

    private bool MatchesSourcePath(string glob, Diagnostic d) =>
        Glob(glob.Replace('\\', '/')).IsMatch(Path.GetRelativePath(projectDirectory, d.File).Replace('\\', '/'));

    private bool HasInlineMarker(string file, int line, int column)
    {
        if (line <= 0)
        {
            return false;
        }

        if (!_markers.TryGetValue(file, out var markers))
        {
            markers = Markers(file);
            _markers[file] = markers;
        }

        if (markers is null || !markers.TryGetValue(line, out var reaches))
        {
            return false;
        }

        // A place known by its line only (no column) is judged by its line, as it was written.
        return column <= 0 || reaches.Any(r => column >= r.From && column <= r.To);
    }

    /// <summary>
    /// Where the markers of a file reach, by line: the columns (1-based) within <see cref="MarkerReach"/>
    /// characters of a marker on its line, overlapping reaches merged. One streamed pass: a file with
    /// findings can be a 1 GB dump or one 200 MB line, so it is never held whole, nor read again for each
    /// finding.
    /// </summary>
    internal static Dictionary<int, List<(long From, long To)>>? Markers(string file)
    {
        const int ChunkChars = 64 * 1024;
        var markers = new Dictionary<int, List<(long From, long To)>>();
        try
        {
            using var reader = new StreamReader(file, detectEncodingFromByteOrderMarks: true);
            var window = new char[ChunkChars + InlineMarker.Length];
            var carry = 0;
            var line = 1;
            long windowStart = 0; // the file's character offset at window[0]
            long lineStart = 0; // the file's character offset where the current line starts
            int n;
            while ((n = reader.Read(window, carry, ChunkChars)) > 0)
            {
                var text = window.AsSpan(0, carry + n);
                var start = 0;
                while (true)
                {
                    var newline = text[start..].IndexOf('\n');
                    var segment = newline < 0 ? text[start..] : text.Slice(start, newline);
                    for (var at = segment.IndexOf(InlineMarker, StringComparison.OrdinalIgnoreCase); at >= 0;)
                    {
                        var column = windowStart + start + at - lineStart + 1;
                        AddReach(markers, line, column - MarkerReach, column + InlineMarker.Length - 1 + MarkerReach);
                        var next = segment[(at + 1)..].IndexOf(InlineMarker, StringComparison.OrdinalIgnoreCase);
                        at = next < 0 ? -1 : at + 1 + next;
                    }

                    if (newline < 0)
                    {
                        break;
                    }

                    line++;
                    start += newline + 1;
                    lineStart = windowStart + start;
                }

                // The unfinished line's last characters go on to the next chunk: too few to hold the
                // whole marker (so none is found twice), enough to complete one cut at the chunk's end.
                var keep = Math.Min(text.Length - start, InlineMarker.Length - 1);
                text[^keep..].CopyTo(window);
                windowStart += text.Length - keep;
                carry = keep;
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException)
        {
            return null;
        }

        return markers;
    }

    private static void AddReach(Dictionary<int, List<(long From, long To)>> markers, int line, long from, long to)
    {
        if (!markers.TryGetValue(line, out var reaches))
        {
            markers[line] = reaches = [];
        }

        // Markers come in order along the line: one that reaches into the last one's reach extends it.
        if (reaches.Count > 0 && from <= reaches[^1].To + 1)
        {
            reaches[^1] = (reaches[^1].From, Math.Max(reaches[^1].To, to));
        }
        else
        {
            reaches.Add((from, to));
        }
    }

    /// <summary>** any path, * any name part, ? one character.</summary>
    internal static Regex Glob(string glob)
    {
        var pattern = "^" + Regex.Escape(glob).Replace(@"\*\*/", "(.*/)?").Replace(@"\*\*", ".*").Replace(@"\*", "[^/]*").Replace(@"\?", "[^/]") + "$";
        return new Regex(pattern, RegexOptions.CultureInvariant | (OperatingSystem.IsWindows() ? RegexOptions.IgnoreCase : RegexOptions.None), TimeSpan.FromSeconds(1));
    }

    [GeneratedRegex("^SG[0-9]{4}$", RegexOptions.IgnoreCase)]
    private static partial Regex RuleId();
}
