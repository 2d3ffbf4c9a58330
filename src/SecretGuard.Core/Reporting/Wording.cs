using SecretGuard.Scanning;

namespace SecretGuard.Reporting;

/// <summary>The words of summaries: one place, so the build, the tool and the docs say the same. The sentences of diagnostics are <see cref="Findings.Messages"/>.</summary>
internal static class Wording
{
    /// <summary>"1 file", "3 files"; <paramref name="plural"/> for a noun that does not take an s ("repositories").</summary>
    public static string Plural(int n, string noun, string? plural = null) => n == 1 ? $"1 {noun}" : $"{n} {plural ?? noun + "s"}";

    /// <summary>"3 files over SecretGuardMaxFileSize" lists at most three paths, then an ellipsis.</summary>
    private static string FirstPaths(IReadOnlyList<string> paths) => string.Join(", ", paths.Take(3)) + (paths.Count > 3 ? ", …" : "");

    /// <summary>What was checked and how long it took; empty when the check could not run.</summary>
    public static string Checked(CheckSummary s)
    {
        if (!s.Ran)
        {
            return "";
        }

        if (s.Stage == CheckStage.WholeImages)
        {
            var layers = s.ImageLayers ?? new ImageLayerCoverage(0, 0, 0);
            return $"{Plural(s.Images, "image")} ({Plural(layers.Distinct, "layer")}: {layers.Read} read{(layers.FromCache > 0 ? $", {layers.FromCache} from cache" : "")}; {Plural(s.Files, "file")}) in {s.ElapsedMilliseconds} ms";
        }

        if (s.Stage == CheckStage.AfterBuild)
        {
            var what = s.AppLayerFilesCheckedBefore is { } before
                ? $"the config of {Plural(s.Images, "image")} (its {Plural(before, "app layer file")} checked before the build)"
                : $"{Plural(s.Images, "image")}, {Plural(s.AppLayers, "app layer")}, {Plural(s.Files, "file")}";
            var baseLayers = s.BaseLayersNotCheckedBefore.Count == 0 ? ""
                : $" and {Plural(s.BaseLayersNotCheckedBefore.Count, "base layer")} the gate had not checked ({string.Join(", ", s.BaseLayersNotCheckedBefore.Select(ShortDigest))})";
            return $"{what}{baseLayers} in {s.ElapsedMilliseconds} ms after building the image";
        }

        var gate = (s.ConfigChecked ? "the container config, " : "") + Plural(s.PublishedFiles, "published file")
            + (s.UnchangedFiles > 0 ? $" ({s.UnchangedFiles} unchanged since the last clean check)" : "")
            + (s.BaseImage is not { } b ? "" : BaseImage(b));
        return $"{gate} in {s.ElapsedMilliseconds} ms before building the image";
    }

    /// <summary>The base image's part: its layers, those the cache served or another project read, and the check's own time when it ran during the build.</summary>
    private static string BaseImage(BaseImageCoverage b)
    {
        static string Short(string digest) => ShortDigest(digest);
        var cached = b.CachedLayerDigests.Count > 0 ? $", {b.CachedLayerDigests.Count} from cache ({string.Join(", ", b.CachedLayerDigests.Select(Short))})"
            : b.CachedLayers > 0 ? $", {b.CachedLayers} from cache" : "";
        var shared = b.SharedLayerDigests.Count > 0 ? $", {b.SharedLayerDigests.Count} read by another project's check ({string.Join(", ", b.SharedLayerDigests.Select(Short))})" : "";
        var during = b.RanDuringBuildMilliseconds is { } ran ? $"; checked during the build in {ran} ms, the gate waited {b.GateWaitedMilliseconds ?? 0} ms" : "";
        return $" and base image '{b.Name}' ({Plural(b.Layers, "layer")}{cached}{shared}, {Plural(b.Files, "file")}{during})";
    }

    /// <summary>A layer digest as a summary names it: its algorithm and first 12 hex digits.</summary>
    private static string ShortDigest(string digest) => digest.Length > 19 ? digest[..19] : digest;

    /// <summary>What was not read, for the end of the verdict line ("; 1 file over SecretGuardMaxFileSize not read: …").</summary>
    public static string NotRead(CheckSummary s)
    {
        var note = s.UnopenedArchives.Count == 0 ? "" : $"; {Plural(s.UnopenedArchives.Count, "archive")} not opened (zips over {NestedArchives.MaxZipBytes >> 20} MB, compressions SecretGuard does not read): {FirstPaths(s.UnopenedArchives)}";
        var skipped = s.SkippedFiles.Distinct().ToList();
        return skipped.Count == 0 ? note : $"{note}; {Plural(skipped.Count, "file")} over SecretGuardMaxFileSize not read: {FirstPaths(skipped)}";
    }
}
