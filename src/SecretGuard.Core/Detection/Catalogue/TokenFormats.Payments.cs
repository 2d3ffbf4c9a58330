using System.Text.RegularExpressions;
using SecretGuard.Findings;

namespace SecretGuard.Detection.Catalogue;

internal static partial class TokenFormats
{
    /// <summary>Payments and commerce: Stripe, Square, Braintree, Shopify, Plaid and the like.</summary>
    private static TokenFormat[] Payments =>
    [
        new("SG1005", "StripeKey", "Stripe live secret key", "Stripe live secret or restricted key.",
            StripeKey, ["sk_live_", "rk_live_"], "roll the key in the Stripe dashboard, under Developers, API keys")
        {
            Formats = ["live secret key (sk_live_)", "live restricted key (rk_live_)"],
            KeywordStartsToken = false,
            Details = "Stripe live secret and restricted keys (publishable pk_ keys and test keys are not secrets that ship harm).",
            NotFlagged = "and keys vendors publish as documentation examples",
        },
        new("SG1018", "ShopifyToken", "Shopify access token", "Shopify access token or shared secret.",
            ShopifyToken, ["shpat_", "shpca_", "shppa_", "shpss_", "shptka_", "shpua_", "shprt_"], "uninstall and reinstall the app or rotate the secret in the Shopify Partners dashboard (a Theme Access password: delete it in the Theme Access app)")
        {
            Formats = ["Admin API access token (shpat_)", "custom app access token (shpca_)", "private app password (shppa_)", "app shared secret (shpss_)", "Theme Access password (shptka_)", "user access token (shpua_)", "refresh token (shprt_)"],
            Validate = v => v[3] is 'a' or 'c' or 'p' or 's' || MixesLettersAndDigits(v.AsSpan(v.IndexOf('_') + 1)),
            KeywordStartsToken = false,
            Details = "Shopify access tokens and shared secrets: shpat_/shpca_/shppa_/shpss_ + 32 hex; Theme Access passwords (shptka_), user access tokens (shpua_) and refresh tokens (shprt_) + 32 or more letters and digits, as the Shopify CLI's own secret rules describe them.",
            NotFlagged = "and keys vendors publish as documentation examples",
        },
        new("SG1035", "SquareToken", "Square access token or secret", "Square access tokens of the current format (EAAA and 60 letters, digits, _ and -: a warning, as sandbox tokens have the same shape), the older OAuth access tokens (sq0atp- and 22) and application secrets (sq0csp- and 43).",
            SquareToken, ["sq0atp-", "sq0csp-", "EAAA"], "revoke it in the Square Developer Dashboard and create a new one")
        {
            Formats = ["access token (EAAA)", "OAuth access token (sq0atp-)", "application secret (sq0csp-)"],
            Validate = v => !v.StartsWith("EAAA", StringComparison.Ordinal) || (MixesCaseAndDigits(v.AsSpan(4)) && Entropy.BitsPerChar(v.AsSpan(4)) >= 4.0),
            Describe = v => v.StartsWith("EAAA", StringComparison.Ordinal)
                ? ("Square access token (EAAA; sandbox tokens have the same shape)", Confidence.Medium)
                : ("Square access token or secret", null),
            AtKeyword = (t, i) => t[i] == 's' || ((i == 0 || !TokenShape.IsWordChar(t[i - 1])) && t.Length - i >= 64),
        },
        new("SG1044", "ShippoToken", "Shippo live API token", "Shippo live API tokens (test tokens are not flagged).",
            ShippoToken, ["shippo_live_"], "regenerate it in the Shippo dashboard (API)")
        { KeywordStartsToken = false },
        new("SG1055", "BraintreeToken", "Braintree production access token", "Braintree (PayPal) production access tokens.",
            BraintreeToken, ["access_token$production$"], "revoke it in the Braintree (PayPal) control panel and create a new one")
        { KeywordStartsToken = false },
        new("SG1067", "DuffelToken", "Duffel live access token", "Duffel live access tokens (duffel_live_ and 43 characters); test tokens are not reported.",
            DuffelToken, ["duffel_live_"], "revoke it in the Duffel dashboard (Developers, Access tokens) and create a new one")
        { KeywordStartsToken = false },
        new("SG1068", "EasyPostKey", "EasyPost production API key", "EasyPost production API keys (EZAK and 54 characters); test keys (EZTK) are not reported.",
            EasyPostKey, ["EZAK"], "delete it in EasyPost (Account settings, API keys) and create a new one")
        { KeywordStartsToken = false },
        new("SG1070", "FlutterwaveSecretKey", "Flutterwave live secret key", "Flutterwave live secret keys (FLWSECK-, 32 characters and -X); test keys are not reported.",
            FlutterwaveSecretKey, ["FLWSECK-"], "regenerate the API keys in the Flutterwave dashboard (Settings, API)")
        { KeywordStartsToken = false },
        new("SG1085", "StripeWebhookSecret", "Stripe webhook signing secret", "Stripe webhook endpoint signing secrets (whsec_ and 32 or more characters).",
            StripeWebhookSecret, ["whsec_"], "roll the signing secret of the endpoint in the Stripe dashboard (Developers, Webhooks)")
        { Validate = v => MixesCaseAndDigits(v), KeywordStartsToken = false },
        new("SG1144", "XenditKey", "Xendit live secret key", "Xendit live secret keys: xnd_production_ and 40 to 100 letters and digits (older keys are base64, with + / and = padding; xnd_development_ keys are test keys and not flagged).",
            XenditKey, ["xnd_production_"], "roll the key in the Xendit dashboard (Settings > API keys)"),
        new("SG1145", "MidtransServerKey", "Midtrans server key", "Midtrans production server keys: Mid-server- and 24 characters (SB-Mid-server- sandbox keys are not flagged).",
            MidtransServerKey, ["Mid-server-"], "regenerate the server key in the Midtrans dashboard (Settings > Access keys)"),
        new("SG1146", "PlaidAccessToken", "Plaid production access token", "Plaid production access tokens: access-production- and a UUID (sandbox tokens are not flagged).",
            PlaidAccessToken, ["access-production-"], "remove the Item (/item/remove) or rotate the access token (/item/access_token/invalidate) through the Plaid API")
        { KeywordStartsToken = false },
    ];

    [GeneratedRegex(@"(?<![A-Za-z0-9_])(?<secret>(?:sk|rk)_live_[A-Za-z0-9]{24,247})(?![A-Za-z0-9_])", Options, TimeoutMs)]
    private static partial Regex StripeKey();

    [GeneratedRegex(@"(?<![A-Za-z0-9_])(?<secret>shp(?:at|ca|pa|ss)_[a-fA-F0-9]{32}|shp(?:tka|ua|rt)_[A-Za-z0-9]{32,128})(?![A-Za-z0-9_])", Options, TimeoutMs)]
    private static partial Regex ShopifyToken();

    // EAAA tokens: 64 characters; Meta's access tokens also start EAA but run to 100 and more.
    [GeneratedRegex(@"(?<![A-Za-z0-9_+/-])(?<secret>sq0atp-[0-9A-Za-z_-]{22}|sq0csp-[0-9A-Za-z_-]{43}|EAAA[0-9A-Za-z_-]{60})(?![A-Za-z0-9_+/=-])", Options, TimeoutMs)]
    private static partial Regex SquareToken();

    [GeneratedRegex(@"(?<![A-Za-z0-9_])(?<secret>shippo_live_[a-f0-9]{40})(?![A-Za-z0-9_])", Options, TimeoutMs)]
    private static partial Regex ShippoToken();

    [GeneratedRegex(@"(?<![A-Za-z0-9_])(?<secret>access_token\$production\$[0-9a-z]{16}\$[0-9a-f]{32})(?![A-Za-z0-9_])", Options, TimeoutMs)]
    private static partial Regex BraintreeToken();

    [GeneratedRegex(@"(?<![A-Za-z0-9_])(?<secret>duffel_live_[A-Za-z0-9_=\-]{43})(?![A-Za-z0-9_=\-])", Options, TimeoutMs)]
    private static partial Regex DuffelToken();

    [GeneratedRegex(@"(?<![A-Za-z0-9_])(?<secret>EZAK[A-Za-z0-9]{54})(?![A-Za-z0-9_])", Options, TimeoutMs)]
    private static partial Regex EasyPostKey();

    [GeneratedRegex(@"(?<![A-Za-z0-9_])(?<secret>FLWSECK-[a-h0-9]{32}-X)(?![A-Za-z0-9_])", Options, TimeoutMs)]
    private static partial Regex FlutterwaveSecretKey();

    [GeneratedRegex(@"(?<![A-Za-z0-9_])(?<secret>whsec_[A-Za-z0-9+/=]{32,88})(?![A-Za-z0-9_+/=])", Options, TimeoutMs)]
    private static partial Regex StripeWebhookSecret();

    [GeneratedRegex(@"(?<![A-Za-z0-9_])(?<secret>xnd_production_[A-Za-z0-9+/]{40,100}={0,2})(?![A-Za-z0-9_+/=])", Options, TimeoutMs)]
    private static partial Regex XenditKey();

    [GeneratedRegex(@"(?<![A-Za-z0-9_-])(?<secret>Mid-server-[A-Za-z0-9_-]{24})(?![A-Za-z0-9_-])", Options, TimeoutMs)]
    private static partial Regex MidtransServerKey();

    [GeneratedRegex(@"(?<![A-Za-z0-9_-])(?<secret>access-production-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})(?![A-Za-z0-9_-])", Options, TimeoutMs)]
    private static partial Regex PlaidAccessToken();
}
