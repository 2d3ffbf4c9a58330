using SecretGuard.Detection;
using SecretGuard.ImageReading;
using SecretGuard.Findings;

namespace SecretGuard.Scanning;

/// <summary>
/// Finds credentials in an image config: Env, Labels, Entrypoint/Cmd arguments, history, and every other
/// string of the document (User, WorkingDir, Healthcheck, OnBuild, Volumes, history comments, fields of no spec).
/// </summary>
internal sealed class ConfigScanner(RuleSet rules)
{
    /// <summary>Arrays that are a command line: read as one line, so "-u user:password" is judged whole.</summary>
    private static readonly HashSet<string> CommandLines = new(StringComparer.Ordinal) { "Test", "Shell", "Cmd", "Entrypoint" };

    /// <summary>A field name longer than this is named by its position, not printed.</summary>
    private const int MaxPrintedName = 64;

    public IEnumerable<Finding> Scan(ImageConfig config)
    {
        foreach (var entry in config.Env)
        {
            var name = entry.Split('=', 2)[0];
            foreach (var f in ScanText(entry, new EnvLocation(name)))
            {
                yield return f;
            }
        }

        foreach (var (key, value) in config.Labels)
        {
            foreach (var f in ScanText($"{key}={value}", new LabelLocation(key)))
            {
                yield return f;
            }
        }

        foreach (var f in ScanArguments("Entrypoint", config.Entrypoint).Concat(ScanArguments("Cmd", config.Cmd)))
        {
            yield return f;
        }

        for (var i = 0; i < config.History.Count; i++)
        {
            foreach (var f in ScanText(config.History[i].CreatedBy, new HistoryLocation(i), TextOrigin.File))
            {
                yield return f;
            }
        }

        foreach (var (name, value) in new[] { ("User", config.User), ("WorkingDir", config.WorkingDir) })
        {
            foreach (var f in ScanValue(name, value, new ConfigFieldLocation("config." + name), TextOrigin.ConfigEntry))
            {
                yield return f;
            }
        }

        var printableNames = new Dictionary<string, bool>(StringComparer.Ordinal);
        foreach (var field in config.Fields)
        {
            foreach (var f in ScanField(field, printableNames))
            {
                yield return f;
            }
        }
    }

    /// <summary>
    /// One field of the config document. What the image runs with (config.*) is literal, as ENV is; what
    /// records how it was built (a history step, Docker's container_config, top-level fields) is read as a
    /// history step's command is.
    /// </summary>
    private IEnumerable<Finding> ScanField(ConfigField field, Dictionary<string, bool> printable)
    {
        var path = Place(field.Path, printable);
        var origin = field.Path.Count > 0 && field.Path[0].Name == "config" ? TextOrigin.ConfigEntry : TextOrigin.File;
        // A name that is not shown (a credential used as a key) is not read as context either: it is found as a key.
        var name = field.Path.Count > 0 && field.Path[^1].Name is { } last && printable[last] ? last : null;
        return field.Kind switch
        {
            ConfigFieldKind.Value => ScanValue(name, field.Strings[0].Value, new ConfigFieldLocation(path), origin),
            ConfigFieldKind.Items => ScanTogether(field.Strings, name is not null && CommandLines.Contains(name) ? ' ' : '\n', origin, new ConfigFieldLocation(path), i => new ConfigFieldLocation($"{path}[{i}]")),
            _ => ScanTogether(field.Strings, '\n', origin, new ConfigFieldLocation(path.Length > 0 ? path + " (keys)" : "(keys)"), i => new ConfigFieldLocation(path.Length > 0 ? $"{path} (key {i + 1})" : $"(key {i + 1})")),
        };
    }

    /// <summary>
    /// A single value. A bare word is judged with its field's name before it, as a label is with its key
    /// (a field of no spec named like a password); a value that holds its own assignment, a command or a
    /// URL is judged as written, so the name does not swallow what follows it.
    /// </summary>
    private IEnumerable<Finding> ScanValue(string? name, string value, ImageLocation location, TextOrigin origin)
    {
        if (value.Length == 0)
        {
            return [];
        }

        var bare = name is not null && value.IndexOfAny(['=', ':', ' ', '\t', '\r', '\n']) < 0;
        return ScanText(bare ? $"{name}={value}" : value, location, origin);
    }

    /// <summary>Strings read as one text (a command line, or one per line), each hit at the string it starts in.</summary>
    private IEnumerable<Finding> ScanTogether(IReadOnlyList<ConfigString> strings, char separator, TextOrigin origin, ImageLocation whole, Func<int, ImageLocation> at)
    {
        var starts = new int[strings.Count];
        var line = new System.Text.StringBuilder();
        for (var i = 0; i < strings.Count; i++)
        {
            starts[i] = line.Length;
            line.Append(strings[i].Value).Append(separator);
        }

        var text = line.ToString();
        var (hits, notChecked) = Scan(text, origin, whole);
        if (notChecked is not null)
        {
            return [notChecked];
        }

        return hits.Select(hit =>
        {
            var i = Array.FindLastIndex(starts, s => s <= hit.Match.Index);
            return RuleFindings.From(hit.Rule, hit.Match, at(strings[i].Index), text.AsSpan(hit.Match.Index, hit.Match.Length));
        }).ToList();
    }

    /// <summary>
    /// The field's place as people read it (<c>config.Healthcheck.Test</c>, <c>history[3].comment</c>). Names
    /// are whatever the image's builder wrote, so one that is long, unprintable or that a rule finds
    /// something in (a credential used as a key) is given by its position instead: a place never shows a value.
    /// </summary>
    private string Place(IReadOnlyList<ConfigPathStep> path, Dictionary<string, bool> printable)
    {
        var place = new System.Text.StringBuilder();
        foreach (var step in path)
        {
            if (step.Name is null)
            {
                place.Append('[').Append(step.Index).Append(']');
                continue;
            }

            if (place.Length > 0)
            {
                place.Append('.');
            }

            if (!printable.TryGetValue(step.Name, out var shown))
            {
                shown = IsPrintableName(step.Name);
                printable[step.Name] = shown;
            }

            place.Append(shown ? step.Name : $"(field {step.Index + 1})");
        }

        return place.ToString();
    }

    private bool IsPrintableName(string name)
    {
        if (name.Length == 0 || name.Length > MaxPrintedName || name.Any(c => char.IsControl(c) || char.IsWhiteSpace(c)))
        {
            return false;
        }

        try
        {
            return rules.Scan(name, TextOrigin.ConfigEntry).Count == 0;
        }
        catch (RuleTimeoutException)
        {
            return false;
        }
    }

    private IEnumerable<Finding> ScanArguments(string field, IReadOnlyList<string> args)
    {
        // Scan the command line as a whole so "--password hunter2" style pairs are judged in context,
        // then attribute each hit to the argument it starts in.
        var starts = new int[args.Count];
        var line = new System.Text.StringBuilder();
        for (var i = 0; i < args.Count; i++)
        {
            starts[i] = line.Length;
            line.Append(args[i]).Append(' ');
        }

        var text = line.ToString();
        var (hits, notChecked) = Scan(text, TextOrigin.ConfigEntry, new ArgumentLocation(field, 0, args.Count > 0 ? args[0] : ""));
        if (notChecked is not null)
        {
            yield return notChecked;
            yield break;
        }

        foreach (var hit in hits)
        {
            var index = Array.FindLastIndex(starts, s => s <= hit.Match.Index);
            yield return RuleFindings.From(hit.Rule, hit.Match, new ArgumentLocation(field, index, args[index]), text.AsSpan(hit.Match.Index, hit.Match.Length));
        }
    }

    private IEnumerable<Finding> ScanText(string text, ImageLocation location, TextOrigin origin = TextOrigin.ConfigEntry)
    {
        var (hits, notChecked) = Scan(text, origin, location);
        return notChecked is not null ? [notChecked] : hits.Select(hit => RuleFindings.From(hit.Rule, hit.Match, location, text.AsSpan(hit.Match.Index, hit.Match.Length)));
    }

    /// <summary>
    /// The rules' hits in one entry; when a rule runs out of time on it, none, and that entry is one SG0004
    /// at its place instead: the other entries are still checked, and the step's other findings kept.
    /// </summary>
    private (IReadOnlyList<RuleHit> Hits, Finding? NotChecked) Scan(string text, TextOrigin origin, ImageLocation location)
    {
        try
        {
            return (rules.Scan(text, origin), null);
        }
        catch (RuleTimeoutException ex)
        {
            return ([], Finding.NotCheckedAt(location, ex.Message));
        }
    }
}
