using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace SecretGuard.ImageReading.Registry;

/// <summary>Timeouts and retries for registry requests.</summary>
public sealed record RegistryClientOptions
{
    /// <summary>Tries per request, for transient failures (connection errors, timeouts, 5xx, 429).</summary>
    public int Attempts { get; init; } = 3;

    /// <summary>Wait before the second try; doubled for each later one.</summary>
    public TimeSpan FirstRetryDelay { get; init; } = TimeSpan.FromMilliseconds(500);

    /// <summary>How long a registry may take to answer a request, or to send the next bytes of a blob.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Registries to talk to over plain HTTP besides localhost (DOTNET_CONTAINER_INSECURE_REGISTRIES).</summary>
    public IReadOnlyCollection<string> InsecureRegistries { get; init; } = [];

    public static RegistryClientOptions FromEnvironment() => new()
    {
        InsecureRegistries = (Environment.GetEnvironmentVariable("DOTNET_CONTAINER_INSECURE_REGISTRIES") ?? "")
            .Split([',', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
    };
}

/// <summary>
/// Reads manifests and blobs from an OCI distribution registry (pull only): anonymous, basic and
/// bearer-token auth, bounded retries with back-off for transient failures, and a clear
/// <see cref="ImageReadException"/> (<see cref="ImageReadFailure.Registry"/>) for everything else.
/// </summary>
public sealed class RegistryClient : IDisposable
{
    public static readonly string[] ManifestMediaTypes =
    [
        "application/vnd.oci.image.index.v1+json",
        "application/vnd.docker.distribution.manifest.list.v2+json",
        "application/vnd.oci.image.manifest.v1+json",
        "application/vnd.docker.distribution.manifest.v2+json",
    ];

    private const int MaxManifestBytes = 4 << 20;

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
        _base = new Uri((plainHttp ? "http://" : "https://") + registry + "/v2/");
        _http = handler is null ? new HttpClient() : new HttpClient(handler, disposeHandler: false);
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
        var body = ReadBounded(response, MaxManifestBytes, $"the manifest of {what}");
        if (reference.StartsWith("sha256:", StringComparison.Ordinal) && Digest(body) != reference)
        {
            throw new ImageReadException(ImageReadFailure.Registry, $"the manifest registry {Registry} sent for {repository}@{reference} does not match that digest");
        }

        var mediaType = response.Content.Headers.ContentType?.MediaType ?? "";
        return (mediaType, body);
    }

    /// <summary>A small blob (a config) read whole, bounded and checked against its digest.</summary>
    public byte[] GetBlob(string repository, Descriptor blob, int maxBytes)
    {
        using var response = Send(() => new HttpRequestMessage(HttpMethod.Get, new Uri(_base, $"{repository}/blobs/{blob.Digest}")), repository, $"blob {blob.Digest} of {Registry}/{repository}");
        var body = ReadBounded(response, maxBytes, $"blob {blob.Digest}");
        if (blob.Digest.StartsWith("sha256:", StringComparison.Ordinal) && Digest(body) != blob.Digest)
        {
            throw new ImageReadException(ImageReadFailure.Registry, $"blob {blob.Digest} from {Registry}/{repository} does not match its digest");
        }

        return body;
    }

    /// <summary>A layer blob as a stream (the caller checks the digest while reading it). A stall longer than the timeout is an error.</summary>
    public Stream OpenBlob(string repository, Descriptor blob)
    {
        var response = Send(() => new HttpRequestMessage(HttpMethod.Get, new Uri(_base, $"{repository}/blobs/{blob.Digest}")), repository, $"layer {blob.Digest} of {Registry}/{repository}");
        return new StallTimeoutStream(response, _options.Timeout, $"layer {blob.Digest} from {Registry}");
    }

    public void Dispose() => _http.Dispose();

    private static bool IsLoopback(string registry)
    {
        var host = registry.StartsWith('[') ? registry[..(registry.IndexOf(']') + 1)] : registry.Split(':')[0];
        return host is "localhost" or "[::1]" || host.StartsWith("127.", StringComparison.Ordinal);
    }

    private HttpResponseMessage Send(Func<HttpRequestMessage> create, string repository, string what)
    {
        var authenticated = false;
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
                    ? $"it answered {(int)response.StatusCode} {response.ReasonPhrase}"
                    : null;
            }
            catch (OperationCanceledException)
            {
                transient = $"it did not answer within {_options.Timeout.TotalSeconds:0} s";
            }
            catch (HttpRequestException ex)
            {
                transient = ex.InnerException?.Message.TrimEnd('.') ?? ex.Message.TrimEnd('.');
            }

            if (transient is not null || response is null)
            {
                var retryAfter = response?.Headers.RetryAfter?.Delta;
                response?.Dispose();
                if (attempt >= _options.Attempts)
                {
                    throw new ImageReadException(ImageReadFailure.Registry, $"could not get {what}: registry {Registry} failed {attempt} times, last because {transient}");
                }

                var delay = TimeSpan.FromTicks(_options.FirstRetryDelay.Ticks << (attempt - 1));
                Thread.Sleep(retryAfter is { } ra && ra < TimeSpan.FromSeconds(10) && ra > delay ? ra : delay);
                continue;
            }

            if (response.StatusCode == HttpStatusCode.Unauthorized && !authenticated)
            {
                authenticated = true;
                var challenge = response.Headers.WwwAuthenticate.FirstOrDefault();
                response.Dispose();
                _authorization = Authenticate(challenge, repository, what);
                attempt--; // answering a challenge is not a failed try
                continue;
            }

            if (response.IsSuccessStatusCode)
            {
                return response;
            }

            var status = (int)response.StatusCode;
            response.Dispose();
            throw new ImageReadException(ImageReadFailure.Registry, status switch
            {
                401 or 403 => $"registry {Registry} refused access to {what} ({status}): {CredentialHint()}",
                404 => $"{what} was not found in registry {Registry} (404)",
                _ => $"registry {Registry} answered {status} for {what}",
            });
        }
    }

    private RegistryCredential? Credential() => _credential.Value;

    private string CredentialHint() => Credential() is null
        ? $"no credentials were found for it; run 'docker login {Registry}' or set DOTNET_CONTAINER_PULL_REGISTRY_UNAME and DOTNET_CONTAINER_PULL_REGISTRY_PWORD"
        : $"the credentials from {_credentials.FoundIn} were not accepted for pulling";

    private AuthenticationHeaderValue? Authenticate(AuthenticationHeaderValue? challenge, string repository, string what)
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

        var parameters = ParseChallenge(challenge.Parameter ?? "");
        if (!parameters.TryGetValue("realm", out var realm) || !Uri.TryCreate(realm, UriKind.Absolute, out var realmUri))
        {
            throw new ImageReadException(ImageReadFailure.Registry, $"registry {Registry} sent a bearer challenge without a usable realm");
        }

        parameters.TryGetValue("service", out var service);
        var scope = parameters.TryGetValue("scope", out var s) ? s : $"repository:{repository}:pull";
        using var timeout = new CancellationTokenSource(_options.Timeout);
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

        using (request)
        {
            HttpResponseMessage response;
            try
            {
                response = _http.SendAsync(request, timeout.Token).GetAwaiter().GetResult();
            }
            catch (Exception ex) when (ex is HttpRequestException or OperationCanceledException)
            {
                throw new ImageReadException(ImageReadFailure.Registry, $"could not get {what}: the token service {realmUri.Host} of registry {Registry} cannot be reached ({ex.Message.TrimEnd('.')})", ex);
            }

            using (response)
            {
                if (!response.IsSuccessStatusCode)
                {
                    throw new ImageReadException(ImageReadFailure.Registry, $"registry {Registry} refused a token for {what} ({(int)response.StatusCode}): {CredentialHint()}");
                }

                try
                {
                    using var doc = JsonDocument.Parse(ReadBounded(response, 1 << 20, "the token"));
                    var token = doc.RootElement.TryGetProperty("token", out var t) ? t.GetString()
                        : doc.RootElement.TryGetProperty("access_token", out var a) ? a.GetString() : null;
                    return token is { Length: > 0 }
                        ? new AuthenticationHeaderValue("Bearer", token)
                        : throw new ImageReadException(ImageReadFailure.Registry, $"the token service of registry {Registry} answered without a token");
                }
                catch (JsonException ex)
                {
                    throw new ImageReadException(ImageReadFailure.Registry, $"the token service of registry {Registry} did not answer with JSON", ex);
                }
                catch (Exception ex) when (ex is InvalidOperationException or FormatException)
                {
                    // JSON that is not an object, a token that is not a string, not valid UTF-8 or not fit for
                    // a header (a new line in it): found by fuzzing.
                    throw new ImageReadException(ImageReadFailure.Registry, $"the token service of registry {Registry} did not answer with a token in JSON of the expected shape", ex);
                }
            }
        }
    }

    /// <summary>realm="…",service="…",scope="…" (values may contain commas inside quotes).</summary>
    internal static Dictionary<string, string> ParseChallenge(string parameter)
    {
        var result = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var i = 0;
        while (i < parameter.Length)
        {
            while (i < parameter.Length && (parameter[i] == ',' || parameter[i] == ' '))
            {
                i++;
            }

            var eq = parameter.IndexOf('=', i);
            if (eq < 0)
            {
                break;
            }

            var key = parameter[i..eq].Trim();
            i = eq + 1;
            string value;
            if (i < parameter.Length && parameter[i] == '"')
            {
                var end = parameter.IndexOf('"', i + 1);
                end = end < 0 ? parameter.Length : end;
                value = parameter[(i + 1)..end];
                i = end + 1;
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
            throw new ImageReadException(ImageReadFailure.Registry, $"{what} from registry {Registry} is larger than {maxBytes >> 20} MB");
        }

        using var stream = new StallTimeoutStream(null, _options.Timeout, what, response.Content.ReadAsStream());
        var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int n;
        while ((n = stream.Read(chunk)) > 0)
        {
            buffer.Write(chunk, 0, n);
            if (buffer.Length > maxBytes)
            {
                throw new ImageReadException(ImageReadFailure.Registry, $"{what} from registry {Registry} is larger than {maxBytes >> 20} MB");
            }
        }

        return buffer.ToArray();
    }

    private static string Digest(byte[] body) => "sha256:" + Convert.ToHexString(SHA256.HashData(body)).ToLowerInvariant();

    /// <summary>A response body whose every read must make progress within the timeout; disposes the response with it.</summary>
    private sealed class StallTimeoutStream(HttpResponseMessage? response, TimeSpan timeout, string what, Stream? body = null) : ForwardReadStream
    {
        private readonly Stream _inner = body ?? response!.Content.ReadAsStream();

        public override int Read(Span<byte> buffer)
        {
            var rented = System.Buffers.ArrayPool<byte>.Shared.Rent(buffer.Length);
            try
            {
                using var cts = new CancellationTokenSource(timeout);
                var n = _inner.ReadAsync(rented.AsMemory(0, buffer.Length), cts.Token).AsTask().GetAwaiter().GetResult();
                rented.AsSpan(0, n).CopyTo(buffer);
                return n;
            }
            catch (OperationCanceledException)
            {
                throw new ImageReadException(ImageReadFailure.Registry, $"{what} stalled: no data for {timeout.TotalSeconds:0} s");
            }
            catch (Exception ex) when (ex is HttpRequestException or IOException)
            {
                throw new ImageReadException(ImageReadFailure.Registry, $"{what} broke off while downloading ({ex.Message.TrimEnd('.')})", ex);
            }
            finally
            {
                System.Buffers.ArrayPool<byte>.Shared.Return(rented);
            }
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                _inner.Dispose();
                response?.Dispose();
            }

            base.Dispose(disposing);
        }
    }
}
