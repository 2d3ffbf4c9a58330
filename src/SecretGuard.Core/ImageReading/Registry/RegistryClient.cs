using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace SecretGuard.ImageReading.Registry;

/// <summary>Timeouts, retries and size bounds for registry requests.</summary>
internal sealed record RegistryClientOptions
{
    /// <summary>Tries per request, for transient failures (connection errors, timeouts, 5xx, 429).</summary>
    public int Attempts { get; init; } = 3;

    /// <summary>Wait before the second try; doubled for each later one.</summary>
    public TimeSpan FirstRetryDelay { get; init; } = TimeSpan.FromMilliseconds(500);

    /// <summary>The longest wait between tries, whatever a Retry-After header asks for.</summary>
    public TimeSpan MaxRetryDelay { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>How long a registry may take to answer a request, or to send the next bytes of a body.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>
    /// A body (blob, manifest, token) may spend at most this long waiting on the network, plus its size at
    /// <see cref="MinimumBytesPerSecond"/>: a registry that trickles bytes just fast enough to beat
    /// <see cref="Timeout"/> still ends.
    /// </summary>
    public TimeSpan BodyDeadlineFloor { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>The slowest transfer rate a body is given time for, on top of <see cref="BodyDeadlineFloor"/>.</summary>
    public long MinimumBytesPerSecond { get; init; } = 128 * 1024;

    /// <summary>Redirects followed per request (registries send blobs to a storage service); more is a loop.</summary>
    public int MaxRedirects { get; init; } = 10;

    /// <summary>The largest manifest or image index read (real ones are a few KB).</summary>
    public int MaxManifestBytes { get; init; } = 4 << 20;

    /// <summary>The largest token service answer read.</summary>
    public int MaxTokenResponseBytes { get; init; } = 1 << 20;

    /// <summary>Registries to talk to over plain HTTP besides localhost (DOTNET_CONTAINER_INSECURE_REGISTRIES).</summary>
    public IReadOnlyCollection<string> InsecureRegistries { get; init; } = [];

    public static RegistryClientOptions FromEnvironment() => new()
    {
        InsecureRegistries = (Environment.GetEnvironmentVariable("DOTNET_CONTAINER_INSECURE_REGISTRIES") ?? "")
            .Split([',', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
    };

    /// <summary>How long a body of <paramref name="bytes"/> (unknown: -1) may spend waiting on the network in total.</summary>
    internal TimeSpan BodyDeadline(long bytes)
    {
        var rate = Math.Max(1, MinimumBytesPerSecond);
        var seconds = bytes < 0 ? BodyDeadlineFloor.TotalSeconds * 9 : Math.Min(bytes / (double)rate, TimeSpan.FromDays(1).TotalSeconds);
        return BodyDeadlineFloor + TimeSpan.FromSeconds(seconds);
    }
}

/// <summary>
/// Reads manifests and blobs from an OCI distribution registry (pull only): anonymous, basic and
/// bearer-token auth, bounded retries with back-off for transient failures, and a clear
/// <see cref="ImageReadException"/> (<see cref="ImageReadFailure.Registry"/>) for everything else.
/// Everything a registry sends is bounded: the time to answer, the time and bytes of every body, the
/// redirects and authentication rounds per request.
/// </summary>
internal sealed class RegistryClient : IDisposable
{
    public static readonly string[] ManifestMediaTypes =
    [
        "application/vnd.oci.image.index.v1+json",
        "application/vnd.docker.distribution.manifest.list.v2+json",
        "application/vnd.oci.image.manifest.v1+json",
        "application/vnd.docker.distribution.manifest.v2+json",
    ];

    private readonly HttpClient _http;
    private readonly RegistryCredentials _credentials;
    private readonly RegistryClientOptions _options;
    private readonly Uri _base;
    // Layers are read several at a time: the token is shared, and the credentials are looked up once.
    private volatile AuthenticationHeaderValue? _authorization;
    private readonly Lazy<RegistryCredential?> _credential;

    public RegistryClient(string registry, RegistryCredentials credentials, RegistryClientOptions? options = null, HttpMessageHandler? handler = null)
    {
        Registry = registry;
        _credentials = credentials;
        _credential = new Lazy<RegistryCredential?>(() => credentials.Find(registry));
        _options = options ?? new RegistryClientOptions();
        var plainHttp = IsLoopback(registry) || _options.InsecureRegistries.Contains(registry, StringComparer.OrdinalIgnoreCase);
        _base = Uri.TryCreate((plainHttp ? "http://" : "https://") + registry + "/v2/", UriKind.Absolute, out var address) && address.AbsolutePath == "/v2/"
            ? address
            : throw new ImageReadException(ImageReadFailure.Registry, $"'{Printable(registry, 120)}' is not a registry host name (host or host:port)");
        _http = handler is null
            ? new HttpClient(new SocketsHttpHandler
            {
                // A redirect past the limit comes back as the 3xx itself, reported below as a loop.
                AllowAutoRedirect = true,
                MaxAutomaticRedirections = Math.Max(1, _options.MaxRedirects),
                ConnectTimeout = _options.Timeout,
                MaxResponseHeadersLength = 64, // KB
                AutomaticDecompression = DecompressionMethods.None,
            })
            : new HttpClient(handler, disposeHandler: false);
        _http.Timeout = System.Threading.Timeout.InfiniteTimeSpan; // per request, below
        _http.DefaultRequestHeaders.UserAgent.ParseAdd("SecretGuard.Build");
    }

    public string Registry { get; }

    /// <summary>The manifest or index at <paramref name="reference"/> (tag or digest), checked against a digest reference.</summary>
    public (string MediaType, byte[] Body) GetManifest(string repository, string reference)
    {
        var what = $"{Registry}/{repository}:{reference}";
        using var response = Send(() =>
        {
            var request = new HttpRequestMessage(HttpMethod.Get, new Uri(_base, $"{repository}/manifests/{reference}"));
            foreach (var type in ManifestMediaTypes)
            {
                request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(type));
            }

            return request;
        }, repository, $"the image {what}");
        var body = ReadBounded(response, _options.MaxManifestBytes, $"the manifest of {what}");
        if (Digests.AlgorithmOf(reference) is not null && !Digests.Matches(body, reference))
        {
            throw new ImageReadException(ImageReadFailure.Registry, $"the manifest registry {Registry} sent for {repository}@{reference} does not match that digest");
        }

        var mediaType = response.Content.Headers.ContentType?.MediaType ?? "";
        return (mediaType, body);
    }

    /// <summary>A small blob (a config) read whole, bounded and checked against its digest.</summary>
    public byte[] GetBlob(string repository, Descriptor blob, int maxBytes)
    {
        if (blob.Size > maxBytes)
        {
            throw new ImageReadException(ImageReadFailure.Registry, $"blob {blob.Digest} of {Registry}/{repository} is {blob.Size} bytes by its descriptor, more than the {Megabytes(maxBytes)} read for it");
        }

        using var response = Send(() => new HttpRequestMessage(HttpMethod.Get, new Uri(_base, $"{repository}/blobs/{blob.Digest}")), repository, $"blob {blob.Digest} of {Registry}/{repository}");
        var body = ReadBounded(response, maxBytes, $"blob {blob.Digest}");
        if (!Digests.Matches(body, blob.Digest))
        {
            throw new ImageReadException(ImageReadFailure.Registry, $"blob {blob.Digest} from {Registry}/{repository} does not match its digest (the registry sent {Digests.Of(body, blob.Digest)})");
        }

        return body;
    }

    /// <summary>
    /// A layer blob as a stream, read no further than its descriptor's size and checked against its digest at
    /// its end. A stall longer than the timeout, or a download slower than the body deadline allows, is an error.
    /// </summary>
    public Stream OpenBlob(string repository, Descriptor blob)
    {
        var what = $"layer {blob.Digest} from {Registry}/{repository}";
        var response = Send(() => new HttpRequestMessage(HttpMethod.Get, new Uri(_base, $"{repository}/blobs/{blob.Digest}")), repository, $"layer {blob.Digest} of {Registry}/{repository}");
        try
        {
            var announced = response.Content.Headers.ContentLength;
            if (blob.Size >= 0 && announced is { } length && length != blob.Size)
            {
                throw new ImageReadException(ImageReadFailure.Registry, $"{what}: the registry announces {length} bytes, but the image manifest says the layer is {blob.Size} bytes");
            }

            var expected = blob.Size >= 0 ? blob.Size : announced ?? -1;
            return new BodyStream(response, response.Content.ReadAsStream(), what, _options.Timeout, _options.BodyDeadline(expected), expected, blob.Digest);
        }
        catch
        {
            response.Dispose();
            throw;
        }
    }

    /// <summary>The most entries a listing of repositories or tags is read to (pages of <see cref="PageSize"/>).</summary>
    public const int MaxListed = 100_000;

    private const int PageSize = 1000;

    /// <summary>Every repository of the registry, through its catalog (GET /v2/_catalog, following the Link header's pages).</summary>
    public IReadOnlyList<string> ListRepositories() =>
        List("_catalog", "repositories", "", "registry:catalog:*", $"the catalog of registry {Registry}");

    /// <summary>Every tag of a repository (GET /v2/NAME/tags/list, following the Link header's pages).</summary>
    public IReadOnlyList<string> ListTags(string repository) =>
        List($"{repository}/tags/list", "tags", repository, null, $"the tags of {Registry}/{repository}");

    private List<string> List(string path, string property, string repository, string? scope, string what)
    {
        var found = new List<string>();
        var next = new Uri(_base, $"{path}?n={PageSize}");
        var pages = 0;
        while (next is not null)
        {
            if (++pages > MaxListed / PageSize + 1 || found.Count > MaxListed)
            {
                throw new ImageReadException(ImageReadFailure.Registry, $"{what} has more than {MaxListed} entries, more than a listing is read to; name the images to check instead");
            }

            var page = next;
            using var response = Send(() => new HttpRequestMessage(HttpMethod.Get, page), repository, what, scope);
            var body = ReadBounded(response, _options.MaxManifestBytes, what);
            try
            {
                using var doc = JsonDocument.Parse(body, new JsonDocumentOptions { MaxDepth = 8 });
                if (doc.RootElement.ValueKind != JsonValueKind.Object)
                {
                    throw new ImageReadException(ImageReadFailure.Registry, $"registry {Registry} answered for {what} with JSON that is not an object");
                }

                // A repository without tags lists "tags": null.
                if (doc.RootElement.TryGetProperty(property, out var list) && list.ValueKind == JsonValueKind.Array)
                {
                    found.AddRange(list.EnumerateArray().Where(e => e.ValueKind == JsonValueKind.String).Select(e => e.GetString()!));
                }
            }
            catch (JsonException ex)
            {
                throw new ImageReadException(ImageReadFailure.Registry, $"registry {Registry} answered for {what} with something that is not JSON ({Printable(ex.Message, 120)})", ex);
            }

            next = NextPage(response, page);
        }

        return found;
    }

    /// <summary>The next page from a Link header (&lt;/v2/_catalog?last=x&amp;n=100&gt;; rel="next"), on this registry only.</summary>
    internal Uri? NextPage(HttpResponseMessage response, Uri current)
    {
        if (!response.Headers.TryGetValues("Link", out var links))
        {
            return null;
        }

        foreach (var link in links.SelectMany(l => l.Split(',')))
        {
            var open = link.IndexOf('<');
            var close = link.IndexOf('>');
            if (open < 0 || close < open || !link[close..].Contains("rel=\"next\"", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            if (Uri.TryCreate(current, link[(open + 1)..close].Trim(), out var next) && next.Authority == _base.Authority && next != current)
            {
                return next;
            }
        }

        return null;
    }

    public void Dispose() => _http.Dispose();

    private static bool IsLoopback(string registry)
    {
        var host = registry.StartsWith('[') ? registry[..(registry.IndexOf(']') + 1)] : registry.Split(':')[0];
        return host is "localhost" or "[::1]" || host.StartsWith("127.", StringComparison.Ordinal);
    }

    private HttpResponseMessage Send(Func<HttpRequestMessage> create, string repository, string what, string? scope = null)
    {
        var authenticated = false;
        var sentCredentials = false;
        for (var attempt = 1; ; attempt++)
        {
            HttpResponseMessage? response = null;
            string? transient;
            try
            {
                using var timeout = new CancellationTokenSource(_options.Timeout);
                using var request = create();
                request.Headers.Authorization = _authorization;
                response = _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token).GetAwaiter().GetResult();
                transient = (int)response.StatusCode >= 500 || response.StatusCode == HttpStatusCode.TooManyRequests
                    ? $"it answered {(int)response.StatusCode} {Printable(response.ReasonPhrase ?? "", 60)}"
                    : null;
            }
            catch (OperationCanceledException)
            {
                transient = $"it did not answer within {Seconds(_options.Timeout)}";
            }
            catch (HttpRequestException ex)
            {
                transient = Printable((ex.InnerException?.Message ?? ex.Message).TrimEnd('.'), 200);
            }
            catch (Exception ex) when (ex is InvalidOperationException or UriFormatException or NotSupportedException)
            {
                throw new ImageReadException(ImageReadFailure.Registry, $"could not ask registry {Registry} for {what}: {Printable(ex.Message.TrimEnd('.'), 200)}", ex);
            }

            if (transient is not null || response is null)
            {
                var retryAfter = response?.Headers.RetryAfter?.Delta;
                response?.Dispose();
                if (attempt >= _options.Attempts)
                {
                    throw new ImageReadException(ImageReadFailure.Registry, $"could not get {what}: registry {Registry} failed {attempt} times, last because {transient}");
                }

                // Back off, doubling, never longer than the cap whatever Retry-After asks: the total time stays bounded.
                var delay = TimeSpan.FromTicks(_options.FirstRetryDelay.Ticks << Math.Min(attempt - 1, 16));
                if (retryAfter is { } ra && ra > delay)
                {
                    delay = ra;
                }

                Thread.Sleep(delay < _options.MaxRetryDelay ? delay : _options.MaxRetryDelay);
                continue;
            }

            if (response.StatusCode == HttpStatusCode.Unauthorized && !authenticated)
            {
                authenticated = true;
                var challenge = ChallengeOf(response);
                response.Dispose();
                _authorization = Authenticate(challenge, repository, what, scope);
                sentCredentials = _authorization is not null;
                attempt--; // answering a challenge is not a failed try
                continue;
            }

            if (response.IsSuccessStatusCode)
            {
                return response;
            }

            var status = (int)response.StatusCode;
            var location = response.Headers.Location;
            response.Dispose();
            throw new ImageReadException(ImageReadFailure.Registry, status switch
            {
                401 when sentCredentials => $"registry {Registry} refused access to {what} (401 again after authenticating): {CredentialHint()}",
                401 or 403 => $"registry {Registry} refused access to {what} ({status}): {CredentialHint()}",
                404 => $"{what} was not found in registry {Registry} (404)",
                >= 300 and < 400 => $"registry {Registry} redirected the request for {what} more than {_options.MaxRedirects} times, or to a location that cannot be followed ({status} to '{Printable(location?.ToString() ?? "nowhere", 120)}'): a redirect loop",
                _ => $"registry {Registry} answered {status} for {what}",
            });
        }
    }

    private RegistryCredential? Credential() => _credential.Value;

    private string CredentialHint() => Credential() is null
        ? $"no credentials were found for it; run 'docker login {Registry}' or set DOTNET_CONTAINER_PULL_REGISTRY_UNAME and DOTNET_CONTAINER_PULL_REGISTRY_PWORD"
        : $"the credentials from {_credentials.FoundIn} were not accepted for pulling";

    /// <summary>A challenge of a 401: its scheme and parameters, or null when there is no WWW-Authenticate header.</summary>
    internal sealed record Challenge(string Scheme, Dictionary<string, string> Parameters, string Raw);

    private Challenge? ChallengeOf(HttpResponseMessage response) =>
        response.Headers.NonValidated.TryGetValues("WWW-Authenticate", out var values) && values.FirstOrDefault() is { } raw
            ? ParseWwwAuthenticate(raw) ?? throw new ImageReadException(ImageReadFailure.Registry, $"registry {Registry} sent a WWW-Authenticate header that cannot be parsed: '{Printable(raw, 120)}'")
            : null;

    /// <summary>"Scheme param=value, …", or null when the header is not of that shape.</summary>
    internal static Challenge? ParseWwwAuthenticate(string raw)
    {
        var text = raw.Trim();
        var space = text.IndexOf(' ');
        var scheme = space < 0 ? text : text[..space];
        if (scheme.Length is 0 or > 32 || !scheme.All(char.IsAsciiLetterOrDigit))
        {
            return null;
        }

        var parameters = ParseChallenge(space < 0 ? "" : text[(space + 1)..]);
        return parameters is null ? null : new Challenge(scheme, parameters, raw);
    }

    private AuthenticationHeaderValue? Authenticate(Challenge? challenge, string repository, string what, string? wantedScope = null)
    {
        var credential = Credential();
        if (challenge is null || challenge.Scheme.Equals("Basic", StringComparison.OrdinalIgnoreCase))
        {
            return credential is null || credential.IsIdentityToken
                ? null
                : new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{credential.UserName}:{credential.Secret}")));
        }

        if (!challenge.Scheme.Equals("Bearer", StringComparison.OrdinalIgnoreCase))
        {
            throw new ImageReadException(ImageReadFailure.Registry, $"registry {Registry} asks for '{challenge.Scheme}' authentication, which SecretGuard does not speak");
        }

        var parameters = challenge.Parameters;
        if (!parameters.TryGetValue("realm", out var realm) || !Uri.TryCreate(realm, UriKind.Absolute, out var realmUri) || realmUri.Scheme is not ("https" or "http"))
        {
            throw new ImageReadException(ImageReadFailure.Registry, $"registry {Registry} sent a bearer challenge without a usable realm (an http or https address): '{Printable(challenge.Raw, 120)}'");
        }

        parameters.TryGetValue("service", out var service);
        var scope = parameters.TryGetValue("scope", out var s) ? s : wantedScope ?? $"repository:{repository}:pull";
        HttpRequestMessage request;
        if (credential is { IsIdentityToken: true })
        {
            // An identity token is an OAuth2 refresh token: exchange it at the realm.
            request = new HttpRequestMessage(HttpMethod.Post, realmUri)
            {
                Content = new FormUrlEncodedContent(new Dictionary<string, string>
                {
                    ["grant_type"] = "refresh_token",
                    ["refresh_token"] = credential.Secret,
                    ["service"] = service ?? "",
                    ["scope"] = scope,
                    ["client_id"] = "SecretGuard.Build",
                }),
            };
        }
        else
        {
            var query = $"?scope={Uri.EscapeDataString(scope)}" + (service is null ? "" : $"&service={Uri.EscapeDataString(service)}");
            request = new HttpRequestMessage(HttpMethod.Get, new Uri(realmUri.GetLeftPart(UriPartial.Path) + query));
            if (credential is not null)
            {
                request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{credential.UserName}:{credential.Secret}")));
            }
        }

        var tokenService = $"the token service {realmUri.Host} of registry {Registry}";
        using (request)
        {
            HttpResponseMessage response;
            try
            {
                using var timeout = new CancellationTokenSource(_options.Timeout);
                response = _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token).GetAwaiter().GetResult();
            }
            catch (OperationCanceledException ex)
            {
                throw new ImageReadException(ImageReadFailure.Registry, $"could not get {what}: {tokenService} did not answer within {Seconds(_options.Timeout)}", ex);
            }
            catch (Exception ex) when (ex is HttpRequestException or InvalidOperationException)
            {
                throw new ImageReadException(ImageReadFailure.Registry, $"could not get {what}: {tokenService} cannot be reached ({Printable(ex.Message.TrimEnd('.'), 200)})", ex);
            }

            using (response)
            {
                var status = (int)response.StatusCode;
                if (status is 401 or 403)
                {
                    throw new ImageReadException(ImageReadFailure.Registry, $"registry {Registry} refused a token for {what} ({status}): {CredentialHint()}");
                }

                if (!response.IsSuccessStatusCode)
                {
                    throw new ImageReadException(ImageReadFailure.Registry, $"could not get {what}: {tokenService} answered {status}" + (status is >= 300 and < 400 ? " (a redirect loop, or a redirect that cannot be followed)" : ""));
                }

                return new AuthenticationHeaderValue("Bearer", ReadToken(ReadBounded(response, _options.MaxTokenResponseBytes, $"the answer of {tokenService}"), tokenService));
            }
        }
    }

    /// <summary>The token of a token service's answer: {"token": "…"} or {"access_token": "…"}.</summary>
    internal static string ReadToken(byte[] answer, string tokenService)
    {
        string? token;
        try
        {
            using var doc = JsonDocument.Parse(answer, new JsonDocumentOptions { MaxDepth = 16 });
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw new ImageReadException(ImageReadFailure.Registry, $"{tokenService} answered with JSON that is not an object, so without a token");
            }

            token = TokenProperty(root, "token") ?? TokenProperty(root, "access_token");
        }
        catch (JsonException ex)
        {
            throw new ImageReadException(ImageReadFailure.Registry, $"{tokenService} did not answer with JSON ({Printable(ex.Message, 120)})", ex);
        }
        catch (InvalidOperationException ex)
        {
            // JsonElement.GetString on a string that is not valid UTF-8 (found by fuzzing).
            throw new ImageReadException(ImageReadFailure.Registry, $"{tokenService} answered with a token that is not valid UTF-8", ex);
        }

        if (token is not { Length: > 0 })
        {
            throw new ImageReadException(ImageReadFailure.Registry, $"{tokenService} answered without a token (no 'token' or 'access_token' string)");
        }

        // It goes into a header: visible ASCII only (JWTs and opaque tokens are), else the request itself would fail.
        if (!token.All(c => c is > ' ' and < (char)127))
        {
            throw new ImageReadException(ImageReadFailure.Registry, $"{tokenService} answered with a token that is not a valid header value");
        }

        return token;
    }

    private static string? TokenProperty(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    /// <summary>
    /// realm="…",service="…",scope="…" (values may contain commas inside quotes, and \-escaped quotes).
    /// Null when a parameter has no '=' or a quote is not closed: the header is malformed.
    /// </summary>
    internal static Dictionary<string, string>? ParseChallenge(string parameter)
    {
        var result = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var i = 0;
        while (i < parameter.Length)
        {
            while (i < parameter.Length && (parameter[i] == ',' || parameter[i] == ' ' || parameter[i] == '\t'))
            {
                i++;
            }

            if (i == parameter.Length)
            {
                break;
            }

            var eq = parameter.IndexOf('=', i);
            if (eq < 0)
            {
                return null;
            }

            var key = parameter[i..eq].Trim();
            if (key.Length == 0 || !key.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-' or '.'))
            {
                return null;
            }

            i = eq + 1;
            string value;
            if (i < parameter.Length && parameter[i] == '"')
            {
                var text = new StringBuilder();
                i++;
                while (i < parameter.Length && parameter[i] != '"')
                {
                    if (parameter[i] == '\\' && i + 1 < parameter.Length)
                    {
                        i++;
                    }

                    text.Append(parameter[i]);
                    i++;
                }

                if (i >= parameter.Length)
                {
                    return null; // the quote is never closed
                }

                value = text.ToString();
                i++;
            }
            else
            {
                var end = parameter.IndexOf(',', i);
                end = end < 0 ? parameter.Length : end;
                value = parameter[i..end].Trim();
                i = end;
            }

            result[key] = value;
        }

        return result;
    }

    private byte[] ReadBounded(HttpResponseMessage response, int maxBytes, string what)
    {
        if (response.Content.Headers.ContentLength > maxBytes)
        {
            throw new ImageReadException(ImageReadFailure.Registry, $"{what} from registry {Registry} is larger than {Megabytes(maxBytes)} ({response.Content.Headers.ContentLength} bytes announced)");
        }

        Stream content;
        try
        {
            content = response.Content.ReadAsStream();
        }
        catch (Exception ex) when (ex is HttpRequestException or IOException)
        {
            throw new ImageReadException(ImageReadFailure.Registry, $"{what} from registry {Registry} broke off ({Printable(ex.Message.TrimEnd('.'), 200)})", ex);
        }

        var expected = response.Content.Headers.ContentLength ?? -1;
        using var stream = new BodyStream(null, content, $"{what} from registry {Registry}", _options.Timeout, _options.BodyDeadline(expected < 0 ? maxBytes : expected), expected, digest: null);
        var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int n;
        while ((n = stream.Read(chunk)) > 0)
        {
            buffer.Write(chunk, 0, n);
            if (buffer.Length > maxBytes)
            {
                throw new ImageReadException(ImageReadFailure.Registry, $"{what} from registry {Registry} is larger than {Megabytes(maxBytes)}");
            }
        }

        return buffer.ToArray();
    }

    private static string Megabytes(long bytes) => bytes >= 1 << 20 ? $"{bytes >> 20} MB" : $"{bytes} bytes";

    internal static string Seconds(TimeSpan t) => t < TimeSpan.FromSeconds(1) ? $"{t.TotalMilliseconds:0} ms" : $"{t.TotalSeconds:0.#} s";

    /// <summary>Text a server sent, safe to put into a message: visible ASCII, shortened.</summary>
    internal static string Printable(string text, int max)
    {
        var clean = new string(text.Select(c => c is >= ' ' and < (char)127 ? c : '?').Take(max + 1).ToArray());
        return clean.Length > max ? clean[..max] + "…" : clean;
    }

    /// <summary>
    /// A response body whose every read must make progress within the idle timeout, and whose reads together
    /// may wait at most the deadline (time spent waiting on the network only, so a slow consumer does not count).
    /// With an expected length it is read no further, must not end before it, and, with a digest, is checked
    /// against it at its end. Disposes the response with it.
    /// </summary>
    private sealed class BodyStream(HttpResponseMessage? response, Stream inner, string what, TimeSpan idle, TimeSpan deadline, long expected, string? digest) : ForwardReadStream
    {
        private readonly IncrementalHash? _hash = digest is null ? null : Digests.CreateFor(digest);
        private readonly System.Diagnostics.Stopwatch _waiting = new();
        private long _read;
        private bool _ended;

        public override int Read(Span<byte> buffer)
        {
            if (_ended || buffer.IsEmpty)
            {
                return 0;
            }

            if (expected >= 0 && _read == expected)
            {
                // All the announced bytes are here: the body must end now.
                Span<byte> probe = stackalloc byte[1];
                if (ReadInner(probe) > 0)
                {
                    throw new ImageReadException(ImageReadFailure.Registry, $"{what} is longer than the {expected} bytes announced for it");
                }

                End();
                return 0;
            }

            var want = expected >= 0 ? (int)Math.Min(buffer.Length, expected - _read) : buffer.Length;
            var n = ReadInner(buffer[..want]);
            if (n == 0)
            {
                if (expected >= 0)
                {
                    throw new ImageReadException(ImageReadFailure.Registry, $"{what} broke off after {_read} of {expected} bytes");
                }

                End();
                return 0;
            }

            _read += n;
            _hash?.AppendData(buffer[..n]);
            return n;
        }

        private void End()
        {
            _ended = true;
            if (_hash is not null)
            {
                var actual = Digests.Format(_hash.AlgorithmName, _hash.GetHashAndReset());
                if (!string.Equals(actual, digest, StringComparison.OrdinalIgnoreCase))
                {
                    throw new ImageReadException(ImageReadFailure.Registry, $"{what} does not match its digest: the registry sent {_read} bytes hashing to {actual}");
                }
            }
        }

        private int ReadInner(Span<byte> buffer)
        {
            var left = deadline - _waiting.Elapsed;
            if (left <= TimeSpan.Zero)
            {
                throw TooSlow();
            }

            var byDeadline = left < idle;
            var rented = System.Buffers.ArrayPool<byte>.Shared.Rent(buffer.Length);
            _waiting.Start();
            try
            {
                using var cts = new CancellationTokenSource(byDeadline ? left : idle);
                var n = inner.ReadAsync(rented.AsMemory(0, buffer.Length), cts.Token).AsTask().GetAwaiter().GetResult();
                rented.AsSpan(0, n).CopyTo(buffer);
                return n;
            }
            catch (OperationCanceledException)
            {
                throw byDeadline
                    ? TooSlow()
                    : new ImageReadException(ImageReadFailure.Registry, $"{what} stalled: no data for {Seconds(idle)} after {_read}{(expected >= 0 ? $" of {expected}" : "")} bytes");
            }
            catch (Exception ex) when (ex is HttpRequestException or IOException or ObjectDisposedException)
            {
                throw new ImageReadException(ImageReadFailure.Registry, $"{what} broke off after {_read}{(expected >= 0 ? $" of {expected}" : "")} bytes ({Printable(ex.Message.TrimEnd('.'), 200)})", ex);
            }
            finally
            {
                _waiting.Stop();
                System.Buffers.ArrayPool<byte>.Shared.Return(rented);
            }
        }

        private ImageReadException TooSlow() => new(
            ImageReadFailure.Registry,
            $"{what} is arriving too slowly: {_read}{(expected >= 0 ? $" of {expected}" : "")} bytes after {Seconds(deadline)} spent waiting on the registry, the most allowed for it");

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                inner.Dispose();
                response?.Dispose();
                _hash?.Dispose();
            }

            base.Dispose(disposing);
        }
    }
}
