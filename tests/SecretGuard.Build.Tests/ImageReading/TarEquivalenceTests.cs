using System.Diagnostics;
using System.Formats.Tar;
using System.Security.Cryptography;
using System.Text;
using SecretGuard.ImageReading;

namespace SecretGuard.Tests.ImageReading;

/// <summary>On valid archives, written by System.Formats.Tar in every format and by GNU tar, the reader agrees with TarReader.</summary>
[TestClass]
public sealed class TarEquivalenceTests
{
    private static readonly string LongName = string.Join("/", Enumerable.Range(0, 12).Select(i => $"directory-{i:D2}-with-a-long-name")) + "/appsettings.Production.json";

    private static IEnumerable<string> Entries(Stream tar, bool ours)
    {
        var entries = new List<string>();
        if (ours)
        {
            var reader = new TarStreamReader(tar);
            while (reader.Next() is { } e)
            {
                Assert.IsNull(e.Problem, e.Name);
                entries.Add(Describe(e.Name, e.TypeFlag, e.Size, e.Data));
            }
        }
        else
        {
            using var reader = new TarReader(tar, leaveOpen: true);
            while (reader.GetNextEntry(copyData: false) is { } e)
            {
                if (e.EntryType != TarEntryType.GlobalExtendedAttributes)
                {
                    entries.Add(Describe(e.Name, (char)(byte)e.EntryType, e.Length, e.DataStream));
                }
            }
        }

        return entries;
    }

    private static string Describe(string name, char type, long size, Stream? data)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        long length = 0;
        if (data is not null)
        {
            var buffer = new byte[7919]; // an odd read size, so reads straddle blocks
            int n;
            while ((n = data.Read(buffer)) > 0)
            {
                hash.AppendData(buffer, 0, n);
                length += n;
            }
        }

        return $"{name}|{(type == '\0' ? '0' : type)}|{size}|{length}|{Convert.ToHexString(hash.GetHashAndReset())}";
    }

    private static void AssertSame(byte[] tar, string label)
    {
        var expected = Entries(new MemoryStream(tar), ours: false).ToList();
        var actual = Entries(new MemoryStream(tar), ours: true).ToList();
        Assert.IsNotEmpty(expected, label);
        CollectionAssert.AreEqual(expected, actual, $"{label}:\n{string.Join("\n", expected)}\n---\n{string.Join("\n", actual)}");
    }

    private static byte[] Content(int length, int seed)
    {
        var bytes = new byte[length];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }

    [TestMethod]
    [DataRow(TarEntryFormat.V7)]
    [DataRow(TarEntryFormat.Ustar)]
    [DataRow(TarEntryFormat.Pax)]
    [DataRow(TarEntryFormat.Gnu)]
    public void Same_entries_and_bytes_as_TarReader_for_archives_of_System_Formats_Tar(TarEntryFormat format)
    {
        using var ms = new MemoryStream();
        using (var writer = new TarWriter(ms, format, leaveOpen: true))
        {
            var regular = format == TarEntryFormat.V7 ? TarEntryType.V7RegularFile : TarEntryType.RegularFile;
            TarEntry Entry(TarEntryType type, string name) => format switch
            {
                TarEntryFormat.V7 => new V7TarEntry(type, name),
                TarEntryFormat.Ustar => new UstarTarEntry(type, name),
                TarEntryFormat.Pax => new PaxTarEntry(type, name),
                _ => new GnuTarEntry(type, name),
            };

            writer.WriteEntry(Entry(TarEntryType.Directory, "app/"));
            var sizes = new[] { 0, 1, 100, 511, 512, 513, 1024, 70_000 };
            for (var i = 0; i < sizes.Length; i++)
            {
                var entry = Entry(regular, $"app/file-{i}.bin");
                entry.DataStream = new MemoryStream(Content(sizes[i], i));
                writer.WriteEntry(entry);
            }

            writer.WriteEntry(Link(Entry(TarEntryType.SymbolicLink, "app/link"), "file-1.bin"));
            writer.WriteEntry(Link(Entry(TarEntryType.HardLink, "app/hard"), "app/file-2.bin"));
            writer.WriteEntry(WithData(Entry(regular, "app/ünïcödé-名前.json"), "{\"k\":1}"));
            writer.WriteEntry(WithData(Entry(regular, "etc/.wh.secret.env"), ""));

            // ustar reaches 255 characters with its prefix field; PAX and GNU have no limit; V7 stops at 100.
            var longName = format switch
            {
                TarEntryFormat.V7 => LongName[..99],
                TarEntryFormat.Ustar => "u/" + new string('p', 140) + "/" + new string('n', 90),
                _ => LongName,
            };
            writer.WriteEntry(WithData(Entry(regular, longName), "long"));
            if (format is TarEntryFormat.Pax or TarEntryFormat.Gnu)
            {
                writer.WriteEntry(Link(Entry(TarEntryType.SymbolicLink, "app/long-link"), LongName));
            }

            if (format == TarEntryFormat.Pax)
            {
                var withAttributes = new PaxTarEntry(TarEntryType.RegularFile, "app/attributes.txt", new Dictionary<string, string> { ["comment"] = new string('c', 3000), ["SCHILY.xattr.user.k"] = "v" })
                {
                    DataStream = new MemoryStream(Encoding.UTF8.GetBytes("attributes")),
                };
                writer.WriteEntry(withAttributes);
                writer.WriteEntry(new PaxGlobalExtendedAttributesTarEntry(new Dictionary<string, string> { ["comment"] = "global" }));
                writer.WriteEntry(new PaxTarEntry(TarEntryType.RegularFile, "app/after-global.txt") { DataStream = new MemoryStream("g"u8.ToArray()) });
            }
        }

        AssertSame(ms.ToArray(), format.ToString());
    }

    private static TarEntry Link(TarEntry entry, string target)
    {
        entry.LinkName = target;
        return entry;
    }

    private static TarEntry WithData(TarEntry entry, string content)
    {
        entry.DataStream = new MemoryStream(Encoding.UTF8.GetBytes(content));
        return entry;
    }

    [TestMethod]
    [DataRow("--format=gnu")]
    [DataRow("--format=posix")]
    [DataRow("--format=ustar")]
    [DataRow("--format=v7")]
    [DataRow("--format=oldgnu")]
    public void Same_entries_and_bytes_as_TarReader_for_archives_of_gnu_tar(string format)
    {
        if (!TarTool.Available)
        {
            Assert.Inconclusive("GNU tar is not installed");
        }

        using var dir = new TempDirectory();
        var root = Path.Combine(dir.Path, "app");
        Directory.CreateDirectory(Path.Combine(root, "wwwroot", "css"));
        File.WriteAllText(Path.Combine(root, "appsettings.json"), "{\"Logging\":{}}");
        File.WriteAllBytes(Path.Combine(root, "app.dll"), Content(150_001, 1));
        File.WriteAllBytes(Path.Combine(root, "wwwroot", "css", "site.css"), Content(512, 2));
        File.WriteAllText(Path.Combine(root, "empty.txt"), "");
        File.CreateSymbolicLink(Path.Combine(root, "current"), "appsettings.json");
        var names = new List<string> { "app" };
        if (format != "--format=v7" && format != "--format=ustar")
        {
            var deep = Path.Combine(root, LongName[..LongName.LastIndexOf('/')]);
            Directory.CreateDirectory(deep);
            File.WriteAllText(Path.Combine(root, LongName), "deep");
        }

        var tar = TarTool.Create(dir.Path, format, [.. names]);
        AssertSame(tar, format);
    }
}

/// <summary>GNU tar, where the machine has it, to write archives as real tools do.</summary>
internal static class TarTool
{
    public static bool Available { get; } = File.Exists("/usr/bin/tar") || File.Exists("/bin/tar");

    public static byte[] Create(string directory, string options, params string[] paths)
    {
        var start = new ProcessStartInfo("tar") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = directory };
        foreach (var option in options.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            start.ArgumentList.Add(option);
        }

        start.ArgumentList.Add("--sort=name");
        start.ArgumentList.Add("-cf");
        start.ArgumentList.Add("-");
        foreach (var path in paths)
        {
            start.ArgumentList.Add(path);
        }

        using var process = Process.Start(start)!;
        using var output = new MemoryStream();
        var error = process.StandardError.ReadToEndAsync();
        process.StandardOutput.BaseStream.CopyTo(output);
        process.WaitForExit();
        Assert.AreEqual(0, process.ExitCode, error.Result);
        return output.ToArray();
    }
}

internal sealed class TempDirectory : IDisposable
{
    public string Path { get; } = Directory.CreateTempSubdirectory("sg-tar-").FullName;

    public void Dispose() => Directory.Delete(Path, recursive: true);
}
