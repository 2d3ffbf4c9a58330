using SecretGuard.Scanning;

namespace SecretGuard.MSBuild;

/// <summary>
/// What the SecretGuard tasks of one MSBuild node (one process, building several projects, in parallel or
/// one after another) share across builds.
/// </summary>
internal static class ThisNode
{
    /// <summary>One memory bound for files read whole, for every check the node runs at once.</summary>
    public static WholeFileBuffers WholeFileBuffers { get; } = new();
}
