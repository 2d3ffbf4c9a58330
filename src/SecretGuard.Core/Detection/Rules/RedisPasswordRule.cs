using System.Text.RegularExpressions;
using SecretGuard.Findings;

namespace SecretGuard.Detection.Rules;

/// <summary>
/// Redis passwords: in a StackExchange.Redis configuration string (<c>host:6380,password=…,ssl=True</c>,
/// as Azure Cache for Redis hands them out), in a server's redis.conf (<c>requirepass</c>, <c>masterauth</c>)
/// and on a redis-cli command line (<c>-a …</c>).
/// </summary>
internal sealed partial class RedisPasswordRule : RegexRule
{
    // The configuration string starts with an endpoint (host:port) and lists comma-separated options.
    [GeneratedRegex(@"(?<![A-Za-z0-9_.-])[A-Za-z0-9_.-]{1,253}:[0-9]{2,5}(?:,[A-Za-z]{2,32}=[^,""'\s<>]{0,256})*?,(?i:password)=(?<secret>[^,""'\s<>]{1,256})|^[ \t]*(?:requirepass|masterauth)[ \t]+(?<secret>[^\s""']{1,256})|\bredis-cli\b[^\n]{0,200}?[ \t]-a[ \t]+(?<secret>[^\s""']{1,256})", Options | RegexOptions.Multiline, TimeoutMs)]
    private static partial Regex PatternRegex();

    public override string Id => "SG1114";

    public override string Title => "Redis password";

    public override IReadOnlyList<string> Formats { get; } =
    [
        "StackExchange.Redis configuration string (password=)",
        "Redis server password (requirepass, masterauth)",
        "redis-cli -a password",
    ];

    public override Confidence Confidence => Confidence.High;

    public override string RotationHint => "change the Redis password (or regenerate the Azure Cache for Redis access key) and update its clients";

    public override IReadOnlyList<string> Keywords { get; } = ["password=", "requirepass", "masterauth", "redis-cli"];

    protected override Regex Pattern => PatternRegex();

    protected override bool Accept(string candidate, Match match, string text) =>
        !Placeholders.IsPlaceholder(candidate) && !Placeholders.IsReference(candidate) && !candidate.StartsWith('$') && candidate.Length >= 6;
}
