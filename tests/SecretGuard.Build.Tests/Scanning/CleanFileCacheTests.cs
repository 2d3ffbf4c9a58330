using SecretGuard.Scanning;

namespace SecretGuard.Tests.Scanning;

/// <summary>
/// A published file is not read again when the last check found it clean and it has not changed: same size
/// and write time, or (a small file the SDK writes anew on every publish) the same content.
/// </summary>
[TestClass]
public sealed class CleanFileCacheTests
{
    private string _dir = "";

    [TestInitialize]
    public void Create()
    {
        _dir = Path.Combine(Path.GetTempPath(), "sg-clean-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(_dir);
    }

    [TestCleanup]
    public void Remove() => Directory.Delete(_dir, recursive: true);

    private FileInfo Write(string name, string content, DateTime writtenAt)
    {
        var path = Path.Combine(_dir, name);
        File.WriteAllText(path, content);
        File.SetLastWriteTimeUtc(path, writtenAt);
        return new FileInfo(path);
    }

    private void RecordCleanAndSave(FileInfo file)
    {
        var cache = CleanFileCache.Open(_dir, ScanLimits.None);
        cache.RecordClean(file.Name, file);
        cache.Save();
        Assert.IsNull(cache.LastProblem);
    }

    private bool IsUnchangedAndClean(FileInfo file) => CleanFileCache.Open(_dir, ScanLimits.None).IsUnchangedAndClean(file.Name, file);

    private static readonly DateTime FirstPublish = new(2026, 12, 6, 10, 0, 0, DateTimeKind.Utc);
    private static readonly DateTime NextPublish = FirstPublish.AddMinutes(5);

    [TestMethod]
    public void A_file_with_the_same_size_and_write_time_is_not_read_again() =>
        Assert.IsTrue(RecordThenRewrite("<configuration />", "<configuration />", FirstPublish));

    [TestMethod]
    public void A_small_file_written_again_with_the_same_content_is_not_read_again() =>
        Assert.IsTrue(RecordThenRewrite("<configuration />", "<configuration />", NextPublish));

    [TestMethod]
    public void A_small_file_written_again_with_other_content_of_the_same_size_is_read_again() =>
        Assert.IsFalse(RecordThenRewrite("<configuration />", "<configuratioN />", NextPublish));

    [TestMethod]
    public void A_file_clean_under_one_working_directory_is_read_again_under_another()
    {
        // Under a documentation folder only key material is looked for: clean there says nothing of /app.
        var file = Write("appsettings.json", "{}", FirstPublish);
        var cache = CleanFileCache.Open(_dir, ScanLimits.None, "/usr/share/doc/app");
        cache.RecordClean(file.Name, file);
        cache.Save();

        Assert.IsTrue(CleanFileCache.Open(_dir, ScanLimits.None, "/usr/share/doc/app").IsUnchangedAndClean(file.Name, file));
        Assert.IsFalse(CleanFileCache.Open(_dir, ScanLimits.None, "/app").IsUnchangedAndClean(file.Name, file));
    }

    [TestMethod]
    public void A_small_file_edited_to_the_same_size_with_its_write_time_kept_is_read_again() =>
        Assert.IsFalse(RecordThenRewrite("<configuration />", "<configuratioN />", FirstPublish));

    [TestMethod]
    public void A_file_of_another_size_is_read_again() =>
        Assert.IsFalse(RecordThenRewrite("<configuration />", "<configuration/>", FirstPublish));

    [TestMethod]
    public void A_large_file_written_again_is_read_again_even_with_the_same_content()
    {
        var content = new string('x', CleanFileCache.MaxHashedBytes + 1);
        Assert.IsFalse(RecordThenRewrite(content, content, NextPublish), "only small files keep a content hash");
        Assert.IsTrue(RecordThenRewrite(content, content, FirstPublish), "the stamp alone still serves it");
    }

    [TestMethod]
    public void A_file_changed_after_its_check_began_is_not_recorded_with_the_new_content()
    {
        // The check read the first content; the file was written again before the verdict was recorded.
        var checkedFile = Write("web.config", "<configuration />", FirstPublish);
        var seenWhenChecked = new FileInfo(checkedFile.FullName);
        _ = seenWhenChecked.Length; // the stamp as the check saw it
        Write("web.config", "<configuratioX />", NextPublish); // same size, so only the write time tells
        RecordCleanAndSave(seenWhenChecked);

        Assert.IsFalse(IsUnchangedAndClean(new FileInfo(checkedFile.FullName)), "content nobody checked must not count as clean");
    }

    [TestMethod]
    public void A_state_entry_from_an_earlier_version_without_a_hash_is_still_served()
    {
        var file = Write("app.dll", "content", FirstPublish);
        var cache = CleanFileCache.Open(_dir, ScanLimits.None);
        cache.RecordClean(file.Name, file);
        cache.Save();
        var state = File.ReadAllText(cache.StatePath);
        var withoutHash = System.Text.RegularExpressions.Regex.Replace(state, @"(""app\.dll"":""\d+:\d+):[0-9a-f]{64}""", "$1\"");
        Assert.AreNotEqual(state, withoutHash, "the entry carried a hash");
        File.WriteAllText(cache.StatePath, withoutHash);

        Assert.IsTrue(IsUnchangedAndClean(file));
        Assert.IsFalse(IsUnchangedAndClean(Write("app.dll", "content", NextPublish)), "without a hash a new write time means a re-check");
    }

    private bool RecordThenRewrite(string first, string second, DateTime secondWrittenAt)
    {
        RecordCleanAndSave(Write("web.config", first, FirstPublish));
        return IsUnchangedAndClean(Write("web.config", second, secondWrittenAt));
    }
}
