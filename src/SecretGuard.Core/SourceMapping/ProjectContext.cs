namespace SecretGuard.SourceMapping;

/// <summary>A container item the user wrote (ContainerEnvironmentVariable, ContainerLabel, args), and the file that defines it.</summary>
internal sealed record ContainerItem(string ItemType, string Include, string DefiningFile);

/// <summary>
/// A file of the publish output: where it came from, where it lands under the app directory, and the
/// NuGet package it comes from (empty for the project's own files).
/// </summary>
internal sealed record PublishedFile(string SourcePath, string RelativePath, string PackageId = "", string PackageVersion = "");

/// <summary>What source mapping knows about the project that built the image.</summary>
internal sealed class ProjectContext
{
    public required string ProjectFile { get; init; }

    /// <summary>The app directory in the image, ContainerWorkingDirectory (default /app/).</summary>
    public string WorkingDirectory { get; init; } = "/app/";

    public IReadOnlyList<ContainerItem> Items { get; init; } = [];

    public IReadOnlyList<PublishedFile> PublishedFiles { get; init; } = [];

    /// <summary>The project's own source files (@(Compile)), searched for literals found in its assemblies.</summary>
    public IReadOnlyList<string> SourceFiles { get; init; } = [];

    /// <summary>ContainerBaseImage as evaluated, for messages.</summary>
    public string BaseImage { get; init; } = "";

    /// <summary>Files that may set ContainerBaseImage, in evaluation order (Directory.Build.props, project, Directory.Build.targets).</summary>
    public IReadOnlyList<string> PropertyFiles { get; init; } = [];

    public string ProjectDirectory => Path.GetDirectoryName(Path.GetFullPath(ProjectFile)) ?? "";
}
