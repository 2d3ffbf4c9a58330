namespace SecretGuard.Scanning;

/// <summary>What a scan covered, for the summary line and the benchmark.</summary>
internal sealed class ScanStatistics
{
    public int Images { get; set; }

    public int Layers { get; set; }

    public int Files { get; set; }

    public long Bytes { get; set; }

    public long ElapsedMilliseconds { get; set; }

    public void Add(ScanStatistics other)
    {
        Images += other.Images;
        Layers += other.Layers;
        Files += other.Files;
        Bytes += other.Bytes;
        ElapsedMilliseconds += other.ElapsedMilliseconds;
    }
}
