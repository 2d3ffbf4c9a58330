using System.Collections;
using Microsoft.Build.Framework;

namespace SecretGuard.Tests.MSBuild;

/// <summary>
/// An item as the build engine hands it to a task, including engine-reserved metadata such as
/// DefiningProjectFullPath that <see cref="Microsoft.Build.Utilities.TaskItem"/> refuses to set.
/// </summary>
internal sealed class EngineItem(string itemSpec, params (string Name, string Value)[] metadata) : ITaskItem
{
    private readonly Dictionary<string, string> _metadata = metadata.ToDictionary(m => m.Name, m => m.Value, StringComparer.OrdinalIgnoreCase);

    public string ItemSpec { get; set; } = itemSpec;

    public ICollection MetadataNames => _metadata.Keys;

    public int MetadataCount => _metadata.Count;

    public string GetMetadata(string metadataName) => metadataName.Equals("FullPath", StringComparison.OrdinalIgnoreCase)
        ? Path.GetFullPath(ItemSpec)
        : _metadata.GetValueOrDefault(metadataName, "");

    public void SetMetadata(string metadataName, string metadataValue) => _metadata[metadataName] = metadataValue;

    public void RemoveMetadata(string metadataName) => _metadata.Remove(metadataName);

    public void CopyMetadataTo(ITaskItem destinationItem)
    {
        foreach (var (k, v) in _metadata)
        {
            destinationItem.SetMetadata(k, v);
        }
    }

    public IDictionary CloneCustomMetadata() => new Dictionary<string, string>(_metadata);
}
