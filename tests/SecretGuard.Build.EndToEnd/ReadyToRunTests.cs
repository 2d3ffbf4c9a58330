using System.Runtime.InteropServices;
using SecretGuard.EndToEnd.Infrastructure;

namespace SecretGuard.EndToEnd;

/// <summary>The tasks' ahead-of-time build is the code a .NET 10 build on linux-x64 runs, not the JIT's.</summary>
[TestClass]
public sealed class ReadyToRunTests
{
    [TestMethod]
    public void The_tasks_code_runs_precompiled_in_a_publish_on_linux_x64()
    {
        // Only there is the ReadyToRun build of the tasks loaded (build/SecretGuard.Build.targets).
        if (!OperatingSystem.IsLinux() || RuntimeInformation.ProcessArchitecture != Architecture.X64)
        {
            Assert.Inconclusive("the tasks' ReadyToRun build is for linux-x64");
        }

        var project = SampleProject.Create("PrecompiledApp");
        var jitLog = project.PathOf("jit.txt");
        var environment = new Dictionary<string, string>(TestEnvironment.Environment)
        {
            // The runtime's own list of what it JIT-compiled (release runtimes write it too).
            ["DOTNET_JitStdOutFile"] = jitLog,
            ["DOTNET_JitDisasmSummary"] = "1",
        };

        var output = DotNet.Run(project.Directory, environment,
            "publish", project.ProjectFile, "-c", "Release", "/t:PublishContainer", "-nodeReuse:false", "-tl:off", "-p:UseAppHost=false",
            $"-p:ContainerArchiveOutputPath={project.PathOf("image.tar.gz")}");

        Assert.AreEqual(0, output.ExitCode, output.ToString());
        var compiled = File.ReadAllLines(jitLog);
        // Every process of the build writes this file; the list must be the one of the process that ran the
        // tasks, which always compiles some of the core (its vectorised keyword search is never precompiled).
        Assert.IsTrue(compiled.Any(l => l.Contains("JIT compiled SecretGuard.", StringComparison.Ordinal)), "the list is not the one of the process that ran SecretGuard's tasks");

        // A method without precompiled code starts in the JIT's first tier; one that is hot may be
        // recompiled later (Tier1), which is not a sign of missing code. Crossgen2 leaves out every method
        // that touches a type it cannot resolve, so without MSBuild's assemblies as references all of the
        // tasks' own code (125 methods in this publish) came here.
        var notPrecompiled = compiled
            .Where(l => l.Contains("JIT compiled SecretGuard.MSBuild.", StringComparison.Ordinal)
                && (l.Contains("Tier0", StringComparison.Ordinal) || l.Contains("FullOpts", StringComparison.Ordinal)))
            .ToList();
        Assert.IsEmpty(notPrecompiled, "the tasks' methods left to the JIT:\n" + string.Join('\n', notPrecompiled.Take(20)));

        // The core's code too. Its vector loops are optimised from their first call by design (FullOpts); a
        // method at Tier0 had no precompiled code: one that asks whether the processor has AVX2 (the
        // keyword index's constructor did, and ran unoptimised in every build), or generic code of the
        // serializer. The one method left to ask that question is the exception.
        var core = compiled
            .Where(l => l.Contains("JIT compiled SecretGuard.", StringComparison.Ordinal) && l.Contains("Tier0", StringComparison.Ordinal)
                && !l.Contains("KeywordIndex:GatherIsSupported", StringComparison.Ordinal))
            .ToList();
        Assert.IsEmpty(core, "the core's methods left to the JIT's first tier:\n" + string.Join('\n', core.Take(20)));
    }
}
