using System.Text;

namespace SecretGuard.ImageReading;

/// <summary>
/// A NativeAOT executable: native code with no .NET metadata, so the string literals of the app are
/// only in its data as UTF-16 runs (and as UTF-8 for u8 literals). Recognised on Linux by the sections
/// the NativeAOT compiler emits.
/// </summary>
public static class NativeAotImage
{
    /// <summary>Runs shorter than this are not credentials worth reporting (and are mostly noise).</summary>
    public const int MinRun = 8;

    private static readonly byte[] ManagedCodeSection = Encoding.ASCII.GetBytes("__managedcode\0");
    private static readonly byte[] EhTableSection = Encoding.ASCII.GetBytes(".dotnet_eh_table\0");

    public static bool IsNativeAot(ReadOnlySpan<byte> image) =>
        image.Length > 4 && image[0] == 0x7F && image[1] == (byte)'E' && image[2] == (byte)'L' && image[3] == (byte)'F'
        && image.IndexOf(ManagedCodeSection) >= 0 && image.IndexOf(EhTableSection) >= 0;

    /// <summary>
    /// The printable ASCII strings in the image: UTF-16LE runs (how string literals are stored; a literal's
    /// record is its length then its characters, the last of which may be stored as one byte) and UTF-8 runs.
    /// </summary>
    public static IEnumerable<string> Strings(byte[] image)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var s in Utf16Runs(image).Concat(Utf8Runs(image)))
        {
            if (seen.Add(s))
            {
                yield return s;
            }
        }
    }

    private static bool Printable(byte b) => b is >= 0x20 and < 0x7F;

    private static IEnumerable<string> Utf16Runs(byte[] image)
    {
        var builder = new StringBuilder();
        var i = 0;
        while (i + 1 < image.Length)
        {
            if (!Printable(image[i]) || image[i + 1] != 0)
            {
                i++;
                continue;
            }

            var start = i;
            builder.Clear();
            while (i + 1 < image.Length && Printable(image[i]) && image[i + 1] == 0)
            {
                builder.Append((char)image[i]);
                i += 2;
            }

            // A literal record: the 4-byte length before the run says whether one more character follows,
            // stored as a single byte.
            if (start >= 4 && i < image.Length && Printable(image[i]) && BitConverter.ToInt32(image, start - 4) == builder.Length + 1)
            {
                builder.Append((char)image[i]);
                i++;
            }

            if (builder.Length >= MinRun)
            {
                yield return builder.ToString();
            }
        }
    }

    private static IEnumerable<string> Utf8Runs(byte[] image)
    {
        var i = 0;
        while (i < image.Length)
        {
            if (!Printable(image[i]))
            {
                i++;
                continue;
            }

            var start = i;
            while (i < image.Length && Printable(image[i]))
            {
                i++;
            }

            // A run of single printable bytes only: "a\0b\0" is UTF-16, handled above.
            if (i - start >= MinRun)
            {
                yield return Encoding.ASCII.GetString(image, start, i - start);
            }
        }
    }
}
