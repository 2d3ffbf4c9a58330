using System.Text.RegularExpressions;

namespace SecretGuard.Detection.Catalogue;

/// <summary>Formats of known services in shapes the catalogue did not know (issue 28): Entra ID refresh tokens, Azure Container Registry passwords, Cloudflare's scannable tokens.</summary>
internal static partial class TokenFormats
{
    private static TokenFormat[] RecallFormats =>
    [
        new("SG1256", "EntraRefreshToken", "Microsoft Entra ID refresh token", "Microsoft identity platform (Entra ID) refresh tokens: 0.A or 1.A, a base64url part, then .AgAB and more parts separated by dots.",
            EntraRefreshToken, [".AgAB"], "revoke the user's or the app's sessions in Entra ID (Revoke-MgUserSignInSession, or disable the app's sign-in) so the refresh token stops working")
        { KeywordStartsToken = false },
        new("SG1257", "AzureContainerRegistryPassword", "Azure Container Registry admin password", "Azure Container Registry admin passwords and tokens: 52 base64 characters carrying the +ACR signature, ten characters from the end.",
            AzureContainerRegistryPassword, ["+ACR"], "regenerate the registry's admin password (az acr credential renew) or delete the token, and prefer Entra ID identities")
        { Validate = v => MixesCaseAndDigits(v.AsSpan(0, 42)), KeywordStartsToken = false },
        new("SG1258", "CloudflareScannableToken", "Cloudflare API token or key (scannable)", "Cloudflare's scannable credentials: user API tokens (cfut_), account API tokens (cfat_) and global API keys (cfk_), then 40 characters and a checksum.",
            CloudflareScannableToken, ["cfut_", "cfat_", "cfk_"], "roll the token in the Cloudflare dashboard (My Profile or Manage Account > API Tokens), or change the global API key")
        { Formats = ["Cloudflare user API token (cfut_)", "Cloudflare account API token (cfat_)", "Cloudflare global API key (cfk_)"], Validate = v => MixesCaseAndDigits(v.AsSpan(v.IndexOf('_') + 1)) },
    ];

    // 0.A/1.A, the client and tenant part, then .AgAB (the token's version and flags) and the encrypted rest.
    [GeneratedRegex(@"(?<![A-Za-z0-9_.-])(?<secret>[01]\.A[A-Za-z0-9_-]{20,600}\.AgAB[A-Za-z0-9_-]{20,}(?:\.[A-Za-z0-9_-]{2,})*)(?![A-Za-z0-9_.-])", Options, TimeoutMs)]
    private static partial Regex EntraRefreshToken();

    [GeneratedRegex(@"(?<![A-Za-z0-9+/_-])(?<secret>[A-Za-z0-9+/]{42}\+ACR[A-D][A-Za-z0-9+/]{5})(?![A-Za-z0-9+/=_-])", Options, TimeoutMs)]
    private static partial Regex AzureContainerRegistryPassword();

    [GeneratedRegex(@"(?<![A-Za-z0-9_])(?<secret>cf(?:ut|at|k)_[A-Za-z0-9]{40}[A-Za-z0-9_-]{4,16})(?![A-Za-z0-9_-])", Options, TimeoutMs)]
    private static partial Regex CloudflareScannableToken();
}
