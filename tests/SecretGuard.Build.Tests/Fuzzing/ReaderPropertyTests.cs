using CsCheck;
using SecretGuard.Fuzzing;

namespace SecretGuard.Tests.Fuzzing;

/// <summary>
/// The fuzz targets' contracts as properties: valid inputs of each reader, mutated (see <see cref="Mutation"/>),
/// never make the reader throw anything but its documented failure types, nor run for long. Fixed seeds and
/// few iterations, so CI runs the same inputs every time in a few seconds; scripts/fuzz.sh explores further.
/// </summary>
[TestClass]
public sealed class ReaderPropertyTests
{
    public static string Fixtures => Path.Combine(AppContext.BaseDirectory, "Detection", "Fixtures");

    /// <summary>Generous: each input here takes milliseconds; a reader that loops on one takes forever.</summary>
    public static readonly TimeSpan PerInput = TimeSpan.FromSeconds(10);

    /// <summary>Runs <paramref name="action"/> on a thread of its own and fails the test if it does not finish in time.</summary>
    public static void Within(TimeSpan limit, string what, Action action)
    {
        Exception? failure = null;
        var thread = new Thread(() =>
        {
            try
            {
                action();
            }
            catch (Exception ex)
            {
                failure = ex;
            }
        }, 16 << 20) { IsBackground = true };
        thread.Start();
        if (!thread.Join(limit))
        {
            Assert.Fail($"{what} did not finish within {limit.TotalSeconds:0} s");
        }

        if (failure is not null)
        {
            Assert.Fail($"{what} threw {failure.GetType().FullName}: {failure.Message}\n{failure.StackTrace}");
        }
    }

    /// <summary>The contract of <paramref name="target"/> for one input: a documented failure or none, in time.</summary>
    public static void AssertContract(FuzzTarget target, byte[] input, string what) =>
        Within(PerInput, $"{target.Name} on {what}", () => target.RunChecked(input));

    // Iterations per target: the slow readers (key derivation for PKCS#12, an HTTP round trip) get fewer.
    [TestMethod]
    [DataRow("layer", 150, "0N0XIzNsQ0O2")]
    [DataRow("nested", 150, "1A3KeyT9pq01")]
    [DataRow("assembly", 150, "2B4LfzU8or12")]
    [DataRow("pdb", 150, "3C5MgAV7ns23")]
    [DataRow("bundle", 150, "4D6NhBW6mt34")]
    [DataRow("nativeaot", 100, "5E7OiCX5lu45")]
    [DataRow("pkcs12", 60, "6F8PjDY4kv56")]
    [DataRow("jks", 100, "7G9QkEZ3jw67")]
    [DataRow("manifest", 150, "8HaRlFa2ix78")]
    [DataRow("registry", 150, "9IbSmGb1hy89")]
    [DataRow("state", 100, "aJcTnHc0gz9a")]
    [DataRow("rules", 150, "bKdUoId9f0ab")]
    [DataRow("file", 100, "cLeVpJe8e1bc")]
    [DataRow("archive", 150, "dMfWqKf7d2cd")]
    public void Mutated_inputs_give_a_documented_failure_or_none(string name, int iterations, string seed)
    {
        var target = FuzzTargets.Find(name)!;
        var seeds = SeedInputs.For(name, Fixtures);
        ForEach(Mutation.Of(seeds), iterations, seed,
            sample => AssertContract(target, sample.Input, $"{sample.Seed} mutated by {string.Join(", ", sample.Mutations.Select(m => m.ToString()))}"));
    }

    /// <summary>
    /// Checks <paramref name="count"/> samples, the same ones on every run: CsCheck fixes a seed for the
    /// first iteration only, so the samples are generated as one array in that iteration.
    /// </summary>
    public static void ForEach<T>(Gen<T> gen, int count, string seed, Action<T> assert) =>
        gen.Array[count].Sample(samples =>
        {
            foreach (var sample in samples)
            {
                assert(sample);
            }
        }, seed: seed, iter: 1, threads: 1, print: samples => $"{samples.Length} samples");

    [TestMethod]
    public void Every_target_has_seeds_and_reads_them_without_failing()
    {
        foreach (var target in FuzzTargets.All)
        {
            var seeds = SeedInputs.For(target.Name, Fixtures);
            Assert.IsNotEmpty(seeds, $"{target.Name} has no seeds");
            foreach (var (name, data) in seeds)
            {
                AssertContract(target, data, name);
            }
        }
    }
}
