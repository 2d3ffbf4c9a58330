using System.Reflection;
using NetArchTest.Rules;
using SecretGuard.Findings;
using SecretGuard.MSBuild;

namespace SecretGuard.Tests.Architecture;

/// <summary>
/// The layering holds by itself: the core knows nothing of MSBuild, each folder of the core depends only
/// on those below it (Common and Findings at the bottom; Detection and ImageReading; SourceMapping; Scanning;
/// Reporting at the top), and only the front ends' entry points are public.
/// </summary>
[TestClass]
public sealed class LayeringTests
{
    private static readonly Assembly Core = typeof(Finding).Assembly;
    private static readonly Assembly Tasks = typeof(CheckContainerInputs).Assembly;

    private const string Root = "SecretGuard.";

    /// <summary>Each folder and what it must not use: every folder above it, and its siblings.</summary>
    private static readonly (string Folder, string[] MustNotUse)[] Layers =
    [
        ("Common", ["Findings", "Detection", "ImageReading", "SourceMapping", "Scanning", "Reporting", "MSBuild"]),
        ("Findings", ["Detection", "ImageReading", "SourceMapping", "Scanning", "Reporting", "MSBuild"]),
        ("Detection", ["ImageReading", "SourceMapping", "Scanning", "Reporting", "MSBuild"]),
        ("ImageReading", ["Detection", "SourceMapping", "Scanning", "Reporting", "MSBuild"]),
        ("SourceMapping", ["Scanning", "Reporting", "MSBuild"]),
        ("Scanning", ["Reporting", "MSBuild"]),
        ("Reporting", ["MSBuild"]),
    ];

    [TestMethod]
    public void The_core_references_no_MSBuild_assembly()
    {
        var references = Core.GetReferencedAssemblies().Select(a => a.Name ?? "").ToList();
        Assert.IsFalse(references.Any(r => r.StartsWith("Microsoft.Build", StringComparison.Ordinal)), string.Join(", ", references));
        var result = Types.InAssembly(Core).ShouldNot().HaveDependencyOnAny("Microsoft.Build", "SecretGuard.MSBuild").GetResult();
        Assert.IsTrue(result.IsSuccessful, "core types using MSBuild: " + string.Join(", ", result.FailingTypeNames ?? []));
    }

    [TestMethod]
    public void Each_folder_of_the_core_depends_only_on_those_below_it()
    {
        var failures = new List<string>();
        foreach (var (folder, mustNotUse) in Layers)
        {
            var result = Types.InAssembly(Core).That().ResideInNamespace(Root + folder)
                .ShouldNot().HaveDependencyOnAny(mustNotUse.Select(f => Root + f).ToArray()).GetResult();
            if (!result.IsSuccessful)
            {
                failures.Add($"{folder}: {string.Join(", ", result.FailingTypeNames ?? [])}");
            }
        }

        Assert.IsEmpty(failures, string.Join("\n", failures));
    }

    [TestMethod]
    public void Every_core_type_is_in_a_folder_of_the_layering()
    {
        var folders = Layers.Select(l => Root + l.Folder).ToList();
        var outside = Core.GetTypes().Where(t => t.Namespace is { } ns && ns.StartsWith(Root, StringComparison.Ordinal)
            && !folders.Any(f => ns == f || ns.StartsWith(f + ".", StringComparison.Ordinal))).Select(t => t.FullName).ToList();
        Assert.IsEmpty(outside, string.Join(", ", outside));
    }

    [TestMethod]
    public void The_core_is_internal_and_the_tasks_assembly_shows_only_its_tasks()
    {
        var publicCore = Core.GetExportedTypes().Select(t => t.FullName).ToList();
        Assert.IsEmpty(publicCore, "public core types: " + string.Join(", ", publicCore));
        var publicTasks = Tasks.GetExportedTypes().Where(t => !typeof(Microsoft.Build.Utilities.Task).IsAssignableFrom(t)).Select(t => t.FullName).ToList();
        Assert.IsEmpty(publicTasks, "public types that are not tasks: " + string.Join(", ", publicTasks));
    }

    [TestMethod]
    public void The_tool_is_internal_and_needs_no_MSBuild()
    {
        var tool = typeof(SecretGuard.Cli.Check).Assembly;
        var publicTool = tool.GetExportedTypes().Select(t => t.FullName).ToList();
        Assert.IsEmpty(publicTool, "public tool types: " + string.Join(", ", publicTool));
        var references = tool.GetReferencedAssemblies().Select(a => a.Name ?? "").ToList();
        Assert.IsFalse(references.Any(r => r.StartsWith("Microsoft.Build", StringComparison.Ordinal) || r == Tasks.GetName().Name), string.Join(", ", references));
    }

    [TestMethod]
    public void The_layering_rules_catch_a_dependency_upwards()
    {
        // A check that cannot fail is no check: the report pipeline uses Scanning, which a lower folder must not.
        var result = Types.InAssembly(Core).That().ResideInNamespace(Root + "Reporting").ShouldNot().HaveDependencyOn(Root + "Scanning").GetResult();
        Assert.IsFalse(result.IsSuccessful);
    }
}
