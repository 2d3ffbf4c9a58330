using System.Buffers;

namespace SecretGuard.Detection;

/// <summary>Character checks for rules that test a token's fixed shape at its keyword instead of running a regex along the line.</summary>
internal static class TokenShape
{
    public static readonly SearchValues<char> LettersAndDigits = SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789");

    /// <summary>Standard base64's alphabet with its padding.</summary>
    public static readonly SearchValues<char> Base64Chars = SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/=");

    private static readonly SearchValues<char> LowerHexDigits = SearchValues.Create("0123456789abcdef");

    /// <summary>What a regex's \w-like boundary class [A-Za-z0-9_] holds.</summary>
    public static bool IsWordChar(char c) => char.IsAsciiLetterOrDigit(c) || c == '_';

    public static bool IsLowerHex(ReadOnlySpan<char> span) => !span.ContainsAnyExcept(LowerHexDigits);
}
