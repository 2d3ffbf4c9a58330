using SecretGuard.Findings;

namespace SecretGuard.SourceMapping;

/// <summary>
/// Points each finding at the line a developer edits: the item that put it into the config, the
/// project file that was published into the app layer, or the ContainerBaseImage property.
/// Every message says what was found where (redacted) and how to fix it.
/// </summary>
internal sealed class SourceMapper(ProjectContext project)
{
    private const string Runtime = "deliver it at runtime as a mounted secret file or from a secret store, never in ENV or an image layer";

    private static readonly string[] ArgumentItemTypes = ["ContainerAppCommandArgs", "ContainerDefaultArgs", "ContainerEntrypointArgs", "ContainerAppCommand", "ContainerEntrypoint"];

    private readonly XmlDefinitionLocator _xml = new();

    /// <summary>The diagnostic for a finding, carrying its fingerprint (also at the end of the message, for suppressions).</summary>
    public Diagnostic Map(Finding finding)
    {
        var d = finding.IsCheckFailure ? MapNotChecked(finding) : MapToSource(finding);
        var imagePath = finding.Location switch
        {
            LayerFileLocation f => f.Path,
            AssemblyLocation a => a.Path,
            _ => null,
        };
        var documentation = imagePath is not null && ImageReading.DocumentationPaths.Contains(imagePath);
        var note = documentation ? " It is in a documentation folder, where it is most likely a published example: a warning; make sure it is not a real key." : "";
        return d with
        {
            Message = $"{d.Message}{note} (fingerprint {finding.Fingerprint})",
            Fingerprint = finding.Fingerprint,
            ImagePath = imagePath,
            Place = finding.Location.StableKey,
            Confidence = finding.Confidence,
            SecretKey = finding.SecretKey,
            IsDocumentation = documentation,
        };
    }

    /// <summary>
    /// A place SecretGuard could not fully read (SG0004), or a base image layer it could not read at all
    /// (SG0002, SG0003, SG0011): at the same source as a finding there would be, saying what was not
    /// checked, why, and what to do. Only SG0004 can be accepted (by path): a layer that cannot be read
    /// cannot be shipped either.
    /// </summary>
    private Diagnostic MapNotChecked(Finding finding)
    {
        var baseImage = finding.Location.Base is { } origin ? $" of base image '{origin.Image}'" : "";
        var where = finding.Location.Describe() + baseImage;
        if (finding.RuleId != Finding.NotCheckedId)
        {
            var message = $"SecretGuard could not read {where}: {finding.Label.TrimEnd('.')}. Its files were not checked, so the image is not verified (the other layers' findings are reported). Fix the cause, or set SecretGuardScanBaseImage=false to build without checking the base image.";
            return finding.Location.Base is null ? AtProject(finding, message) with { IsFinding = false } : AtBaseImage(finding, message) with { IsFinding = false };
        }

        var path = finding.Location switch
        {
            LayerFileLocation f => f.Path,
            AssemblyLocation a => a.Path,
            _ => "",
        };
        var accept = path.Length > 0
            ? $"<SecretGuardSuppress Include=\"SG0004\" ImagePath=\"{path}\" Justification=\"…\" />"
            : "<SecretGuardSuppress Include=\"SG0004\" Justification=\"…\" />";
        var text = $"SecretGuard could not fully check {where}: {finding.Label.TrimEnd('.')}. A credential in it would not have been seen, so the check fails closed. "
            + $"Stop shipping the file or replace it with one that reads; if you know it holds no credential, accept it with {accept}.";
        var mapped = MapToSource(finding);
        return mapped with { Message = text };
    }

    private Diagnostic MapToSource(Finding finding)
    {
        var what = finding.Label == finding.Title ? $"{finding.Title} [{finding.Redacted}]" : $"{finding.Title} ({finding.Label}) [{finding.Redacted}]";
        var rotate = finding.RotationHint.Length > 0
            ? $"Revoke and rotate it ({finding.RotationHint}): it is compromised once built into an image"
            : "Revoke and rotate it: it is compromised once built into an image";
        return finding.Location switch
        {
            EnvLocation env => MapConfigItem(finding, "ContainerEnvironmentVariable", env.Name, what, rotate, env.Describe(),
                $"remove the ContainerEnvironmentVariable and deliver it at runtime as a mounted secret file (e.g. {env.Name}_FILE=/run/secrets/{env.Name.ToLowerInvariant()}) or from a secret store, never in ENV or an image layer."),
            LabelLocation label => MapConfigItem(finding, "ContainerLabel", label.Key, what, rotate, label.Describe(),
                $"labels are public metadata: remove the ContainerLabel and {Runtime}."),
            ArgumentLocation arg => MapArgument(finding, arg,
                $"{what} in {arg.Describe()}. {rotate}; remove it from the container arguments and {Runtime}."),
            LayerFileLocation { Base: { } origin } file => AtBaseImage(finding, BaseLayerMessage(what, rotate, file.Describe(), file.LayerIndex, origin)),
            AssemblyLocation { Base: { } origin } assembly => AtBaseImage(finding, BaseLayerMessage(what, rotate, assembly.Describe(), assembly.LayerIndex, origin)),
            HistoryLocation history => AtBaseImage(finding,
                $"{what} in {history.Describe()} of base image '{project.BaseImage}'. {rotate}; rebuild the base image passing secrets with build secrets (RUN --mount=type=secret), not ARG, ENV or URLs, or choose another base image."),
            LayerFileLocation file => MapFile(finding, file, what, rotate),
            AssemblyLocation assembly => MapAssembly(finding, assembly, what, rotate),
            _ => AtProject(finding, $"{what}. {rotate}; {Runtime}."),
        };
    }

    private static string BaseLayerMessage(string what, string rotate, string where, int layerIndex, BaseImageOrigin origin)
    {
        var deleted = origin.DeletedInLayer is { } j
            ? $", deleted in layer {j + 1} but still recoverable from layer {layerIndex + 1} by anyone who pulls the image"
            : "";
        return $"{what} in {where} of base image '{origin.Image}'{deleted}. {rotate}; rebuild the base image without it "
            + "(pass build-time secrets with RUN --mount=type=secret, which never lands in a layer; deleting a file in a later layer does not remove it), or choose another base image.";
    }

    private Diagnostic MapConfigItem(Finding finding, string itemType, string include, string what, string rotate, string where, string fix)
    {
        var item = project.Items.LastOrDefault(i => i.ItemType == itemType && string.Equals(i.Include, include, StringComparison.OrdinalIgnoreCase));
        if (item is null)
        {
            // Not set by the project: the config inherited it from the base image.
            return AtBaseImage(finding, $"{what} in {where}, inherited from base image '{project.BaseImage}'. {rotate}; choose or rebuild a base image without it, and {Runtime}.");
        }

        if (IsSdkFile(item.DefiningFile))
        {
            return AtProject(finding, $"{what} in {where}, generated by the SDK from a project property. {rotate}; clear that property and {Runtime}.");
        }

        var definition = _xml.FindItem(item.DefiningFile, itemType, include);
        return new Diagnostic(finding.RuleId, item.DefiningFile, definition?.Location.Line ?? 0, definition?.Location.Column ?? 0,
            $"{what} in {where}. {rotate}; {fix}{PropertyNote(definition?.RawValue)}", IsFinding: true);
    }

    private Diagnostic MapArgument(Finding finding, ArgumentLocation arg, string message)
    {
        var item = project.Items.LastOrDefault(i => ArgumentItemTypes.Contains(i.ItemType) && i.Include == arg.Argument);
        if (item is null || IsSdkFile(item.DefiningFile))
        {
            return AtProject(finding, message);
        }

        var definition = _xml.FindItem(item.DefiningFile, item.ItemType, item.Include);
        return new Diagnostic(finding.RuleId, item.DefiningFile, definition?.Location.Line ?? 0, definition?.Location.Column ?? 0, message, IsFinding: true);
    }

    private Diagnostic MapFile(Finding finding, LayerFileLocation file, string what, string rotate)
    {
        var published = Published(file.Path);
        var fix = $"{rotate}; remove it from the file and {Runtime} (user-secrets in development), or stop publishing the file.";

        if (published is null)
        {
            return AtProject(finding, $"{what} in {file.Describe()}. {fix}");
        }

        if (published.PackageId.Length > 0)
        {
            return new Diagnostic(finding.RuleId, project.ProjectFile, 0, 0,
                $"{what} in {file.Describe()}, a file of NuGet package {published.PackageId} {published.PackageVersion}. It ships in your image: ask the package's authors to revoke and rotate it, and stop shipping that version (or exclude the file from publish) until it is fixed.",
                IsFinding: true, IsThirdParty: true);
        }

        var source = Path.GetFullPath(published.SourcePath);
        if (!IsUnder(source, project.ProjectDirectory) || IsUnder(source, Path.Combine(project.ProjectDirectory, "obj")) || IsUnder(source, Path.Combine(project.ProjectDirectory, "bin")))
        {
            return AtProject(finding, $"{what} in {file.Describe()}, published from {source}. {fix}");
        }

        return new Diagnostic(finding.RuleId, source, file.Line, file.Column, $"{what} in {file.Describe()}. {fix}", IsFinding: true);
    }

    private Diagnostic MapAssembly(Finding finding, AssemblyLocation assembly, string what, string rotate)
    {
        var where = $"{what} in {assembly.Describe()}";
        var fix = "remove it from the code and read it at runtime from configuration backed by a mounted secret file or a secret store; a compiled-in secret ships in every copy of the assembly";
        if (assembly.Source is { } source)
        {
            return new Diagnostic(finding.RuleId, source.File, source.Line, source.Column, $"{where}. {rotate}; {fix}.", IsFinding: true);
        }

        var package = Published(assembly.Path);
        if (package is { PackageId.Length: > 0 })
        {
            return new Diagnostic(finding.RuleId, project.ProjectFile, 0, 0,
                $"{where}, from NuGet package {package.PackageId} {package.PackageVersion}. It ships in your image: ask the package's authors to revoke and rotate it, and stop shipping that version until it is fixed.",
                IsFinding: true, IsThirdParty: true);
        }

        return AtProject(finding, $"{where}. {rotate}; {fix}.");
    }

    private PublishedFile? Published(string imagePath)
    {
        var appDir = project.WorkingDirectory.TrimEnd('/') + "/";
        return imagePath.StartsWith(appDir, StringComparison.Ordinal)
            ? project.PublishedFiles.LastOrDefault(p => Normalize(p.RelativePath) == imagePath[appDir.Length..])
            : null;
    }

    private Diagnostic AtBaseImage(Finding finding, string message)
    {
        var definition = _xml.FindProperty(project.PropertyFiles.Where(File.Exists), "ContainerBaseImage");
        return definition is null
            ? AtProject(finding, message) with { IsBaseImage = true }
            : new Diagnostic(finding.RuleId, definition.Location.File, definition.Location.Line, definition.Location.Column, message, IsFinding: true, IsBaseImage: true);
    }

    private Diagnostic AtProject(Finding finding, string message) => new(finding.RuleId, project.ProjectFile, 0, 0, message, IsFinding: true);

    /// <summary>Names the properties a value was built from, so the user knows where the secret really lives.</summary>
    private static string PropertyNote(string? rawValue)
    {
        if (rawValue is null || !rawValue.Contains("$(", StringComparison.Ordinal))
        {
            return "";
        }

        var names = System.Text.RegularExpressions.Regex.Matches(rawValue, @"\$\(([A-Za-z_][A-Za-z0-9_\-]*)\)").Select(m => m.Groups[1].Value).Distinct();
        return $" The value comes from $({string.Join("), $(", names)}): remove it wherever that property is set (a -p: argument, an environment variable or a props file).";
    }

    private static bool IsSdkFile(string path) =>
        path.EndsWith("Microsoft.NET.Build.Containers.targets", StringComparison.OrdinalIgnoreCase)
        || path.EndsWith("Microsoft.NET.Build.Containers.props", StringComparison.OrdinalIgnoreCase);

    private static string Normalize(string relative) => relative.Replace('\\', '/').TrimStart('/');

    private static bool IsUnder(string path, string directory)
    {
        var dir = Path.GetFullPath(directory).TrimEnd(Path.DirectorySeparatorChar) + Path.DirectorySeparatorChar;
        return path.StartsWith(dir, OperatingSystem.IsWindows() ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal);
    }
}
