using System.Text.RegularExpressions;
using SecretGuard.Findings;

namespace SecretGuard.Detection.Catalogue;

internal static partial class TokenFormats
{
    /// <summary>AI model and tooling services: OpenAI, Anthropic, Hugging Face, Groq, xAI, Pinecone and the like.</summary>
    private static TokenFormat[] AiServices =>
    [
        new("SG1015", "OpenAiKey", "OpenAI API key", "OpenAI API key.",
            OpenAiKey, ["T3BlbkFJ"], "revoke it in the OpenAI platform's API keys page")
        {
            KeywordStartsToken = false,
            Details = """
            OpenAI API keys: every format embeds "T3BlbkFJ" (base64 of "OpenAI").
            """,
            NotFlagged = "and keys vendors publish as documentation examples",
        },
        new("SG1016", "AnthropicKey", "Anthropic API key", "Anthropic API key.",
            AnthropicKey, ["sk-ant-"], "delete it in the Anthropic Console's API keys page")
        {
            Formats = ["API key (sk-ant-api03-)", "admin key (sk-ant-admin01-)", "Claude OAuth access token (sk-ant-oat01-)"],
            KeywordStartsToken = false,
            Details = "Anthropic API and admin keys: sk-ant-api03-/sk-ant-admin01- + 93 characters + AA; and the OAuth access tokens of Claude subscriptions (sk-ant-oat01- + 95 characters), which `claude setup-token` prints and Claude Code reads from CLAUDE_CODE_OAUTH_TOKEN or ~/.claude/.credentials.json.",
            NotFlagged = "and keys vendors publish as documentation examples",
        },
        new("SG1017", "HuggingFaceToken", "Hugging Face access token", "Hugging Face access token.",
            HuggingFaceToken, ["hf_"], "invalidate it in the Hugging Face settings (Access Tokens)")
        {
            Validate = v => v.Skip(3).Any(char.IsUpper) && v.Skip(3).Any(char.IsLower) && Entropy.BitsPerChar(v.AsSpan(3)) >= 4.0,
            ChecksPlaceholders = false,
            KeywordStartsToken = false,
            Details = "Hugging Face user access tokens: hf_ + 34 letters.",
            NotFlagged = "and keys vendors publish as documentation examples",
        },
        new("SG1079", "PerplexityKey", "Perplexity API key", "Perplexity API keys (pplx- and 48 characters).",
            PerplexityKey, ["pplx-"], "delete it in Perplexity (Settings, API) and create a new one")
        { KeywordStartsToken = false },
        new("SG1087", "GroqKey", "Groq API key", "Groq API keys (gsk_ and 52 characters).",
            GroqKey, ["gsk_"], "delete it in the Groq console (API keys) and create a new one")
        { KeywordStartsToken = false },
        new("SG1088", "XaiKey", "xAI API key", "xAI (Grok) API keys (xai- and 80 letters, digits and underscores).",
            XaiKey, ["xai-"], "delete it in the xAI console (API keys) and create a new one")
        { Validate = v => MixesLettersAndDigits(v.AsSpan(4)), KeywordStartsToken = false },
        new("SG1089", "ReplicateToken", "Replicate API token", "Replicate API tokens (r8_ and 37 base64url characters: letters, digits, - and _).",
            ReplicateToken, ["r8_"], "disable it in Replicate (Account, API tokens) and create a new one")
        { Validate = v => MixesLettersAndDigits(v.AsSpan(3)), KeywordStartsToken = false },
        new("SG1090", "LangSmithKey", "LangSmith API key", "LangSmith personal access tokens and service keys (lsv2_pt_ or lsv2_sk_, 32 and 10 hex digits).",
            LangSmithKey, ["lsv2_"], "delete it in LangSmith (Settings, API keys) and create a new one")
        { Formats = ["personal access token (lsv2_pt_)", "service key (lsv2_sk_)"], KeywordStartsToken = false },
        new("SG1120", "HuggingFaceOrganizationToken", "Hugging Face organization API token", "Hugging Face organization API tokens: api_org_ and 34 letters of mixed case.",
            HuggingFaceOrganizationToken, ["api_org_"], "invalidate it in the organization's Hugging Face settings (API tokens)")
        { Validate = v => MixedCase(v.AsSpan(8)), KeywordStartsToken = false },
        new("SG1128", "PineconeApiKey", "Pinecone API key", "Pinecone API keys: pcsk_, a short key id, _ and 50 to 80 letters and digits.",
            PineconeApiKey, ["pcsk_"], "delete the key in the Pinecone console (API keys) and create a new one")
        { Validate = v => MixesCaseAndDigits(v.AsSpan(5)), KeywordStartsToken = false },
        new("SG1139", "LangfuseSecretKey", "Langfuse secret key", "Langfuse project secret keys: sk-lf- and a UUID.",
            LangfuseSecretKey, ["sk-lf-"], "delete the API key pair in the Langfuse project settings and create a new one"),
        new("SG1140", "OpenRouterKey", "OpenRouter API key", "OpenRouter API keys: sk-or-v1- and 64 hex digits.",
            OpenRouterKey, ["sk-or-v1-"], "delete the key in OpenRouter (Settings > Keys) and create a new one"),
        new("SG1153", "VoiceflowApiKey", "Voiceflow API key", "Voiceflow API keys: VF., an optional DM. or WS., 24 hex digits, . and 16 letters and digits.",
            VoiceflowApiKey, ["VF."], "regenerate the agent's API key in Voiceflow (Agent settings > API keys)"),
        new("SG1154", "NightfallApiKey", "Nightfall API key", "Nightfall API keys: NF- and 32 letters and digits.",
            NightfallApiKey, ["NF-"], "delete the key in the Nightfall dashboard and create a new one")
        { Validate = v => MixesCaseAndDigits(v.AsSpan(3)) },
        new("SG1156", "ElevenLabsApiKey", "ElevenLabs API key", "ElevenLabs API keys: sk_ and 48 hex digits.",
            ElevenLabsApiKey, ["sk_"], "delete the key in ElevenLabs (Profile > API keys) and create a new one")
        { Validate = v => MixesLettersAndDigits(v.AsSpan(3)) },
    ];

    [GeneratedRegex(@"(?<![A-Za-z0-9_-])(?<secret>sk-(?:(?:proj|svcacct|admin)-)?[A-Za-z0-9_-]{20,160}T3BlbkFJ[A-Za-z0-9_-]{20,160})(?![A-Za-z0-9_-])", Options, TimeoutMs)]
    private static partial Regex OpenAiKey();

    [GeneratedRegex(@"(?<![A-Za-z0-9_-])(?<secret>sk-ant-(?:api03|admin01)-[A-Za-z0-9_-]{93}AA|sk-ant-oat01-[A-Za-z0-9_-]{95})(?![A-Za-z0-9_-])", Options, TimeoutMs)]
    private static partial Regex AnthropicKey();

    [GeneratedRegex(@"(?<![A-Za-z0-9_])(?<secret>hf_[A-Za-z]{34})(?![A-Za-z0-9_])", Options, TimeoutMs)]
    private static partial Regex HuggingFaceToken();

    [GeneratedRegex(@"(?<![A-Za-z0-9_-])(?<secret>pplx-[A-Za-z0-9]{48})(?![A-Za-z0-9_-])", Options, TimeoutMs)]
    private static partial Regex PerplexityKey();

    [GeneratedRegex(@"(?<![A-Za-z0-9_])(?<secret>gsk_[A-Za-z0-9]{52})(?![A-Za-z0-9_])", Options, TimeoutMs)]
    private static partial Regex GroqKey();

    [GeneratedRegex(@"(?<![A-Za-z0-9_-])(?<secret>xai-[A-Za-z0-9_]{80})(?![A-Za-z0-9_-])", Options, TimeoutMs)]
    private static partial Regex XaiKey();

    [GeneratedRegex(@"(?<![A-Za-z0-9_-])(?<secret>r8_[A-Za-z0-9_-]{37})(?![A-Za-z0-9_-])", Options, TimeoutMs)]
    private static partial Regex ReplicateToken();

    [GeneratedRegex(@"(?<![A-Za-z0-9_])(?<secret>lsv2_(?:pt|sk)_[a-f0-9]{32}_[a-f0-9]{10})(?![A-Za-z0-9_])", Options, TimeoutMs)]
    private static partial Regex LangSmithKey();

    [GeneratedRegex(@"(?<![A-Za-z0-9_])(?<secret>api_org_[A-Za-z]{34})(?![A-Za-z0-9_])", Options, TimeoutMs)]
    private static partial Regex HuggingFaceOrganizationToken();

    [GeneratedRegex(@"(?<![A-Za-z0-9_])(?<secret>pcsk_[A-Za-z0-9]{4,10}_[A-Za-z0-9]{50,80})(?![A-Za-z0-9_])", Options, TimeoutMs)]
    private static partial Regex PineconeApiKey();

    [GeneratedRegex(@"(?<![A-Za-z0-9_-])(?<secret>sk-lf-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})(?![A-Za-z0-9_-])", Options, TimeoutMs)]
    private static partial Regex LangfuseSecretKey();

    [GeneratedRegex(@"(?<![A-Za-z0-9_-])(?<secret>sk-or-v1-[a-f0-9]{64})(?![A-Za-z0-9_-])", Options, TimeoutMs)]
    private static partial Regex OpenRouterKey();

    [GeneratedRegex(@"(?<![A-Za-z0-9_.])(?<secret>VF\.(?:(?:DM|WS)\.)?[a-fA-F0-9]{24}\.[A-Za-z0-9]{16})(?![A-Za-z0-9_])", Options, TimeoutMs)]
    private static partial Regex VoiceflowApiKey();

    [GeneratedRegex(@"(?<![A-Za-z0-9_-])(?<secret>NF-[A-Za-z0-9]{32})(?![A-Za-z0-9_-])", Options, TimeoutMs)]
    private static partial Regex NightfallApiKey();

    [GeneratedRegex(@"(?<![A-Za-z0-9_])(?<secret>sk_[a-f0-9]{48})(?![A-Za-z0-9_])", Options, TimeoutMs)]
    private static partial Regex ElevenLabsApiKey();
}
