using System.Security.Cryptography;
using System.Text;

namespace SecretGuard.Cli;

/// <summary>
/// --shard K/N: this job checks the images whose reference hashes to K of N. The hash of the reference
/// alone decides, so every job agrees without talking to the others, and an image added to the registry
/// does not move the others between shards.
/// </summary>
internal sealed record Shard(int Index, int Count)
{
    public static bool TryParse(string text, out Shard? shard, out string error)
    {
        shard = null;
        var parts = text.Split('/');
        if (parts.Length != 2 || !int.TryParse(parts[0], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var k)
            || !int.TryParse(parts[1], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var n))
        {
            error = $"--shard must be K/N with whole numbers, such as 1/4, not '{text}'";
            return false;
        }

        if (n < 1 || k < 1 || k > n)
        {
            error = $"--shard {text}: K must be from 1 to N, and N at least 1";
            return false;
        }

        shard = new Shard(k, n);
        error = "";
        return true;
    }

    public bool Contains(string imageReference)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(imageReference));
        var value = System.Buffers.Binary.BinaryPrimitives.ReadUInt32BigEndian(hash);
        return value % (uint)Count == (uint)(Index - 1);
    }

    public override string ToString() => $"{Index}/{Count}";
}
