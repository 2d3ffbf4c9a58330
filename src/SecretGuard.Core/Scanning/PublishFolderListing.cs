using SecretGuard.Findings;

namespace SecretGuard.Scanning;

/// <summary>
/// The files of a publish folder as the SDK's app layer holds them. The SDK's layer writer
/// (Layer.FromDirectory) follows a link to a folder and copies the files behind it into the layer as
/// files of their own, so this listing follows such links too: a file there ships like any other.
/// </summary>
internal static class PublishFolderListing
{
    /// <summary>
    /// Files and folders reached through links to folders that are listed at most: links can lead to the
    /// same folders again and again (two links to one folder in each of 30 nested folders are 2^30 paths).
    /// </summary>
    internal const int MaxEntriesThroughLinks = 100_000;

    /// <summary>The links one path may pass through, as the operating system allows (Linux's MAXSYMLINKS); past them it cannot be opened.</summary>
    private const int MaxLinksInPath = 40;

    private static readonly StringComparison PathComparison = OperatingSystem.IsWindows() ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;

    /// <summary>A folder being listed: its path as the layer names it, where it really is, and the folders above it.</summary>
    private sealed record Folder(string Path, string RealPath, Folder? Parent, bool ThroughLink);

    /// <summary>
    /// Every file under the folder, in ordinal order. A folder that cannot be listed, a link that leads
    /// back to a folder above it (it loops: the SDK cannot copy it either), one that cannot be resolved, and
    /// a folder past <see cref="MaxEntriesThroughLinks"/> are each one entry with the cause (its files could
    /// not be checked), never an exception that loses the others.
    /// </summary>
    public static List<(string Path, Exception? Unreadable)> Files(string root)
    {
        var found = new List<(string, Exception?)>();
        var folders = new Stack<Folder>();
        folders.Push(new Folder(root, RealPath(root) ?? Path.GetFullPath(root), null, ThroughLink: false));
        var throughLinks = 0;
        var resolved = new Dictionary<string, string?>(OperatingSystem.IsWindows() ? StringComparer.OrdinalIgnoreCase : StringComparer.Ordinal);
        while (folders.Count > 0)
        {
            var folder = folders.Pop();
            if (folder.ThroughLink && throughLinks >= MaxEntriesThroughLinks)
            {
                found.Add((folder.Path, new ScanIncompleteException(Messages.PublishFolderLinksLeadTooFar(MaxEntriesThroughLinks))));
                continue;
            }

            try
            {
                var files = Directory.GetFiles(folder.Path);
                var subfolders = Directory.GetDirectories(folder.Path);
                found.AddRange(files.Select(f => (f, (Exception?)null)));
                if (folder.ThroughLink)
                {
                    throughLinks += files.Length + subfolders.Length;
                }

                foreach (var sub in subfolders)
                {
                    // A link that cannot be read is one entry, and the folder's other subfolders are still listed.
                    try
                    {
                        if (Enter(sub, folder, resolved) is { } next)
                        {
                            folders.Push(next);
                        }
                        else
                        {
                            found.Add((sub, new ScanIncompleteException(Messages.PublishFolderLinkLoops)));
                        }
                    }
                    catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
                    {
                        found.Add((sub, ex));
                    }
                }
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                found.Add((folder.Path, ex));
            }
        }

        found.Sort((a, b) => string.CompareOrdinal(a.Item1, b.Item1));
        return found;
    }

    /// <summary>The subfolder to list, or null for a link whose folder holds the link itself (or that cannot be resolved).</summary>
    /// <param name="resolved">Links resolved so far, by where they really are: links that lead to one folder again and again are read once.</param>
    private static Folder? Enter(string sub, Folder parent, Dictionary<string, string?> resolved)
    {
        var name = Path.GetFileName(sub);
        var at = Path.Join(parent.RealPath, name);

        // LinkTarget is null for a plain folder and for reparse points that are not links (cloud placeholders).
        if (new DirectoryInfo(sub).LinkTarget is null)
        {
            return new Folder(sub, at, parent, parent.ThroughLink);
        }

        if (!resolved.TryGetValue(at, out var real))
        {
            // The folder above is known by its real path (no link in it): only the link itself is left to resolve.
            resolved[at] = real = Resolve(parent.RealPath, [name]);
        }

        if (real is null)
        {
            return null;
        }

        // Listing a folder that holds one of the folders above the link reaches the link again, and so on for ever.
        for (var above = parent; above is not null; above = above.Parent)
        {
            if (above.RealPath.Equals(real, PathComparison) || above.RealPath.StartsWith(real.TrimEnd(Path.DirectorySeparatorChar) + Path.DirectorySeparatorChar, PathComparison))
            {
                return null;
            }
        }

        return new Folder(sub, real, parent, ThroughLink: true);
    }

    /// <summary>
    /// The path with every link in it resolved, as realpath(3) gives it; null when resolving it takes more
    /// than <see cref="MaxLinksInPath"/> links (a loop of links, or a chain the system would not follow either).
    /// </summary>
    internal static string? RealPath(string path)
    {
        var full = Path.GetFullPath(path);
        var root = Path.GetPathRoot(full) ?? "";
        return Resolve(root, Parts(full[root.Length..]));
    }

    /// <summary><paramref name="parts"/> resolved one by one from <paramref name="resolved"/>, a path with no link in it.</summary>
    private static string? Resolve(string resolved, IEnumerable<string> parts)
    {
        var pending = new Queue<string>(parts);
        var links = 0;
        while (pending.TryDequeue(out var part))
        {
            if (part is "" or ".")
            {
                continue;
            }

            if (part == "..")
            {
                resolved = Path.GetDirectoryName(resolved) ?? resolved;
                continue;
            }

            var candidate = Path.Join(resolved, part);
            var target = new FileInfo(candidate).LinkTarget;
            if (target is null)
            {
                resolved = candidate;
                continue;
            }

            if (++links > MaxLinksInPath)
            {
                return null;
            }

            // A link's target takes its place: from the root when absolute, else from the link's own folder.
            var rest = pending.ToList();
            pending.Clear();
            if (Path.IsPathRooted(target))
            {
                var root = Path.GetPathRoot(target)!;
                resolved = Path.GetFullPath(root);
                target = target[root.Length..];
            }

            foreach (var p in Parts(target).Concat(rest))
            {
                pending.Enqueue(p);
            }
        }

        return resolved;
    }

    private static string[] Parts(string path) => path.Split([Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar]);
}
