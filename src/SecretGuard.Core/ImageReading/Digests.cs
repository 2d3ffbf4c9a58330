using System.Security.Cryptography;

namespace SecretGuard.ImageReading;

/// <summary>
/// Content digests as OCI images write them (<c>algorithm:hex</c>), for the two algorithms the image spec
/// registers, sha256 and sha512 (<see cref="Descriptor.IsValidDigest"/> accepts no other): content named by
/// either is checked against it, never read unchecked.
/// </summary>
internal static class Digests
{
    /// <summary>The hash <paramref name="digest"/> is made with; null for an algorithm that is neither.</summary>
    public static HashAlgorithmName? AlgorithmOf(string digest) =>
        digest.StartsWith("sha256:", StringComparison.Ordinal) ? HashAlgorithmName.SHA256
        : digest.StartsWith("sha512:", StringComparison.Ordinal) ? HashAlgorithmName.SHA512
        : null;

    /// <summary>An incremental hash of the algorithm of <paramref name="digest"/>; null for an algorithm that is neither.</summary>
    public static IncrementalHash? CreateFor(string digest) => AlgorithmOf(digest) is { } algorithm ? IncrementalHash.CreateHash(algorithm) : null;

    /// <summary>A hash written as a digest of <paramref name="algorithm"/>: "sha256:…" in lower-case hex.</summary>
    public static string Format(HashAlgorithmName algorithm, ReadOnlySpan<byte> hash) =>
        $"{algorithm.Name!.ToLowerInvariant()}:{Convert.ToHexString(hash).ToLowerInvariant()}";

    /// <summary>The digest of <paramref name="body"/> by the algorithm <paramref name="like"/> names (sha256 when it names neither).</summary>
    public static string Of(ReadOnlySpan<byte> body, string like)
    {
        var algorithm = AlgorithmOf(like) ?? HashAlgorithmName.SHA256;
        return Format(algorithm, algorithm == HashAlgorithmName.SHA512 ? SHA512.HashData(body) : SHA256.HashData(body));
    }

    /// <summary>True when <paramref name="body"/> hashes to <paramref name="digest"/>, or the digest names an algorithm this cannot check.</summary>
    public static bool Matches(ReadOnlySpan<byte> body, string digest) =>
        AlgorithmOf(digest) is null || string.Equals(Of(body, digest), digest, StringComparison.OrdinalIgnoreCase);
}
