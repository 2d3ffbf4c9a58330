using System.Reflection;

namespace SecretGuard.Common;

/// <summary>The version SecretGuard ships as (the package's; every src project builds with the same).</summary>
internal static class ToolVersion
{
    /// <summary>The full informational version, with the commit it was built from.</summary>
    public static string Full { get; } = typeof(ToolVersion).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.0.0";

    /// <summary>The version as reports name it ("1.2.3", without the commit).</summary>
    public static string Current { get; } = Full.Split('+')[0];
}
