using System.Text.RegularExpressions;
using SecretGuard.Detection.Catalogue;
using SecretGuard.Detection.Rules;

namespace SecretGuard.Detection;

/// <summary>The text rules, run together over one piece of text.</summary>
internal sealed class RuleSet
{
    public RuleSet(IEnumerable<SecretRule> rules)
    {
        Rules = rules.ToArray();
        _keywords = new KeywordIndex(Rules);
    }

    private readonly KeywordIndex _keywords;

    public static RuleSet Default { get; } = new(
    [
        new PrivateKeyRule(),
        new AwsAccessKeyIdRule(),
        new AwsSecretAccessKeyRule(),
        new GitHubTokenRule(),
        new StripeKeyRule(),
        new SlackTokenRule(),
        new SendGridKeyRule(),
        new ConnectionStringPasswordRule(),
        new UrlPasswordRule(),
        new NpmTokenRule(),
        new AzureChecksummedKeyRule(),
        new AzureStorageKeyRule(),
        new GoogleApiKeyRule(),
        new OpenAiKeyRule(),
        new AnthropicKeyRule(),
        new HuggingFaceTokenRule(),
        new ShopifyTokenRule(),
        new NuGetApiKeyRule(),
        new GitLabTokenRule(),
        new PyPiTokenRule(),
        new DigitalOceanTokenRule(),
        new HashiCorpTokenRule(),
        new AtlassianTokenRule(),
        new TelegramBotTokenRule(),
        new AzureAdClientSecretRule(),
        new GrafanaTokenRule(),
        new NewRelicKeyRule(),
        new SentryTokenRule(),
        new AlibabaAccessKeyRule(),
        new SquareTokenRule(),
        new MailchimpKeyRule(),
        new OnePasswordTokenRule(),
        new JFrogTokenRule(),
        new AgeSecretKeyRule(),
        new AirtableTokenRule(),
        new TeamsWebhookRule(),
        new DiscordWebhookRule(),
        new NotionTokenRule(),
        new BraintreeTokenRule(),
        new FirebaseServerKeyRule(),
        new PuttyPrivateKeyRule(),
        new AzureSasTokenRule(),
        new DockerConfigAuthRule(),
        new NetrcPasswordRule(),
        new BitbucketAppPasswordRule(),
        new SonarQubeTokenRule(),
        new AdobeClientSecretRule(),
        new CloudflareOriginCaKeyRule(),
        new FacebookAccessTokenRule(),
        new FlutterwaveSecretKeyRule(),
        new FlyIoTokenRule(),
        new HarnessTokenRule(),
        new InfracostTokenRule(),
        new MaxMindLicenseKeyRule(),
        new OctopusDeployKeyRule(),
        new PlanetScaleTokenRule(),
        new SettleMintTokenRule(),
        new StripeWebhookSecretRule(),
        new ReplicateTokenRule(),
        new LangSmithKeyRule(),
        new TailscaleKeyRule(),
        new AdafruitKeyRule(),
        new MapboxSecretTokenRule(),
        new ClickHouseSecretRule(),
        new DropboxTokenRule(),
        new TwitterBearerTokenRule(),
        new YandexApiKeyRule(),
        new GoogleOAuthClientSecretRule(),
        new DataProtectionKeyRule(),
        new NpmrcAuthRule(),
        new AzureIdentifiableKeyRule(),
        new KubeconfigClientKeyRule(),
        new HtpasswdHashRule(),
        new PhpDefinedCredentialRule(),
        new JsonWebTokenRule(),
        new JwtSigningKeyRule(),
        new TwilioCredentialRule(),
        new MailgunKeyRule(),
        new OktaTokenRule(),
        new AlgoliaAdminKeyRule(),
        new DatadogKeyRule(),
        new IbmCloudApiKeyRule(),
        new PostmarkTokenRule(),
        new PayPalClientSecretRule(),
        new OracleCloudPassphraseRule(),
        new RedisPasswordRule(),
        new CurlCredentialRule(),
        new KubernetesSecretRule(),
        .. TokenFormats.All.Select(f => new TokenFormatRule(f)),
        .. ContextFormats.All.Select(f => new ContextFormatRule(f)),
        new CredentialAssignmentRule(),
    ]);

    public IReadOnlyList<SecretRule> Rules { get; }

    /// <summary>
    /// All credentials in <paramref name="text"/>, ordered by position. Where a generic rule and a
    /// specific one match overlapping text, only the specific one is kept; one span is reported once.
    /// </summary>
    /// <exception cref="RuleTimeoutException">A rule's regex exceeded its time budget.</exception>
    public IReadOnlyList<RuleHit> Scan(string text, TextOrigin origin = TextOrigin.File) => Scan(text, origin, _keywords.Find(text, Rules));

    /// <summary>
    /// Where each rule's keywords start in <paramref name="text"/> (for <see cref="Scan(string, TextOrigin, List{int}?[])"/>),
    /// or null when no rule's keyword occurs in it: then no rule can match, and the text need never be
    /// made a string (most of a documentation folder's text, where only key material is looked for).
    /// </summary>
    public List<int>?[]? FindKeywords(ReadOnlySpan<char> text)
    {
        var starts = _keywords.Find(text, Rules, whole: null);
        foreach (var found in starts)
        {
            if (found is not null)
            {
                return starts;
            }
        }

        return null;
    }

    /// <summary>As <see cref="Scan(string, TextOrigin)"/>, with the keyword starts <see cref="FindKeywords"/> found in the same text.</summary>
    public IReadOnlyList<RuleHit> Scan(string text, TextOrigin origin, List<int>?[] keywordStarts)
    {
        // Found on characters alone, rules the index cannot hold were taken to be present: their own check now.
        foreach (var r in _keywords.Unindexed)
        {
            if (keywordStarts[r] is not null && !Rules[r].MayMatch(text))
            {
                keywordStarts[r] = null;
            }
        }

        List<RuleHit>? hits = null;
        for (var r = 0; r < Rules.Count; r++)
        {
            var rule = Rules[r];
            if (keywordStarts[r] is not { } starts)
            {
                continue;
            }

            try
            {
                foreach (var match in rule.Find(text, origin, starts))
                {
                    // Whatever the rule: a value no credential generator makes, or the shown part of a masked
                    // one, never fails a build (key material is parsed, and its base64 legitimately holds runs
                    // of one character).
                    if (rule.IsKeyMaterial || !(Placeholders.IsNotReal(text.AsSpan(match.Index, match.Length)) || Placeholders.IsMaskedAround(text, match.Index, match.Length)))
                    {
                        (hits ??= []).Add(new RuleHit(rule, match));
                    }
                }
            }
            catch (RegexMatchTimeoutException)
            {
                throw new RuleTimeoutException(rule.Id);
            }
        }

        return hits is null ? [] : RemoveOverlaps(hits);
    }

    private static List<RuleHit> RemoveOverlaps(List<RuleHit> hits)
    {
        // Specific before generic, then by position, then in rule order (hits come in rule order and the
        // sort is stable, so a checksum-proven rule listed first wins a tie): the first claim on a span wins.
        var kept = new List<RuleHit>(hits.Count);
        foreach (var hit in hits.OrderBy(h => h.Rule.IsGeneric).ThenBy(h => h.Match.Index))
        {
            if (!kept.Any(k => k.Match.Index < hit.Match.End && hit.Match.Index < k.Match.End))
            {
                kept.Add(hit);
            }
        }

        kept.Sort((a, b) => a.Match.Index.CompareTo(b.Match.Index));
        return kept;
    }
}

/// <summary>A rule's regex ran out of time: the text could not be fully checked.</summary>
internal sealed class RuleTimeoutException(string ruleId) : Exception($"rule {ruleId} exceeded its time budget")
{
    public string RuleId { get; } = ruleId;
}
