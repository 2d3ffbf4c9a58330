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
        foreach (var hit in rules.Scan(text, TextOrigin.ConfigEntry))
        {
            var index = Array.FindLastIndex(starts, s => s <= hit.Match.Index);
            yield return RuleFindings.From(hit.Rule, hit.Match, new ArgumentLocation(field, index, args[index]), text.AsSpan(hit.Match.Index, hit.Match.Length));
        }
    }

    private IEnumerable<Finding> ScanText(string text, ImageLocation location, TextOrigin origin = TextOrigin.ConfigEntry)
    {
        foreach (var hit in rules.Scan(text, origin))
        {
            yield return RuleFindings.From(hit.Rule, hit.Match, location, text.AsSpan(hit.Match.Index, hit.Match.Length));
        }
    }
}
