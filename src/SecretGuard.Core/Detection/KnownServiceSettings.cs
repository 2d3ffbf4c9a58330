using SecretGuard.Detection.Catalogue;

namespace SecretGuard.Detection;

/// <summary>
/// Settings whose name says which service their value belongs to (<c>DATADOG_API_KEY</c>,
/// <c>NEW_RELIC_LICENSE_KEY</c>, <c>SENDBIRD_API_TOKEN</c>), for services whose credentials SecretGuard knows
/// by their format. Those rules run before the generic credential-name rule and win over it on the same
/// value; so when the generic rule is the one left reporting such a setting, its value fails every format
/// of the service (a truncated token, a letter outside the alphabet, a key id): it is reported as a
/// warning, not as a proven secret. So is a value that starts with a known token prefix (ghp_, glpat-)
/// that its format's rule did not report (a bad checksum, a wrong length).
/// </summary>
internal static class KnownServiceSettings
{
    /// <summary>A service's names as setting names hold them (lower case), and the last words of the setting that name one of its formatted credentials (null: any credential word).</summary>
    private sealed record Service(string[] Names, string[]? LastWords);

    private static readonly Service[] Established =
    [
        new(["datadog", "dd_api_key", "dd_app_key", "dd_application_key"], null),
        new(["twilio"], null),
        new(["mailgun"], null),
        new(["okta"], ["token", "apikey"]),
        new(["algolia"], null),
        new(["postmark"], null),
        new(["newrelic", "new_relic", "nr_license"], null),
        new(["jfrog", "artifactory"], ["token", "apikey"]),
        new(["sourcegraph", "src_access_token"], null),
        new(["sendgrid"], null),
        new(["slack"], ["token"]),
        new(["gitlab"], ["token"]),

        // Payments and commerce.
        new(["stripe"], null),
        new(["square"], ["token", "secret"]),
        new(["shopify"], null),
        new(["braintree"], ["token"]),
        new(["paypal"], ["secret"]),
        new(["flutterwave"], null),
        new(["xendit"], null),
        new(["midtrans"], null),
        new(["duffel"], null),
        new(["easypost"], null),
        new(["shippo"], null),

        // Messaging, e-mail and social networks.
        new(["telegram"], ["token"]),
        new(["brevo", "sendinblue"], null),
        new(["mailersend"], null),
        new(["pubnub"], null),
        new(["mailchimp"], null),

        // Monitoring, product and business services.
        new(["grafana"], ["token", "apikey"]),
        new(["notion"], null),
        new(["dynatrace"], null),
        new(["figma"], null),
        new(["launchdarkly"], null),
        new(["posthog"], null),
        new(["clickup"], null),
        new(["typeform"], null),
        new(["mapbox"], null),
        new(["salesforce"], ["token"]),
        new(["apify"], null),
        new(["rootly"], null),
        new(["maxmind"], null),
        new(["adafruit"], null),

        // IBM Cloud API keys (44 characters) and Airtable tokens (pat…), whose rules know their shapes.
        new(["ibm_cloud", "ibmcloud", "ibm_api", "ibmapi", "bluemix"], ["apikey", "key"]),
        new(["airtable"], null),
    ];

    private static readonly Service[] All =
    [
        .. Established,
        .. ContextFormats.All.Select(f => new Service(f.ServiceNames.Select(n => n.ToLowerInvariant()).Where(n => n.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-' or '.')).ToArray(), null)),
    ];

    /// <summary>
    /// The token prefixes of the format rules (keywords of four characters or more with a _ or -, as
    /// ghp_ and glpat- are), in their case: a value that starts with one and that the format's rule did not report fails that format.
    /// </summary>
    private static readonly Lazy<string[]> TokenPrefixes = new(() =>
        [.. RuleSet.Default.Rules
            .Where(r => !r.IsGeneric)
            .SelectMany(r => r.Keywords)
            .Where(k => k.Length >= 4 && char.IsAsciiLetter(k[0]) && k.Any(c => c is '_' or '-') && !k.Contains('/') && !k.Contains('.'))
            .Distinct()]);

    /// <summary>True when <paramref name="value"/> starts with a token prefix SecretGuard knows (ghp_, glpat-, sk_live_, …).</summary>
    public static bool HasKnownTokenPrefix(string value)
    {
        foreach (var prefix in TokenPrefixes.Value)
        {
            if (value.StartsWith(prefix, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>True when <paramref name="key"/> names a service whose credentials have a known format, and <paramref name="lastWord"/> one of its credentials.</summary>
    public static bool NamesKnownService(string key, string lastWord)
    {
        var lower = key.ToLowerInvariant();
        foreach (var service in All)
        {
            if ((service.LastWords is null || service.LastWords.Contains(lastWord)) && service.Names.Any(n => lower.Contains(n, StringComparison.Ordinal)))
            {
                return true;
            }
        }

        return false;
    }
}
