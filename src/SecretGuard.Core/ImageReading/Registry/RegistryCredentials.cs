using System.Diagnostics;
using System.Text;
using System.Text.Json;

namespace SecretGuard.ImageReading.Registry;

/// <summary>A user name and secret for a registry. A user name of &lt;token&gt; marks an identity (refresh) token.</summary>
internal sealed record RegistryCredential(string UserName, string Secret)
{
    public bool IsIdentityToken => UserName == "<token>";

    /// <summary>Never the secret.</summary>
    public override string ToString() => $"RegistryCredential {{ UserName = {UserName} }}";
}

/// <summary>
/// Finds credentials for the base image's registry the way the .NET SDK does: the pull environment
/// variables first, then the docker credential store (<c>config.json</c> auths, credential helpers,
/// credsStore), then podman's auth file.
/// </summary>
/// <param name="environment">Reads an environment variable (injectable for tests).</param>
internal sealed class RegistryCredentials(Func<string, string?> environment, string homeDirectory)
{
    private static readonly (string User, string Password)[] EnvironmentPairs =
    [
        ("DOTNET_CONTAINER_PULL_REGISTRY_UNAME", "DOTNET_CONTAINER_PULL_REGISTRY_PWORD"),
        ("DOTNET_CONTAINER_REGISTRY_UNAME", "DOTNET_CONTAINER_REGISTRY_PWORD"),
        ("SDK_CONTAINER_REGISTRY_UNAME", "SDK_CONTAINER_REGISTRY_PWORD"),
    ];

    /// <summary>Far more than any docker or podman auth file; a bigger one is not read.</summary>
    internal const int MaxAuthFileBytes = 4 << 20;

    /// <summary>Far more than any helper's {"Username","Secret"} answer.</summary>
    internal const int MaxHelperOutputChars = 1 << 20;

    private static readonly JsonDocumentOptions AuthJson = new() { MaxDepth = 16 };

    /// <summary>How long a credential helper may take to answer.</summary>
    public TimeSpan HelperTimeout { get; init; } = TimeSpan.FromSeconds(30);

    public static RegistryCredentials FromMachine() =>
        new(Environment.GetEnvironmentVariable, Environment.GetFolderPath(Environment.SpecialFolder.UserProfile));

    /// <summary>Where the last lookup found credentials, for messages ("DOTNET_CONTAINER_PULL_REGISTRY_UNAME", "~/.docker/config.json").</summary>
    public string? FoundIn { get; private set; }

    /// <exception cref="ImageReadException">A configured credential helper failed to run.</exception>
    public RegistryCredential? Find(string registry)
    {
        foreach (var (user, password) in EnvironmentPairs)
        {
            if (environment(user) is { Length: > 0 } u && environment(password) is { Length: > 0 } p)
            {
                FoundIn = user + "/" + password.Split('_')[^1];
                return new RegistryCredential(u, p);
            }
        }

        foreach (var file in AuthFiles())
        {
            if (FromAuthFile(file, registry) is { } credential)
            {
                FoundIn = file;
                return credential;
            }
        }

        FoundIn = null;
        return null;
    }

    private IEnumerable<string> AuthFiles()
    {
        var dockerConfig = environment("DOCKER_CONFIG");
        yield return Path.Combine(string.IsNullOrEmpty(dockerConfig) ? Path.Combine(homeDirectory, ".docker") : dockerConfig, "config.json");
        if (environment("REGISTRY_AUTH_FILE") is { Length: > 0 } authFile)
        {
            yield return authFile;
        }

        if (environment("XDG_RUNTIME_DIR") is { Length: > 0 } runtime)
        {
            yield return Path.Combine(runtime, "containers", "auth.json");
        }
    }

    /// <summary>The keys a config may use for one registry (with or without scheme; Docker Hub's legacy key).</summary>
    private static IEnumerable<string> KeysFor(string registry)
    {
        yield return registry;
        yield return "https://" + registry;
        yield return "http://" + registry;
        if (registry == ImageReference.DockerHubApiHost)
        {
            yield return "https://index.docker.io/v1/";
            yield return "index.docker.io";
            yield return "docker.io";
        }
    }

    private RegistryCredential? FromAuthFile(string file, string registry)
    {
        if (!File.Exists(file))
        {
            return null;
        }

        JsonDocument doc;
        try
        {
            using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, 1, FileOptions.SequentialScan);
            if (stream.Length > MaxAuthFileBytes)
            {
                throw new ImageReadException(ImageReadFailure.Registry, $"the credential file {file} is {stream.Length} bytes, more than the {MaxAuthFileBytes >> 20} MB a credential file can be");
            }

            var bytes = new byte[(int)stream.Length];
            stream.ReadExactly(bytes);
            doc = JsonDocument.Parse(bytes, AuthJson);
        }
        catch (Exception ex) when (ex is JsonException or IOException or UnauthorizedAccessException)
        {
            // The type only: a JSON error message could quote a piece of the file, which holds secrets.
            throw new ImageReadException(ImageReadFailure.Registry, ex is JsonException
                ? $"the credential file {file} is not valid JSON (or nested deeper than 16 levels)"
                : $"the credential file {file} cannot be read ({ex.GetType().Name})", ex);
        }

        using (doc)
        {
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return null;
            }

            if (root.TryGetProperty("credHelpers", out var helpers) && helpers.ValueKind == JsonValueKind.Object)
            {
                foreach (var key in KeysFor(registry))
                {
                    if (helpers.TryGetProperty(key, out var helper) && StringOf(helper) is { Length: > 0 } name)
                    {
                        return RunHelper(name, registry);
                    }
                }
            }

            if (root.TryGetProperty("auths", out var auths) && auths.ValueKind == JsonValueKind.Object)
            {
                foreach (var key in KeysFor(registry))
                {
                    if (auths.TryGetProperty(key, out var entry) && entry.ValueKind == JsonValueKind.Object && FromAuthEntry(entry, file) is { } credential)
                    {
                        return credential;
                    }
                }
            }

            if (root.TryGetProperty("credsStore", out var store) && StringOf(store) is { Length: > 0 } storeName)
            {
                return RunHelper(storeName, registry);
            }
        }

        return null;
    }

    private static RegistryCredential? FromAuthEntry(JsonElement entry, string file)
    {
        if (entry.TryGetProperty("identitytoken", out var identity) && StringOf(identity) is { Length: > 0 } token)
        {
            return new RegistryCredential("<token>", token);
        }

        if (entry.TryGetProperty("auth", out var auth) && StringOf(auth) is { Length: > 0 } encoded)
        {
            string decoded;
            try
            {
                decoded = Encoding.UTF8.GetString(Convert.FromBase64String(encoded));
            }
            catch (FormatException ex)
            {
                throw new ImageReadException(ImageReadFailure.Registry, $"an 'auth' entry in {file} is not base64 of user:password", ex);
            }

            var colon = decoded.IndexOf(':');
            return colon > 0 ? new RegistryCredential(decoded[..colon], decoded[(colon + 1)..]) : null;
        }

        return entry.TryGetProperty("username", out var u) && entry.TryGetProperty("password", out var p) && StringOf(u) is { Length: > 0 } user && StringOf(p) is { } password
            ? new RegistryCredential(user, password)
            : null;
    }

    /// <summary>Runs docker-credential-NAME get: the registry on stdin, {"Username","Secret"} on stdout.</summary>
    private RegistryCredential? RunHelper(string name, string registry)
    {
        var program = "docker-credential-" + name;
        var psi = new ProcessStartInfo(program, "get")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        Process process;
        try
        {
            process = Process.Start(psi) ?? throw new InvalidOperationException();
        }
        catch (Exception ex) when (ex is System.ComponentModel.Win32Exception or InvalidOperationException)
        {
            throw new ImageReadException(ImageReadFailure.Registry, $"the credential helper {program} configured for {registry} cannot be started ({ex.Message.TrimEnd('.')})", ex);
        }

        using (process)
        {
            var output = ReadBoundedAsync(process.StandardOutput, MaxHelperOutputChars);
            _ = process.StandardError.BaseStream.CopyToAsync(Stream.Null); // drained, never kept
            try
            {
                process.StandardInput.Write(registry);
                process.StandardInput.Close();
            }
            catch (IOException)
            {
                // The helper exited without reading its input; its exit code and output say the rest.
            }

            // The output first: a helper that writes without end is stopped at the bound, not waited for.
            string? answer;
            try
            {
                if (!output.Wait(HelperTimeout))
                {
                    Stop(process);
                    throw new ImageReadException(ImageReadFailure.Registry, $"the credential helper {program} did not answer within {RegistryClient.Seconds(HelperTimeout)}");
                }

                answer = output.GetAwaiter().GetResult();
            }
            catch (AggregateException ex)
            {
                Stop(process);
                throw new ImageReadException(ImageReadFailure.Registry, $"the answer of the credential helper {program} cannot be read ({ex.InnerException?.GetType().Name})", ex);
            }

            if (answer is null)
            {
                Stop(process);
                throw new ImageReadException(ImageReadFailure.Registry, $"the credential helper {program} answered with more than {MaxHelperOutputChars >> 20} MB");
            }

            if (!process.WaitForExit((int)Math.Min(int.MaxValue, HelperTimeout.TotalMilliseconds)))
            {
                Stop(process);
                throw new ImageReadException(ImageReadFailure.Registry, $"the credential helper {program} did not exit within {RegistryClient.Seconds(HelperTimeout)}");
            }

            // Helpers exit non-zero with "credentials not found" when they have nothing for this registry.
            if (process.ExitCode != 0)
            {
                return null;
            }

            try
            {
                using var doc = JsonDocument.Parse(answer, AuthJson);
                if (doc.RootElement.ValueKind != JsonValueKind.Object)
                {
                    throw new ImageReadException(ImageReadFailure.Registry, $"the credential helper {program} did not answer with a JSON object");
                }

                var user = doc.RootElement.TryGetProperty("Username", out var u) ? StringOf(u) ?? "" : "";
                var secret = doc.RootElement.TryGetProperty("Secret", out var s) ? StringOf(s) ?? "" : "";
                return secret.Length == 0 ? null : new RegistryCredential(user, secret);
            }
            catch (JsonException ex)
            {
                // Not the parser's message: it could quote the secret.
                throw new ImageReadException(ImageReadFailure.Registry, $"the credential helper {program} did not answer with JSON", ex);
            }
        }
    }

    private static void Stop(Process process)
    {
        try
        {
            process.Kill(entireProcessTree: true);
        }
        catch (Exception ex) when (ex is InvalidOperationException or System.ComponentModel.Win32Exception)
        {
            // Already gone.
        }
    }

    /// <summary>A string value; anything else (a number, an object) counts as absent.</summary>
    private static string? StringOf(JsonElement e)
    {
        try
        {
            return e.ValueKind == JsonValueKind.String ? e.GetString() : null;
        }
        catch (InvalidOperationException)
        {
            return null; // not valid UTF-8: no credential can be made of it
        }
    }

    /// <summary>Reads to the end, or stops after <paramref name="maxChars"/> and gives null.</summary>
    private static async Task<string?> ReadBoundedAsync(StreamReader reader, int maxChars)
    {
        var text = new System.Text.StringBuilder();
        var buffer = new char[8192];
        int n;
        while ((n = await reader.ReadAsync(buffer).ConfigureAwait(false)) > 0)
        {
            text.Append(buffer, 0, n);
            if (text.Length > maxChars)
            {
                return null;
            }
        }

        return text.ToString();
    }
}
