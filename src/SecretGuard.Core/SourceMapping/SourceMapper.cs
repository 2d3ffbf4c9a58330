using SecretGuard.Findings;

namespace SecretGuard.SourceMapping;

/// <summary>
/// Points each finding at the line a developer edits: the item that put it into the config, the
/// project file that was published into the app layer, or the ContainerBaseImage property.
/// Every message says what was found where (redacted) and how to fix it.
/// </summary>
internal sealed class SourceMapper(ProjectContext project)
{
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
        return d with
        {
            Message = Messages.WithFingerprint(d.Message + Messages.DocumentationNote(documentation), finding.Fingerprint),
            Fingerprint = finding.Fingerprint,
            ImagePath = imagePath,
            Place = finding.Location.StableKey,
            Confidence = finding.Confidence,
            SecretKey = finding.SecretKey,
            IsDocumentation = documentation,
            ImageLine = finding.LineInImageFile,
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
        var where = finding.Location.Describe() + Messages.OfBaseImage(finding.Location.Base?.Image);
        if (finding.RuleId != Finding.NotCheckedId)
        {
            var message = Messages.LayerNotRead(where, finding.Label, inBuild: true);
            return finding.Location.Base is null ? AtProject(finding, message) with { IsFinding = false } : AtBaseImage(finding, message) with { IsFinding = false };
        }

        var path = finding.Location switch
        {
            LayerFileLocation f => f.Path,
            AssemblyLocation a => a.Path,
            _ => "",
        };
        var text = Messages.NotFullyChecked(where, finding.Label, Messages.SuppressItem(path), finding.Location.IsConfigEntry);
        var mapped = MapToSource(finding);
        return mapped with { Message = text };
    }

    private Diagnostic MapToSource(Finding finding)
    {
        var what = Messages.What(finding);
        var rotate = Messages.Rotate(finding.RotationHint);
        return finding.Location switch
        {
            EnvLocation env => MapConfigItem(finding, "ContainerEnvironmentVariable", env.Name, what, rotate, env.Describe(), Messages.EnvironmentVariableFix(env.Name)),
            LabelLocation label => MapConfigItem(finding, "ContainerLabel", label.Key, what, rotate, label.Describe(), Messages.LabelFix()),
            ArgumentLocation arg => MapArgument(finding, arg, Messages.InArgument(what, arg.Describe(), rotate)),
            LayerFileLocation { Base: { } origin } file => AtBaseImage(finding, Messages.InBaseImageLayer(what, rotate, file.Describe(), file.LayerIndex, origin.Image, origin.DeletedInLayer)),
            AssemblyLocation { Base: { } origin } assembly => AtBaseImage(finding, Messages.InBaseImageLayer(what, rotate, assembly.Describe(), assembly.LayerIndex, origin.Image, origin.DeletedInLayer)),
            HistoryLocation history => AtBaseImage(finding, Messages.InBaseImageHistory(what, history.Describe(), rotate, project.BaseImage)),
            ConfigFieldLocation field => MapConfigField(finding, field, what, rotate),
            LayerFileLocation file => MapFile(finding, file, what, rotate),
            AssemblyLocation assembly => MapAssembly(finding, assembly, what, rotate),
            _ => AtProject(finding, Messages.AtProject(what, rotate)),
        };
    }

    private Diagnostic MapConfigItem(Finding finding, string itemType, string include, string what, string rotate, string where, string fix)
    {
        var item = project.Items.LastOrDefault(i => i.ItemType == itemType && string.Equals(i.Include, include, StringComparison.OrdinalIgnoreCase));
        if (item is null)
        {
            // Not set by the project: the config inherited it from the base image.
            return AtBaseImage(finding, Messages.InheritedFromBaseImage(what, where, rotate, project.BaseImage));
        }

        if (IsSdkFile(item.DefiningFile))
        {
            return AtProject(finding, Messages.GeneratedBySdk(what, where, rotate));
        }

        var definition = _xml.FindItem(item.DefiningFile, itemType, include);
        return new Diagnostic(finding.RuleId, item.DefiningFile, definition?.Location.Line ?? 0, definition?.Location.Column ?? 0,
            Messages.InConfigItem(what, where, rotate, fix, PropertyNote(definition?.RawValue)), IsFinding: true);
    }

    /// <summary>
    /// A field of the config other than ENV, labels and arguments. The SDK writes User and WorkingDir from
    /// project properties, and ExposedPorts from ContainerPort items too; Volumes, StopSignal and every
    /// history step but its own it copies from the base image, and the rest of the base image's config
    /// (Healthcheck, OnBuild, Shell, fields of no spec) it leaves out, though the base image still has it.
    /// </summary>
    /// <summary>The base image's config fields the SDK writes into the built image (with Env, Labels and the command line, mapped apart).</summary>
    private static readonly string[] ShippedBaseConfigFields = ["config.User", "config.WorkingDir", "config.Volumes", "config.StopSignal", "config.ExposedPorts"];

    private Diagnostic MapConfigField(Finding finding, ConfigFieldLocation field, string what, string rotate)
    {
        var where = field.Describe();
        if (field.IsHistory)
        {
            return AtBaseImage(finding, Messages.InBaseImageHistory(what, where, rotate, project.BaseImage));
        }

        if (field.Base is not null)
        {
            var shipped = ShippedBaseConfigFields.Any(f => field.Place == f || field.Place.StartsWith(f + ".", StringComparison.Ordinal)
                || field.Place.StartsWith(f + "[", StringComparison.Ordinal) || field.Place.StartsWith(f + " (", StringComparison.Ordinal));
            return shipped
                ? AtBaseImage(finding, Messages.InBaseImageConfig(what, where, rotate, project.BaseImage))
                : AtBaseImage(finding, Messages.InBaseImageConfigNotShipped(what, where, rotate, project.BaseImage)) with { IsNotShipped = true };
        }

        var property = field.Place switch
        {
            "config.User" => "ContainerUser",
            "config.WorkingDir" => "ContainerWorkingDirectory",
            _ => null,
        };
        if (property is null && !field.Place.StartsWith("config.ExposedPorts", StringComparison.Ordinal))
        {
            return AtBaseImage(finding, Messages.InheritedFromBaseImage(what, where, rotate, project.BaseImage));
        }

        // Not set in the project's files (a -p: argument, the SDK's default, the base image's value): no source to name.
        var definition = property is null ? null : _xml.FindProperty(project.PropertyFiles.Where(File.Exists), property);
        return definition is null
            ? AtProject(finding, Messages.InConfigField(what, where, rotate, property: null))
            : new Diagnostic(finding.RuleId, definition.Location.File, definition.Location.Line, definition.Location.Column,
                Messages.InConfigField(what, where, rotate, property) + PropertyNote(definition.RawValue), IsFinding: true);
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
        if (published is null)
        {
            return AtProject(finding, Messages.InPublishedFile(what, file.Describe(), rotate));
        }

        if (published.PackageId.Length > 0)
        {
            return new Diagnostic(finding.RuleId, project.ProjectFile, 0, 0,
                Messages.InPackageFile(what, file.Describe(), published.PackageId, published.PackageVersion),
                IsFinding: true, IsThirdParty: true);
        }

        var source = Path.GetFullPath(published.SourcePath);
        if (!IsUnder(source, project.ProjectDirectory) || IsUnder(source, Path.Combine(project.ProjectDirectory, "obj")) || IsUnder(source, Path.Combine(project.ProjectDirectory, "bin")))
        {
            return AtProject(finding, Messages.InPublishedFile(what, file.Describe(), rotate, publishedFrom: source));
        }

        return new Diagnostic(finding.RuleId, source, file.Line, file.Column, Messages.InPublishedFile(what, file.Describe(), rotate), IsFinding: true);
    }

    private Diagnostic MapAssembly(Finding finding, AssemblyLocation assembly, string what, string rotate)
    {
        var where = assembly.Describe();
        if (assembly.Source is { } source)
        {
            return new Diagnostic(finding.RuleId, source.File, source.Line, source.Column, Messages.InAssembly(what, where, rotate), IsFinding: true);
        }

        var package = Published(assembly.Path);
        if (package is { PackageId.Length: > 0 })
        {
            return new Diagnostic(finding.RuleId, project.ProjectFile, 0, 0,
                Messages.InPackageAssembly(what, where, package.PackageId, package.PackageVersion),
                IsFinding: true, IsThirdParty: true);
        }

        return AtProject(finding, Messages.InAssembly(what, where, rotate));
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
        return Messages.ValueFromProperties(names);
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
