using SecretGuard.ImageReading.Registry;

namespace SecretGuard.Cli;

/// <summary>Where an image argument is read from.</summary>
internal enum TargetKind
{
    Registry,
    LayoutFolder,
    Archive,
    Docker,
    Podman,
}

/// <summary>One image argument of <c>secretguard check</c>, classified.</summary>
internal sealed record ImageTarget(TargetKind Kind, string Text, ImageReference? Reference = null)
{
    /// <summary>docker:NAME, podman:NAME, an existing folder (OCI layout), an existing file (archive), else a registry reference.</summary>
    public static bool TryParse(string text, out ImageTarget? target, out string error)
    {
        target = null;
        error = "";
        var trimmed = text.Trim();
        foreach (var (prefix, kind) in new[] { ("docker:", TargetKind.Docker), ("podman:", TargetKind.Podman) })
        {
            if (trimmed.StartsWith(prefix, StringComparison.Ordinal))
            {
                var name = trimmed[prefix.Length..];
                if (name.Length == 0)
                {
                    error = $"'{text}' names no image after '{prefix}'";
                    return false;
                }

                target = new ImageTarget(kind, name);
                return true;
            }
        }

        if (Directory.Exists(trimmed))
        {
            target = new ImageTarget(TargetKind.LayoutFolder, Path.GetFullPath(trimmed));
            return true;
        }

        if (File.Exists(trimmed))
        {
            target = new ImageTarget(TargetKind.Archive, Path.GetFullPath(trimmed));
            return true;
        }

        if (LooksLikePath(trimmed))
        {
            error = $"'{text}' is not an existing file or folder (an image archive or OCI layout), nor an image reference";
            return false;
        }

        try
        {
            var reference = ImageReference.Parse(trimmed);
            if (reference.Repository.Any(c => char.IsUpper(c) || char.IsWhiteSpace(c)) || reference.Reference.Any(char.IsWhiteSpace))
            {
                error = $"'{text}' is not an image reference (repository names are lower case, without spaces)";
                return false;
            }

            target = new ImageTarget(TargetKind.Registry, reference.ToString(), reference);
            return true;
        }
        catch (FormatException ex)
        {
            error = ex.Message;
            return false;
        }
    }

    private static bool LooksLikePath(string text) =>
        text.StartsWith('.') || text.StartsWith('/') || text.StartsWith('~') || text.Contains('\\')
        || text.EndsWith(".tar", StringComparison.OrdinalIgnoreCase) || text.EndsWith(".tar.gz", StringComparison.OrdinalIgnoreCase) || text.EndsWith(".tgz", StringComparison.OrdinalIgnoreCase);

    /// <summary>How the image is named in messages, reports and shards.</summary>
    public override string ToString() => Kind switch
    {
        TargetKind.Docker => "docker:" + Text,
        TargetKind.Podman => "podman:" + Text,
        _ => Text,
    };
}
