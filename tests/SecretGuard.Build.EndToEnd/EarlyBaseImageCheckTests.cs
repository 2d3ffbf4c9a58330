using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using SecretGuard.EndToEnd.Infrastructure;

namespace SecretGuard.EndToEnd;

/// <summary>
/// The base image check starts while the project compiles, in real publishes: only when PublishContainer
/// was asked for, joined by the gate, stopped by a build that fails before the gate.
/// </summary>
[TestClass]
public sealed class EarlyBaseImageCheckTests
{
    /// <summary>
    /// A TCP port standing in for a registry, counting the connections made to it: it either closes each
    /// at once (a registry that is down) or holds it without a word (a registry that hangs).
    /// </summary>
    private sealed class CountingPort : IDisposable
    {
        private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
        private readonly List<TcpClient> _held = [];
        private readonly bool _hold;
        private int _connections;

        public CountingPort(bool hold)
        {
            _hold = hold;
            _listener.Start();
            _ = Task.Run(Accept);
        }

        public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

        public int Connections => Volatile.Read(ref _connections);

        private async Task Accept()
        {
            try
            {
                while (true)
                {
                    var client = await _listener.AcceptTcpClientAsync();
                    Interlocked.Increment(ref _connections);
                    if (_hold)
                    {
                        lock (_held)
                        {
                            _held.Add(client);
                        }
                    }
                    else
                    {
                        client.Dispose();
                    }
                }
            }
            catch (Exception ex) when (ex is ObjectDisposedException or SocketException)
            {
                // stopped
            }
        }

        public void Dispose()
        {
            _listener.Stop();
            lock (_held)
            {
                _held.ForEach(c => c.Dispose());
            }
        }
    }

    private static SampleProject WithBase(string name, string baseImage, string body = "")
    {
        var project = SampleProject.Create(name, body);
        File.WriteAllText(project.ProjectFile, File.ReadAllText(project.ProjectFile).Replace(TestEnvironment.BaseImage, baseImage, StringComparison.Ordinal));
        return project;
    }

    [TestMethod]
    public void The_base_image_check_starts_before_the_compiler_and_the_gate_joins_it()
    {
        var project = SampleProject.Create("EarlyCheckApp");
        var cache = project.PathOf("sg-cache");
        var output = project.PublishContainer($"-p:ContainerArchiveOutputPath={project.PathOf("image.tar.gz")}", $"-p:SecretGuardCacheDirectory={cache}", "-v:n");

        Assert.AreEqual(0, output.ExitCode, output.ToString());
        var started = output.Text.IndexOf($"SecretGuard: base image '{TestEnvironment.BaseImage}' is being checked while the project builds.", StringComparison.Ordinal);
        var compiled = output.Text.IndexOf("CoreCompile:", StringComparison.Ordinal);
        Assert.IsGreaterThanOrEqualTo(0, started, output.ToString());
        Assert.IsGreaterThan(started, compiled, "started before the compiler ran: " + output);
        StringAssert.Matches(output.Text, new System.Text.RegularExpressions.Regex(@"base image '[^']+' \(1 layer, 1 file; checked during the build in \d+ ms, the gate waited \d+ ms\)"), output.ToString());
        Assert.IsNotEmpty(Directory.EnumerateFiles(cache, "*.json", SearchOption.AllDirectories).ToList(), "the layer's result is cached");

        // Published again: the layer comes from the cache, and -v:n names it.
        var again = project.PublishContainer($"-p:ContainerArchiveOutputPath={project.PathOf("image.tar.gz")}", $"-p:SecretGuardCacheDirectory={cache}", "-v:n");
        Assert.AreEqual(0, again.ExitCode, again.ToString());
        StringAssert.Matches(again.Text, new System.Text.RegularExpressions.Regex(@"\(1 layer, 1 from cache \(sha256:[0-9a-f]{12}\), 1 file; checked during the build in \d+ ms"), again.ToString());
    }

    [TestMethod]
    public void A_plain_build_never_contacts_the_registry_a_publish_does_and_reports_SG0011_at_ContainerBaseImage()
    {
        using var registry = new CountingPort(hold: false);
        var project = WithBase("NoContactApp", $"localhost:{registry.Port}/app-base:1");

        var build = DotNet.Run(project.Directory, TestEnvironment.Environment, "build", project.ProjectFile, "-c", "Release", "-nodeReuse:false", "-tl:off", "-v:n");
        Assert.AreEqual(0, build.ExitCode, build.ToString());
        Assert.AreEqual(0, registry.Connections, "a plain build contacted the base image's registry: " + build);
        Assert.IsFalse(build.Text.Contains("is being checked while the project builds", StringComparison.Ordinal), build.ToString());

        // The control: a publish of the same project reaches it, and the gate reports it where the base image is set.
        var publish = project.PublishContainer($"-p:ContainerArchiveOutputPath={project.PathOf("image.tar.gz")}", $"-p:SecretGuardCacheDirectory={project.PathOf("sg-cache")}");
        Assert.AreNotEqual(0, publish.ExitCode, publish.ToString());
        Assert.IsGreaterThan(0, registry.Connections, publish.ToString());
        var error = publish.Errors("SG0011").Single();
        Assert.AreEqual((Path.GetFullPath(project.ProjectFile), project.LineOf("NoContactApp.csproj", "<ContainerBaseImage>")), (Path.GetFullPath(error.File), error.Line), publish.ToString());
        Assert.IsFalse(publish.Text.Contains("   at ", StringComparison.Ordinal), "no stack trace");
    }

    [TestMethod]
    public void A_build_that_fails_to_compile_stops_the_check_it_started_and_caches_nothing()
    {
        using var registry = new CountingPort(hold: true); // answers nothing: the check waits on it until stopped
        var project = WithBase("BrokenCompileApp", $"localhost:{registry.Port}/app-base:1");
        project.Write("Program.cs", "System.Console.WriteLine(\"hello\")\n"); // no semicolon
        var cache = project.PathOf("sg-cache");

        var clock = Stopwatch.StartNew();
        var output = project.PublishContainer($"-p:ContainerArchiveOutputPath={project.PathOf("image.tar.gz")}", $"-p:SecretGuardCacheDirectory={cache}", "-v:n");

        Assert.AreNotEqual(0, output.ExitCode, output.ToString());
        Assert.IsNotEmpty(output.Errors("CS1002").ToList(), output.ToString());
        Assert.IsGreaterThan(0, registry.Connections, "the check had started: " + output);
        StringAssert.Contains(output.Text, "is being checked while the project builds", output.ToString());
        Assert.IsFalse(output.SecretGuard.Any(), "the gate never ran, so nothing of the check is reported: " + output);
        // The registry client waits 60 s for an answer; the build ends well before that, the check stopped with it.
        Assert.IsLessThan(TimeSpan.FromSeconds(55), clock.Elapsed, output.ToString());
        var left = Directory.Exists(cache) ? Directory.EnumerateFiles(cache, "*", SearchOption.AllDirectories).ToList() : [];
        Assert.IsEmpty(left, "no cache entry, temporary file or lock is left: " + string.Join(", ", left));
        Assert.IsFalse(File.Exists(project.PathOf("image.tar.gz")));
    }

    [TestMethod]
    public void StartBaseImageCheckEarly_false_leaves_the_check_to_the_gate_and_a_value_neither_true_nor_false_is_SG0005()
    {
        var project = SampleProject.Create("LateCheckApp");
        var cache = project.PathOf("sg-cache");

        // false: nothing starts while the project compiles; the gate checks the base image itself.
        var late = project.PublishContainer($"-p:ContainerArchiveOutputPath={project.PathOf("image.tar.gz")}", $"-p:SecretGuardCacheDirectory={cache}", "-p:SecretGuardStartBaseImageCheckEarly=false", "-v:n");
        Assert.AreEqual(0, late.ExitCode, late.ToString());
        Assert.IsFalse(late.Text.Contains("is being checked while the project builds", StringComparison.Ordinal), late.ToString());
        StringAssert.Matches(late.Text, new System.Text.RegularExpressions.Regex(@"base image '[^']+' \(1 layer, 1 file\)"), late.ToString());
        Assert.IsFalse(late.Text.Contains("checked during the build", StringComparison.Ordinal), late.ToString());

        // Anything else is an error naming the property, from the gate, before the image is written; nothing starts early.
        var wrong = project.PublishContainer($"-p:ContainerArchiveOutputPath={project.PathOf("wrong.tar.gz")}", $"-p:SecretGuardCacheDirectory={cache}", "-p:SecretGuardStartBaseImageCheckEarly=yes", "-v:n");
        Assert.AreNotEqual(0, wrong.ExitCode, wrong.ToString());
        // (MSBuild repeats the errors in its closing summary at -v:n: one distinct error.)
        var error = wrong.Errors("SG0005").Select(e => e.Message).Distinct().Single();
        StringAssert.Contains(error, "SecretGuardStartBaseImageCheckEarly must be 'true' or 'false', not 'yes'.", wrong.ToString());
        Assert.IsFalse(wrong.Text.Contains("is being checked while the project builds", StringComparison.Ordinal), wrong.ToString());
        Assert.IsFalse(File.Exists(project.PathOf("wrong.tar.gz")), "no image was written");
    }
}

