using SecretGuard.ImageReading.Registry;
using SecretGuard.Scanning;

namespace SecretGuard.Tests.Scanning;

/// <summary>The gate and the check started during the build make one plan from the same settings.</summary>
[TestClass]
public sealed class BaseImageCheckPlanTests
{
    private static BaseImageCheckPlan Plan(string rids = "linux-x64", string? cache = "/c", long? maxBytes = null, string reference = "localhost:5000/base:1") =>
        BaseImageCheckPlan.For("", ImageReference.Parse(reference), rids, cache, null, new ScanLimits { MaxFileBytes = maxBytes });

    [TestMethod]
    public void The_same_settings_make_the_same_key()
    {
        Assert.AreEqual(Plan().Key, Plan(rids: " linux-x64 ", cache: " /c ").Key);
        Assert.AreEqual(Plan(rids: "linux-x64;linux-arm64").Key, Plan(rids: "linux-arm64;linux-x64;linux-x64").Key, "platforms as a set");
    }

    [TestMethod]
    public void Another_image_platform_cache_or_bound_is_another_key()
    {
        var key = Plan().Key;
        Assert.AreNotEqual(key, Plan(reference: "localhost:5000/base:2").Key);
        Assert.AreNotEqual(key, Plan(rids: "linux-arm64").Key);
        Assert.AreNotEqual(key, Plan(cache: "/other").Key);
        Assert.AreNotEqual(key, Plan(maxBytes: 1 << 20).Key);
    }

    [TestMethod]
    public void No_runtime_identifier_is_this_machines_linux_platform_and_the_name_defaults_to_the_reference()
    {
        var plan = Plan(rids: "");
        Assert.AreEqual("linux", plan.Platforms.Single().Os);
        Assert.AreEqual("localhost:5000/base:1", plan.Name);
    }
}
