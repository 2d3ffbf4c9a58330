namespace SecretGuard.Tests.Detection.Corpus;

internal static partial class DetectionCorpus
{
    /// <summary>Samples for business, messaging and payment services, and settings named after a service, judged as the rest of the corpus.</summary>
    private static List<JudgedSample> BusinessAndMessagingSamples() =>
    [
    ];
}
