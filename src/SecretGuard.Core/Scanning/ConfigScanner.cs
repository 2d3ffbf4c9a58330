using SecretGuard.Detection;
using SecretGuard.ImageReading;
using SecretGuard.Findings;

namespace SecretGuard.Scanning;

/// <summary>Finds credentials in an image config: Env, Labels, Entrypoint/Cmd arguments and history.</summary>
internal sealed class ConfigScanner(RuleSet rules)
{
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
