using System.Diagnostics;
using SecretGuard.ImageReading;
using SecretGuard.ImageReading.Registry;

namespace SecretGuard.Tests.ImageReading;

/// <summary>Hostile credential files and helpers: a Registry failure naming the cause, bounded, never the secret.</summary>
[TestClass]
public sealed class RegistryCredentialFaultTests
{
    private const string Registry = "registry.example.test";

    private static string NewHome(string configJson)
    {
        var home = Path.Combine(Path.GetTempPath(), "sg-cred-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path.Combine(home, ".docker"));
        File.WriteAllText(Path.Combine(home, ".docker", "config.json"), configJson);
        return home;
    }

    private static RegistryCredentials In(string home) => new(_ => null, home) { HelperTimeout = TimeSpan.FromMilliseconds(500) };

    private static ImageReadException Fails(Func<RegistryCredential?> find)
    {
        var watch = Stopwatch.StartNew();
        var ex = Assert.Throws<ImageReadException>(() => find());
        Assert.AreEqual(ImageReadFailure.Registry, ex.Failure);
        Assert.IsTrue(watch.Elapsed < TimeSpan.FromSeconds(3), $"took {watch.Elapsed}");
        return ex;
    }

    [TestMethod]
    public void A_credential_file_nested_100k_deep_is_named_without_recursion()
    {
        var home = NewHome("{\"auths\":" + new string('[', 100_000) + new string(']', 100_000) + "}");
        try
        {
            StringAssert.Contains(Fails(() => In(home).Find(Registry)).Message, "is not valid JSON");
        }
        finally
        {
            Directory.Delete(home, recursive: true);
        }
    }

    [TestMethod]
    public void A_huge_credential_file_is_not_read()
    {
        var home = NewHome("");
        try
        {
            using (var file = File.OpenWrite(Path.Combine(home, ".docker", "config.json")))
            {
                file.SetLength(RegistryCredentials.MaxAuthFileBytes + 1L);
            }

            StringAssert.Contains(Fails(() => In(home).Find(Registry)).Message, "more than the 4 MB a credential file can be");
        }
        finally
        {
            Directory.Delete(home, recursive: true);
        }
    }

    [TestMethod]
    public void A_broken_credential_file_is_named_without_quoting_it()
    {
        var home = NewHome("{\"auths\":{\"" + Registry + "\":{\"auth\":\"c2VjcmV0LXZhbHVl");
        try
        {
            var ex = Fails(() => In(home).Find(Registry));
            Assert.DoesNotContain("c2Vj", ex.Message);
        }
        finally
        {
            Directory.Delete(home, recursive: true);
        }
    }

    [TestMethod]
    public void Values_of_the_wrong_type_count_as_absent()
    {
        var home = NewHome("{\"credHelpers\":{\"" + Registry + "\":5},\"credsStore\":[],\"auths\":{\"" + Registry + "\":{\"identitytoken\":{},\"auth\":7,\"username\":1,\"password\":2}}}");
        try
        {
            Assert.IsNull(In(home).Find(Registry));
        }
        finally
        {
            Directory.Delete(home, recursive: true);
        }
    }

    [TestMethod]
    public void Strings_that_are_not_UTF_8_count_as_absent()
    {
        var home = NewHome("");
        try
        {
            var json = System.Text.Encoding.UTF8.GetBytes("{\"auths\":{\"" + Registry + "\":{\"username\":\"u~\",\"password\":\"p\"}},\"credsStore\":\"\\udc00\"}");
            File.WriteAllBytes(Path.Combine(home, ".docker", "config.json"), json.Select(b => b == (byte)'~' ? (byte)0xFE : b).ToArray());
            Assert.IsNull(In(home).Find(Registry));
        }
        finally
        {
            Directory.Delete(home, recursive: true);
        }
    }

    [TestMethod]
    [DoNotParallelize] // changes PATH for the helper
    [DataRow("yes '{\"Username\":\"u\",\"Secret\":\"s\"}'", "answered with more than 1 MB")]
    [DataRow("sleep 20", "did not answer within 500 ms")]
    [DataRow("echo '[1,2]'", "did not answer with a JSON object")]
    [DataRow("echo '{\"Secret\":'", "did not answer with JSON")]
    public void A_misbehaving_credential_helper_is_named_and_stopped(string body, string expected)
    {
        if (OperatingSystem.IsWindows())
        {
            Assert.Inconclusive("the helper is a shell script");
            return;
        }

        var home = NewHome("{\"credHelpers\":{\"" + Registry + "\":\"sgfault\"}}");
        var helper = Path.Combine(home, "docker-credential-sgfault");
        File.WriteAllText(helper, "#!/bin/sh\n" + body + "\n");
        File.SetUnixFileMode(helper, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        var path = Environment.GetEnvironmentVariable("PATH");
        Environment.SetEnvironmentVariable("PATH", home + ":" + path);
        try
        {
            var ex = Fails(() => In(home).Find(Registry));
            StringAssert.Contains(ex.Message, "docker-credential-sgfault");
            StringAssert.Contains(ex.Message, expected);
        }
        finally
        {
            Environment.SetEnvironmentVariable("PATH", path);
            Directory.Delete(home, recursive: true);
        }
    }
}
