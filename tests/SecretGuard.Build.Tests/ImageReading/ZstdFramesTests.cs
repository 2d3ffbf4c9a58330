using System.Text;
using SecretGuard.Fuzzing;
using SecretGuard.ImageReading;

namespace SecretGuard.Tests.ImageReading;

/// <summary>zstd streams frame by frame: the regular frames decompress as before, the skippable ones are kept.</summary>
[TestClass]
public sealed class ZstdFramesTests
{
    private static (byte[] Output, List<byte[]> Kept, long Skipped) Read(byte[] stream)
    {
        using var frames = new ZstdFrames(new MemoryStream(stream));
        using var zstd = new ZstdSharp.DecompressionStream(frames, leaveOpen: true);
        var output = new MemoryStream();
        zstd.CopyTo(output);
        return (output.ToArray(), frames.SkippableFrames.ToList(), frames.SkippedBytes);
    }

    [TestMethod]
    public void Regular_frames_decompress_as_they_did_and_skippable_ones_are_kept_in_order()
    {
        var first = new byte[300_000];
        new Random(1).NextBytes(first.AsSpan(0, 150_000)); // raw blocks, then compressed and RLE ones
        var second = Encoding.ASCII.GetBytes(string.Concat(Enumerable.Repeat("hello zstd ", 5000)));
        var stream = (byte[])[.. SeedInputs.SkippableFrame("table of contents"u8.ToArray()), .. TestImages.Zstd(first), .. SeedInputs.SkippableFrame([], 5), .. TestImages.Zstd(second), .. SeedInputs.SkippableFrame("after"u8.ToArray(), 15)];

        var (output, kept, skipped) = Read(stream);

        CollectionAssert.AreEqual((byte[])[.. first, .. second], output);
        CollectionAssert.AreEqual(new[] { "table of contents", "", "after" }, kept.Select(k => Encoding.ASCII.GetString(k)).ToList());
        Assert.AreEqual(0, skipped);
    }

    [TestMethod]
    public void A_frame_with_a_checksum_and_a_single_segment_is_followed_to_its_end()
    {
        // zstd's own CLI writes a content checksum; a small input is one segment with its size in the header.
        using var compressor = new ZstdSharp.Compressor(19);
        compressor.SetParameter(ZstdSharp.Unsafe.ZSTD_cParameter.ZSTD_c_checksumFlag, 1);
        var data = "GITHUB_TOKEN is not here"u8.ToArray();
        var stream = (byte[])[.. compressor.Wrap(data).ToArray(), .. SeedInputs.SkippableFrame("kept"u8.ToArray())];

        var (output, kept, _) = Read(stream);

        CollectionAssert.AreEqual(data, output);
        Assert.AreEqual("kept", Encoding.ASCII.GetString(kept.Single()));
    }

    [TestMethod]
    public void Skippable_data_past_the_bound_is_counted_not_kept()
    {
        var big = new byte[ZstdFrames.MaxKeptBytes + 1000];
        var stream = (byte[])[.. TestImages.Zstd("x"u8.ToArray()), .. SeedInputs.SkippableFrame(big)];

        var (_, kept, skipped) = Read(stream);

        Assert.AreEqual(ZstdFrames.MaxKeptBytes, kept.Sum(k => k.Length));
        Assert.AreEqual(1000, skipped);
    }

    [TestMethod]
    public void Data_after_the_frames_still_fails_the_decoder_and_a_cut_frame_too()
    {
        var frame = TestImages.Zstd(Encoding.ASCII.GetBytes(new string('x', 5000)));
        Assert.Throws<ZstdSharp.ZstdException>(() => Read([.. frame, .. "garbage after the frame"u8]));
        Assert.Throws<Exception>(() => Read(frame[..(frame.Length / 2)]));
        Assert.Throws<InvalidDataException>(() => Read([.. frame, .. SeedInputs.SkippableFrame("cut short"u8.ToArray())[..10]]));
    }
}
