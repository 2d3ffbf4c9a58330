namespace SecretGuard.Tests.Detection.Corpus;

internal static partial class DetectionCorpus
{
    /// <summary>Samples for cloud, AI, developer-tool and key-file formats, judged as the rest of the corpus.</summary>
    private static List<JudgedSample> CloudAndDeveloperToolSamples() =>
    [
    ];
}
