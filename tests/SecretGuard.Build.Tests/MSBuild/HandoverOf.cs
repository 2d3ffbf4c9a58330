using SecretGuard.MSBuild;
using SecretGuard.Reporting;

namespace SecretGuard.Tests.MSBuild;

internal static class HandoverOf
{
    /// <summary>What a task handed to the next step, read back.</summary>
    public static GateHandover HandedOver(this SecretGuardTask task) => GateHandover.Parse(task.HandoverOut);
}
