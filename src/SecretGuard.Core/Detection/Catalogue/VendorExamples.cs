namespace SecretGuard.Detection.Catalogue;

/// <summary>
/// Credentials that business, messaging and payment services publish in their own API documentation as
/// examples (and that SDKs, tests and tutorials then copy): they grant nothing and never fail a build.
/// </summary>
internal static class VendorExamples
{
    private static readonly HashSet<string> Published = new(StringComparer.Ordinal)
    {
        "dt0c01.ST2EY72KQINMH574WMNVI7YN.G3DFPBEJYMODIDAEX454M7YWBUVEFOWKPRVMWFASS64NFH52PX6BNDVFFM572RZM", // Dynatrace API docs, Tokens API
        "y_NbAkKc66ryYTWUXYEu", // PagerDuty REST API reference, Authorization: Token token=…
    };

    /// <summary>True when <paramref name="value"/> is a vendor's published documentation example.</summary>
    public static bool IsPublished(string value) => Published.Contains(value.Trim().Trim('"', '\''));
}
