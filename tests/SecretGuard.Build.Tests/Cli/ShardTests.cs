using SecretGuard.Cli;

namespace SecretGuard.Tests.Cli;

[TestClass]
public sealed class ShardTests
{
    private static readonly List<string> Fleet = Enumerable.Range(0, 600).Select(i => $"registry.example.com/team{i % 7}/service{i}:{i % 3}").ToList();

    [TestMethod]
    [DataRow(1)]
    [DataRow(2)]
    [DataRow(3)]
    [DataRow(8)]
    public void Every_image_is_in_exactly_one_shard(int count)
    {
        var shards = Enumerable.Range(1, count).Select(k => new Shard(k, count)).ToList();

        foreach (var image in Fleet)
        {
            Assert.AreEqual(1, shards.Count(s => s.Contains(image)), image);
        }
    }

    [TestMethod]
    public void The_split_is_the_same_in_every_job_and_roughly_even()
    {
        var first = Fleet.Where(new Shard(2, 4).Contains).ToList();
        var again = Fleet.Where(new Shard(2, 4).Contains).ToList();

        CollectionAssert.AreEqual(first, again);
        Assert.IsTrue(first.Count is > 100 and < 200, $"{first.Count} of {Fleet.Count} in one of four shards");
    }

    [TestMethod]
    public void An_added_image_does_not_move_the_others()
    {
        var before = Fleet.Where(new Shard(1, 3).Contains).ToList();
        var after = Fleet.Append("registry.example.com/new/service:1").Where(new Shard(1, 3).Contains).Where(Fleet.Contains).ToList();

        CollectionAssert.AreEqual(before, after);
    }

    [TestMethod]
    [DataRow("0/3")]
    [DataRow("4/3")]
    [DataRow("1/0")]
    [DataRow("a/b")]
    [DataRow("1/2/3")]
    [DataRow("-1/3")]
    public void A_shard_that_is_not_K_of_N_is_refused(string text)
    {
        Assert.IsFalse(Shard.TryParse(text, out _, out var error));
        StringAssert.Contains(error, "--shard");
    }
}
