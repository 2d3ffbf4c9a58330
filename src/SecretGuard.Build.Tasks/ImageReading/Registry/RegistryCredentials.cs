using System.Diagnostics;
using System.Text;
using System.Text.Json;

namespace SecretGuard.ImageReading.Registry;

/// <summary>A user name and secret for a registry. A user name of &lt;token&gt; marks an identity (refresh) token.</summary>
public sealed record RegistryCredential(string UserName, string Secret)
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
public sealed class RegistryCredentials(Func<string, string?> environment, string homeDirectory)
{
    private static readonly (string User, string Password)[] EnvironmentPairs =
    [
        ("DOTNET_CONTAINER_PULL_REGISTRY_UNAME", "DOTNET_CONTAINER_PULL_REGISTRY_PWORD"),
        ("DOTNET_CONTAINER_REGISTRY_UNAME", "DOTNET_CONTAINER_REGISTRY_PWORD"),
        ("SDK_CONTAINER_REGISTRY_UNAME", "SDK_CONTAINER_REGISTRY_PWORD"),
    ];

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
            doc = JsonDocument.Parse(File.ReadAllText(file));
        }
        catch (Exception ex) when (ex is JsonException or IOException or UnauthorizedAccessException)
        {
            throw new ImageReadException(ImageReadFailure.Registry, $"the credential file {file} cannot be read ({ex.GetType().Name})", ex);
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
                    if (helpers.TryGetProperty(key, out var helper) && helper.GetString() is { Length: > 0 } name)
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

            if (root.TryGetProperty("credsStore", out var store) && store.GetString() is { Length: > 0 } storeName)
            {
                return RunHelper(storeName, registry);
            }
        }

        return null;
    }

    private static RegistryCredential? FromAuthEntry(JsonElement entry, string file)
    {
        if (entry.TryGetProperty("identitytoken", out var identity) && identity.GetString() is { Length: > 0 } token)
        {
            return new RegistryCredential("<token>", token);
        }

        if (entry.TryGetProperty("auth", out var auth) && auth.GetString() is { Length: > 0 } encoded)
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

        return entry.TryGetProperty("username", out var u) && entry.TryGetProperty("password", out var p) && u.GetString() is { Length: > 0 } user && p.GetString() is { } password
            ? new RegistryCredential(user, password)
            : null;
    }

    /// <summary>Runs docker-credential-NAME get: the registry on stdin, {"Username","Secret"} on stdout.</summary>
    private static RegistryCredential? RunHelper(string name, string registry)
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
            process.StandardInput.Write(registry);
            process.StandardInput.Close();
            var output = process.StandardOutput.ReadToEndAsync();
            _ = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(30_000))
            {
                process.Kill(entireProcessTree: true);
                throw new ImageReadException(ImageReadFailure.Registry, $"the credential helper {program} did not answer within 30 s");
            }

            // Helpers exit non-zero with "credentials not found" when they have nothing for this registry.
            if (process.ExitCode != 0)
            {
                return null;
            }

            try
            {
                using var doc = JsonDocument.Parse(output.GetAwaiter().GetResult());
                var user = doc.RootElement.TryGetProperty("Username", out var u) ? u.GetString() ?? "" : "";
                var secret = doc.RootElement.TryGetProperty("Secret", out var s) ? s.GetString() ?? "" : "";
                return secret.Length == 0 ? null : new RegistryCredential(user, secret);
            }
            catch (JsonException ex)
            {
                throw new ImageReadException(ImageReadFailure.Registry, $"the credential helper {program} did not answer with JSON", ex);
            }
        }
    }
}
