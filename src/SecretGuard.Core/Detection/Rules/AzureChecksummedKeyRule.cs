using System.Buffers;
using System.Buffers.Binary;
using System.Buffers.Text;
using System.Text;
using SecretGuard.Findings;

namespace SecretGuard.Detection.Rules;

/// <summary>
/// Azure's identifiable service keys (storage, Cosmos DB, Service Bus, Functions, ...): base64 keys whose
/// last ten characters are the service's four-character signature and a Marvin32 checksum of the key,
/// seeded per service and key kind. The checksum is recomputed, so a match is certain, wherever the key is
/// and whatever it is called.
/// </summary>
internal sealed class AzureChecksummedKeyRule : SecretRule
{
    // Checksum seeds are eight ASCII characters read as a big-endian number ("Default0" = 0x44656661756C7430).
    private static readonly Service[] Services =
    [
        new("+ASt", "Azure Storage account key", "Default0"),
        new("ACDb", "Azure Cosmos DB key", "MastRW00", "MastRO00", "SysAll00", "SystRW00", "SystRO00", "Resour00", "Encryp00"),
        new("+ASb", "Azure Service Bus key", "Send0000", "Listen00", "Manage00", "System00", "Unknown0"),
        new("+AEh", "Azure Event Hubs key", "Send0000", "Listen00", "Manage00", "System00", "Unknown0"),
        new("+ARm", "Azure Relay key", "Send0000", "Listen00", "Manage00", "System00", "Unknown0"),
        new("AZEG", "Azure Event Grid key", "SendRecv", "Default0"),
        new("AzFu", "Azure Functions key", "Functi00", "Master00", "System00"),
        new("AzCa", "Azure Cache for Redis key", "Access00"),
        new("AzSe", "Azure AI Search key", "PAdmin00", "Query000"),
        new("+ABa", "Azure Batch account key", "AbAcct00"),
        new("+ACR", "Azure Container Registry key", "ACRDflt0"),
        new("+AMC", "Azure Machine Learning web service key", "Classic0"),
        new("+SQL", "Azure SQL identifiable password", "UsrPwd00"),
        new("AIoT", "Azure IoT Hub or device key", "IoTHub00", "DpsKey00", "Device00"),
        new("APIM", "Azure API Management key", "Tenant00", "IoTHub00", "Gatewy00", "GitKey00"),
    ];

    // Encoded characters before the signature: 22 for a 24-byte key (the smallest the scheme makes), 162 for 128 bytes.
    private const int MinPrefixChars = 22;
    private const int MaxPrefixChars = 162;
    private const int ChecksumChars = 6;

    public override string Id => "SG1115";

    public override string Title => "Azure identifiable service key";

    public override Confidence Confidence => Confidence.High;

    public override string RotationHint => "regenerate it on the resource's access keys page in the Azure portal or with the Azure CLI; prefer managed identity";

    public override IReadOnlyList<string> Formats { get; } = Services.Select(s => s.Label + " (" + s.Signature + ")").ToArray();

    public override bool WinsTies => true;

    public override IReadOnlyList<string> Keywords { get; } = Services.Select(s => s.Signature).ToArray();

    protected override StringComparison KeywordComparison => StringComparison.Ordinal;

    public override IEnumerable<SecretMatch> Find(string text) => Find(text, TextOrigin.File, []);

    public override IEnumerable<SecretMatch> Find(string text, TextOrigin origin, IReadOnlyList<int> keywordStarts)
    {
        if (keywordStarts.Count == 0)
        {
            keywordStarts = KeywordStarts(text, Keywords, StringComparison.Ordinal);
        }

        var lastEnd = -1;
        foreach (var signatureAt in keywordStarts)
        {
            if (signatureAt >= lastEnd && TryMatch(text, signatureAt) is { } match)
            {
                lastEnd = match.End;
                yield return match;
            }
        }
    }

    /// <summary>Whether a key with a right checksum has its signature at any of the keyword starts: the only place <see cref="Find(string, TextOrigin, IReadOnlyList{int})"/> finds one.</summary>
    public override bool MayFind(ReadOnlySpan<char> text, TextOrigin origin, IReadOnlyList<int> keywordStarts) =>
        AtAnyKeyword(text, keywordStarts, static (t, signatureAt) => TryMatch(t, signatureAt) is not null);

    /// <summary>The key whose signature starts at <paramref name="signatureAt"/>, when its checksum is right.</summary>
    private static SecretMatch? TryMatch(ReadOnlySpan<char> text, int signatureAt)
    {
        if (signatureAt + 4 > text.Length || ServiceSigned(text.Slice(signatureAt, 4)) is not { } service)
        {
            return null;
        }

        // Exactly six checksum characters after the signature, then up to two '=' and the key's end.
        var end = signatureAt + 4;
        var checksumEnd = end;
        while (checksumEnd < text.Length && checksumEnd - end <= ChecksumChars && IsKeyChar(text[checksumEnd]))
        {
            checksumEnd++;
        }

        if (checksumEnd - end != ChecksumChars)
        {
            return null;
        }

        end = checksumEnd;
        while (end < text.Length && end - checksumEnd < 2 && text[end] == '=')
        {
            end++;
        }

        if (end < text.Length && (IsKeyChar(text[end]) || text[end] == '='))
        {
            return null;
        }

        // The key's start is where the checksum holds: the start of the run of key characters, or after a
        // separator when the key is glued to a name (key_..., /path/...). Only those starts are tried, so
        // text made of near-keys costs a few checks each, not one per character.
        var runStart = signatureAt;
        while (runStart > 0 && signatureAt - runStart < MaxPrefixChars && IsKeyChar(text[runStart - 1]))
        {
            runStart--;
        }

        for (var start = runStart; signatureAt - start >= MinPrefixChars; start++)
        {
            if ((start == runStart || text[start - 1] is '/' or '_' or '-' or '+')
                && HasValidChecksum(text.Slice(start, checksumEnd - start), service.Seeds))
            {
                return new SecretMatch(start, end - start, service.Label);
            }
        }

        return null;
    }

    private static Service? ServiceSigned(ReadOnlySpan<char> signature)
    {
        foreach (var service in Services)
        {
            if (signature.SequenceEqual(service.Signature))
            {
                return service;
            }
        }

        return null;
    }

    /// <summary>The key's last four bytes are the Marvin32 checksum of the bytes before them, under one of the seeds.</summary>
    internal static bool HasValidChecksum(ReadOnlySpan<char> unpadded, IReadOnlyList<ulong> seeds)
    {
        // Standard or URL-safe alphabet, padding restored: the decoder takes only the standard form.
        var padded = (unpadded.Length + 3) / 4 * 4;
        Span<byte> encoded = stackalloc byte[padded];
        for (var i = 0; i < unpadded.Length; i++)
        {
            encoded[i] = unpadded[i] switch { '-' => (byte)'+', '_' => (byte)'/', var c => (byte)c };
        }

        encoded[unpadded.Length..].Fill((byte)'=');
        Span<byte> key = stackalloc byte[padded / 4 * 3];
        if (Base64.DecodeFromUtf8(encoded, key, out _, out var length) != OperationStatus.Done || length < 24)
        {
            return false;
        }

        var checksum = BinaryPrimitives.ReadUInt32LittleEndian(key.Slice(length - 4, 4));
        foreach (var seed in seeds)
        {
            if (Checksums.Marvin32(key[..(length - 4)], seed) == checksum)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>A checksum seed from its eight-character name, as the key scheme writes them.</summary>
    internal static ulong Seed(string name) => BinaryPrimitives.ReadUInt64BigEndian(Encoding.ASCII.GetBytes(name));

    internal static IReadOnlyList<ulong> SeedsOf(string signature) => Services.Single(s => s.Signature == signature).Seeds;

    private static bool IsKeyChar(char c) => char.IsAsciiLetterOrDigit(c) || c is '+' or '/' or '-' or '_';

    private sealed class Service(string signature, string label, params string[] seedNames)
    {
        public string Signature { get; } = signature;

        public string Label { get; } = label;

        public IReadOnlyList<ulong> Seeds { get; } = SeedsOf(seedNames);

        // A loop: LINQ's generic code over ulong would be compiled on the spot in every build.
        private static ulong[] SeedsOf(string[] names)
        {
            var seeds = new ulong[names.Length];
            for (var i = 0; i < names.Length; i++)
            {
                seeds[i] = Seed(names[i]);
            }

            return seeds;
        }
    }
}
