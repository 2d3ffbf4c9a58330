using System.Diagnostics;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using SecretGuard.ImageReading;
using SecretGuard.ImageReading.Registry;

namespace SecretGuard.Tests.ImageReading;

/// <summary>
/// Every way a registry can misbehave ends as a Registry failure (SG0011) naming the cause, within a
/// bounded time: tested against a real HTTP server on loopback that misbehaves on purpose.
/// </summary>
[TestClass]
public sealed class RegistryFaultTests
{
    private const string Repository = "team/base";

    /// <summary>Short timeouts so each test ends in well under a second.</summary>
    internal static readonly RegistryClientOptions Fast = new()
    {
        Attempts = 2,
        FirstRetryDelay = TimeSpan.FromMilliseconds(1),
        MaxRetryDelay = TimeSpan.FromMilliseconds(20),
        Timeout = TimeSpan.FromMilliseconds(300),
        BodyDeadlineFloor = TimeSpan.FromMilliseconds(400),
        MinimumBytesPerSecond = 1L << 30,
    };

    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(3);

    /// <summary>
    /// The client blocks on the network (as the task does, on threads of its own) while tests run in parallel:
    /// enough pool threads up front that the loopback server's answers are not starved past the short timeouts.
    /// </summary>
    [ClassInitialize]
    public static void EnoughThreads(TestContext _) => EnsureThreads();

    internal static void EnsureThreads()
    {
        ThreadPool.GetMinThreads(out var workers, out var io);
        ThreadPool.SetMinThreads(Math.Max(workers, 64), Math.Max(io, 64));
    }

    internal static RegistryCredentials NoCredentials() =>
        new(_ => null, Path.Combine(Path.GetTempPath(), "sg-nohome-" + Guid.NewGuid().ToString("N")));

    internal static RegistryCredentials Credentials(string user, string password) =>
        new(name => name switch { "DOTNET_CONTAINER_PULL_REGISTRY_UNAME" => user, "DOTNET_CONTAINER_PULL_REGISTRY_PWORD" => password, _ => null },
            Path.Combine(Path.GetTempPath(), "sg-nohome-" + Guid.NewGuid().ToString("N")));

    private static string Sha256(byte[] bytes) => "sha256:" + Convert.ToHexString(SHA256.HashData(bytes)).ToLowerInvariant();

    /// <summary>Runs <paramref name="action"/>, which must fail as a Registry failure within <see cref="Bound"/>.</summary>
    internal static ImageReadException FailsQuickly(Action action, TimeSpan? bound = null)
    {
        var watch = Stopwatch.StartNew();
        var ex = Assert.Throws<ImageReadException>(action);
        watch.Stop();
        Assert.AreEqual(ImageReadFailure.Registry, ex.Failure, ex.Message);
        Assert.IsTrue(watch.Elapsed < (bound ?? Bound), $"took {watch.Elapsed}: {ex.Message}");
        return ex;
    }

    private static void ReadBlob(MisbehavingServer server, Descriptor blob, RegistryClientOptions? options = null)
    {
        using var client = new RegistryClient(server.Authority, NoCredentials(), options ?? Fast);
        using var stream = client.OpenBlob(Repository, blob);
        stream.CopyTo(Stream.Null);
    }

    private static byte[] Blob(int size) => Enumerable.Range(0, size).Select(i => (byte)(i * 7)).ToArray();

    [TestMethod]
    public void A_blob_that_trickles_ends_at_its_deadline()
    {
        var body = Blob(100_000);
        using var server = new MisbehavingServer(async (_, stream, cancel) =>
        {
            await MisbehavingServer.WriteAsync(stream, $"HTTP/1.1 200 OK\r\nContent-Length: {body.Length}\r\n\r\n", cancel);
            for (var i = 0; i < body.Length; i += 10)
            {
                await stream.WriteAsync(body.AsMemory(i, 10), cancel);
                await stream.FlushAsync(cancel);
                await Task.Delay(20, cancel); // always well within the idle timeout
            }
        });

        // The idle timeout is well above the trickle's pace: the total deadline is what ends it.
        var ex = FailsQuickly(() => ReadBlob(server, new Descriptor("", Sha256(body), body.Length), Fast with { Timeout = TimeSpan.FromSeconds(1) }));

        StringAssert.Contains(ex.Message, "is arriving too slowly");
        StringAssert.Contains(ex.Message, $"of {body.Length} bytes after 400 ms spent waiting on the registry");
    }

    [TestMethod]
    public void A_blob_that_stalls_ends_at_the_idle_timeout()
    {
        var body = Blob(100_000);
        using var server = new MisbehavingServer(async (_, stream, cancel) =>
        {
            await MisbehavingServer.WriteAsync(stream, $"HTTP/1.1 200 OK\r\nContent-Length: {body.Length}\r\n\r\n", cancel);
            await stream.WriteAsync(body.AsMemory(0, 1000), cancel);
            await stream.FlushAsync(cancel);
            await Task.Delay(Timeout.Infinite, cancel);
        });

        var ex = FailsQuickly(() => ReadBlob(server, new Descriptor("", Sha256(body), body.Length), Fast with { BodyDeadlineFloor = TimeSpan.FromSeconds(30) }));

        StringAssert.Contains(ex.Message, "stalled: no data for 300 ms after ");
        StringAssert.Contains(ex.Message, $" of {body.Length} bytes");
    }

    [TestMethod]
    public void A_blob_that_stops_mid_body_says_how_far_it_got()
    {
        var body = Blob(100_000);
        using var server = new MisbehavingServer(async (_, stream, cancel) =>
        {
            await MisbehavingServer.WriteAsync(stream, $"HTTP/1.1 200 OK\r\nContent-Length: {body.Length}\r\n\r\n", cancel);
            await stream.WriteAsync(body.AsMemory(0, 1000), cancel);
        });

        var ex = FailsQuickly(() => ReadBlob(server, new Descriptor("", Sha256(body), body.Length)));

        StringAssert.Contains(ex.Message, $"broke off after 1000 of {body.Length} bytes");
    }

    [TestMethod]
    public void A_blob_that_ends_early_without_a_length_says_how_far_it_got()
    {
        var body = Blob(100_000);
        using var server = new MisbehavingServer(async (_, stream, cancel) =>
        {
            await MisbehavingServer.WriteAsync(stream, "HTTP/1.1 200 OK\r\nConnection: close\r\n\r\n", cancel);
            await stream.WriteAsync(body.AsMemory(0, 1000), cancel);
        });

        var ex = FailsQuickly(() => ReadBlob(server, new Descriptor("", Sha256(body), body.Length)));

        StringAssert.Contains(ex.Message, $"broke off after 1000 of {body.Length} bytes");
    }

    [TestMethod]
    public void A_blob_whose_bytes_do_not_match_its_digest_says_so()
    {
        var body = Blob(10_000);
        var other = body.ToArray();
        other[5000] ^= 1;
        using var server = new MisbehavingServer((_, stream, cancel) => MisbehavingServer.RespondAsync(stream, 200, other, cancel));

        var ex = FailsQuickly(() => ReadBlob(server, new Descriptor("", Sha256(body), body.Length)));

        StringAssert.Contains(ex.Message, $"layer {Sha256(body)} from {server.Authority}/{Repository} does not match its digest");
        StringAssert.Contains(ex.Message, Sha256(other));
    }

    [TestMethod]
    public void A_blob_named_by_a_sha512_digest_is_checked_against_it()
    {
        var body = Blob(10_000);
        var other = body.ToArray();
        other[5000] ^= 1;
        var digest = "sha512:" + Convert.ToHexString(System.Security.Cryptography.SHA512.HashData(body)).ToLowerInvariant();
        using var server = new MisbehavingServer((_, stream, cancel) => MisbehavingServer.RespondAsync(stream, 200, other, cancel));

        var ex = FailsQuickly(() => ReadBlob(server, new Descriptor("", digest, body.Length)));

        StringAssert.Contains(ex.Message, $"layer {digest} from {server.Authority}/{Repository} does not match its digest");
        StringAssert.Contains(ex.Message, "sha512:");
    }

    [TestMethod]
    public void A_blob_longer_than_its_descriptor_is_not_read_past_its_size()
    {
        var body = Blob(10_000);
        var announcesMore = new MisbehavingServer((_, stream, cancel) => MisbehavingServer.RespondAsync(stream, 200, body, cancel, contentLength: 1_000_000_000_000));
        using (announcesMore)
        {
            var ex = FailsQuickly(() => ReadBlob(announcesMore, new Descriptor("", Sha256(body), body.Length)));
            StringAssert.Contains(ex.Message, $"the registry announces 1000000000000 bytes, but the image manifest says the layer is {body.Length} bytes");
        }

        // No length announced: the body runs on (here, 10 MB of zeros) but is read no further than the descriptor's size.
        using var streamsOn = new MisbehavingServer(async (_, stream, cancel) =>
        {
            await MisbehavingServer.WriteAsync(stream, "HTTP/1.1 200 OK\r\nConnection: close\r\n\r\n", cancel);
            await stream.WriteAsync(body, cancel);
            for (var i = 0; i < 160; i++)
            {
                await stream.WriteAsync(new byte[64 * 1024], cancel);
            }
        });
        var longer = FailsQuickly(() => ReadBlob(streamsOn, new Descriptor("", Sha256(body), body.Length)));
        StringAssert.Contains(longer.Message, $"is longer than the {body.Length} bytes announced for it");
    }

    [TestMethod]
    public void Through_the_layer_reader_a_wrong_layer_is_a_registry_failure_naming_the_digest()
    {
        // Two layers of the same length (the same entry and time, other content): the server sends the wrong one.
        static byte[] Layer(string json)
        {
            using var tar = new MemoryStream();
            using (var writer = new System.Formats.Tar.TarWriter(tar, System.Formats.Tar.TarEntryFormat.Pax, leaveOpen: true))
            {
                writer.WriteEntry(new System.Formats.Tar.PaxTarEntry(System.Formats.Tar.TarEntryType.RegularFile, "app/appsettings.json")
                {
                    ModificationTime = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero),
                    DataStream = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(json)),
                });
            }

            return TestImages.Gzip(tar.ToArray());
        }

        var good = Layer("{}");
        var other = Layer("[]");
        Assert.HasCount(good.Length, other);
        using var server = new MisbehavingServer((_, stream, cancel) => MisbehavingServer.RespondAsync(stream, 200, other, cancel));
        using var client = new RegistryClient(server.Authority, NoCredentials(), Fast);
        var layer = TestImages.Layer(good);

        var ex = FailsQuickly(() =>
        {
            using var blob = client.OpenBlob(Repository, layer);
            LayerReader.ReadFiles(layer, blob, _ => { });
        });

        StringAssert.Contains(ex.Message, $"layer {layer.Digest} from {server.Authority}/{Repository} does not match its digest");
    }

    [TestMethod]
    public void Through_the_layer_reader_a_stalled_layer_is_a_registry_failure_within_the_timeout()
    {
        var layerBytes = TestImages.Gzip(TestImages.Tar(("app/big.bin", Blob(400_000))));
        using var server = new MisbehavingServer(async (_, stream, cancel) =>
        {
            await MisbehavingServer.WriteAsync(stream, $"HTTP/1.1 200 OK\r\nContent-Length: {layerBytes.Length}\r\n\r\n", cancel);
            await stream.WriteAsync(layerBytes.AsMemory(0, layerBytes.Length / 3), cancel);
            await stream.FlushAsync(cancel);
            await Task.Delay(Timeout.Infinite, cancel);
        });
        using var client = new RegistryClient(server.Authority, NoCredentials(), Fast);
        var layer = TestImages.Layer(layerBytes);

        var ex = FailsQuickly(() =>
        {
            using var blob = client.OpenBlob(Repository, layer);
            LayerReader.ReadFiles(layer, blob, f => f.Content.CopyTo(Stream.Null));
        });

        StringAssert.Contains(ex.Message, "stalled: no data for 300 ms");
    }

    [TestMethod]
    public void A_complete_blob_reads_whole()
    {
        var body = Blob(300_000);
        using var server = new MisbehavingServer((_, stream, cancel) => MisbehavingServer.RespondAsync(stream, 200, body, cancel));
        using var client = new RegistryClient(server.Authority, NoCredentials(), Fast);
        using var blob = client.OpenBlob(Repository, new Descriptor("", Sha256(body), body.Length));
        var copy = new MemoryStream();
        blob.CopyTo(copy);
        CollectionAssert.AreEqual(body, copy.ToArray());
    }

    [TestMethod]
    public void A_50_MB_manifest_is_refused_whether_its_length_is_announced_or_not()
    {
        using (var announced = new MisbehavingServer((_, stream, cancel) => MisbehavingServer.RespondAsync(stream, 200, [], cancel, "application/vnd.oci.image.manifest.v1+json", contentLength: 50L << 20)))
        {
            using var client = new RegistryClient(announced.Authority, NoCredentials(), Fast);
            var ex = FailsQuickly(() => client.GetManifest(Repository, "1.0"));
            StringAssert.Contains(ex.Message, "is larger than 4 MB (52428800 bytes announced)");
        }

        using var unannounced = new MisbehavingServer(async (_, stream, cancel) =>
        {
            await MisbehavingServer.WriteAsync(stream, "HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Type: application/vnd.oci.image.manifest.v1+json\r\n\r\n{\"a\":\"", cancel);
            var chunk = Enumerable.Repeat((byte)'x', 64 * 1024).ToArray();
            for (var i = 0; i < 800; i++)
            {
                await stream.WriteAsync(chunk, cancel);
            }
        });
        using var client2 = new RegistryClient(unannounced.Authority, NoCredentials(), Fast with { BodyDeadlineFloor = TimeSpan.FromSeconds(2) });
        var ex2 = FailsQuickly(() => client2.GetManifest(Repository, "1.0"));
        StringAssert.Contains(ex2.Message, $"the manifest of {unannounced.Authority}/{Repository}:1.0 from registry {unannounced.Authority} is larger than 4 MB");
    }

    [TestMethod]
    public void A_manifest_that_trickles_ends_at_its_deadline()
    {
        using var server = new MisbehavingServer(async (_, stream, cancel) =>
        {
            await MisbehavingServer.WriteAsync(stream, "HTTP/1.1 200 OK\r\nContent-Length: 100000\r\n\r\n", cancel);
            while (true)
            {
                await MisbehavingServer.WriteAsync(stream, " ", cancel);
                await stream.FlushAsync(cancel);
                await Task.Delay(20, cancel);
            }
        });
        using var client = new RegistryClient(server.Authority, NoCredentials(), Fast with { Timeout = TimeSpan.FromSeconds(1) });

        var ex = FailsQuickly(() => client.GetManifest(Repository, "1.0"));

        StringAssert.Contains(ex.Message, "is arriving too slowly");
    }

    [TestMethod]
    public void A_redirect_loop_ends_after_a_bounded_number_of_redirects()
    {
        using var server = new MisbehavingServer((request, stream, cancel) =>
            MisbehavingServer.RespondAsync(stream, 302, "", cancel, null, "Location: " + request.Path));
        using var client = new RegistryClient(server.Authority, NoCredentials(), Fast with { MaxRedirects = 5 });

        var ex = FailsQuickly(() => client.GetManifest(Repository, "1.0"));

        StringAssert.Contains(ex.Message, "redirected the request for the image");
        StringAssert.Contains(ex.Message, "more than 5 times");
        StringAssert.Contains(ex.Message, "a redirect loop");
        Assert.HasCount(6, server.Requests, "the first request and five redirects");
    }

    [TestMethod]
    public void A_redirect_to_a_storage_host_is_followed()
    {
        var body = Blob(5_000);
        using var storage = new MisbehavingServer((_, stream, cancel) => MisbehavingServer.RespondAsync(stream, 200, body, cancel));
        using var registry = new MisbehavingServer((request, stream, cancel) =>
            MisbehavingServer.RespondAsync(stream, 307, "", cancel, null, $"Location: http://{storage.Authority}/bucket{request.Path}?sig=abc"));

        ReadBlob(registry, new Descriptor("", Sha256(body), body.Length));

        Assert.HasCount(1, storage.Requests);
    }

    [TestMethod]
    public void A_401_loop_stops_after_one_authentication()
    {
        MisbehavingServer? server = null;
        server = new MisbehavingServer((request, stream, cancel) => request.Path == "/token"
            ? MisbehavingServer.RespondAsync(stream, 200, "{\"token\":\"tok-1\"}", cancel, "application/json")
            : MisbehavingServer.RespondAsync(stream, 401, "", cancel, null, $"WWW-Authenticate: Bearer realm=\"http://{server!.Authority}/token\",service=\"test\""));
        using (server)
        {
            using var client = new RegistryClient(server.Authority, Credentials("ci", "pw"), Fast);

            var ex = FailsQuickly(() => client.GetManifest(Repository, "1.0"));

            StringAssert.Contains(ex.Message, "(401 again after authenticating)");
            StringAssert.Contains(ex.Message, "DOTNET_CONTAINER_PULL_REGISTRY_UNAME");
            Assert.HasCount(3, server.Requests, "the manifest, the token, the manifest with the token");
        }
    }

    [TestMethod]
    [DataRow("Bearer realm=\"http://127.0.0.1:1/token", "cannot be parsed")]
    [DataRow("Bearer realm", "cannot be parsed")]
    [DataRow("{}[] realm=\"x\"", "cannot be parsed")]
    [DataRow("Bearer realm=\"not a url\",service=\"x\"", "without a usable realm")]
    [DataRow("Bearer realm=\"file:///etc/passwd\"", "without a usable realm")]
    [DataRow("Bearer service=\"registry\"", "without a usable realm")]
    [DataRow("Negotiate abc=def", "asks for 'Negotiate' authentication, which SecretGuard does not speak")]
    public void A_malformed_WWW_Authenticate_header_is_named(string header, string expected)
    {
        using var server = new MisbehavingServer((_, stream, cancel) => MisbehavingServer.RespondAsync(stream, 401, "", cancel, null, "WWW-Authenticate: " + header));
        using var client = new RegistryClient(server.Authority, Credentials("ci", "pw"), Fast);

        var ex = FailsQuickly(() => client.GetManifest(Repository, "1.0"));

        StringAssert.Contains(ex.Message, expected);
    }

    [TestMethod]
    public void A_WWW_Authenticate_header_with_control_characters_is_shown_cleaned()
    {
        using var server = new MisbehavingServer((_, stream, cancel) => MisbehavingServer.RespondAsync(stream, 401, "", cancel, null, "WWW-Authenticate: Bearer realm=\"\u0007" + new string('z', 500)));
        using var client = new RegistryClient(server.Authority, NoCredentials(), Fast);

        var ex = FailsQuickly(() => client.GetManifest(Repository, "1.0"));

        Assert.DoesNotContain("\u0007", ex.Message);
        Assert.IsLessThan(400, ex.Message.Length, ex.Message);
    }

    /// <summary>A registry whose token service (on the same server, /token) answers with <paramref name="token"/>.</summary>
    private static MisbehavingServer TokenServer(Func<Stream, CancellationToken, Task> token)
    {
        MisbehavingServer? server = null;
        server = new MisbehavingServer((request, stream, cancel) => request.Path == "/token"
            ? token(stream, cancel)
            : MisbehavingServer.RespondAsync(stream, 401, "", cancel, null, $"WWW-Authenticate: Bearer realm=\"http://{server!.Authority}/token\",service=\"test\""));
        return server;
    }

    [TestMethod]
    [DataRow("<html>Service Unavailable</html>", "did not answer with JSON")]
    [DataRow("", "did not answer with JSON")]
    [DataRow("{\"expires_in\":300}", "answered without a token (no 'token' or 'access_token' string)")]
    [DataRow("{\"token\":12345}", "answered without a token")]
    [DataRow("{\"token\":\"\"}", "answered without a token")]
    [DataRow("[\"token\"]", "answered with JSON that is not an object")]
    [DataRow("{\"token\":\"a\\r\\nX-Injected: 1\"}", "a token that is not a valid header value")]
    public void A_token_service_that_answers_garbage_is_named(string answer, string expected)
    {
        using var server = TokenServer((stream, cancel) => MisbehavingServer.RespondAsync(stream, 200, answer, cancel, "application/json"));
        using var client = new RegistryClient(server.Authority, Credentials("ci", "pw"), Fast);

        var ex = FailsQuickly(() => client.GetManifest(Repository, "1.0"));

        StringAssert.Contains(ex.Message, $"the token service 127.0.0.1 of registry {server.Authority}");
        StringAssert.Contains(ex.Message, expected);
    }

    [TestMethod]
    public void A_token_that_is_not_UTF_8_is_named()
    {
        var answer = Encoding.UTF8.GetBytes("{\"token\":\"abc~\"}").Select(b => b == (byte)'~' ? (byte)0xFF : b).ToArray();
        using var server = TokenServer((stream, cancel) => MisbehavingServer.RespondAsync(stream, 200, answer, cancel, "application/json"));
        using var client = new RegistryClient(server.Authority, Credentials("ci", "pw"), Fast);

        var ex = FailsQuickly(() => client.GetManifest(Repository, "1.0"));

        StringAssert.Contains(ex.Message, "answered with a token that is not valid UTF-8");
    }

    [TestMethod]
    public void A_token_nested_100k_deep_is_refused_without_recursion()
    {
        var deep = new string('[', 100_000) + new string(']', 100_000);
        using var server = TokenServer((stream, cancel) => MisbehavingServer.RespondAsync(stream, 200, deep, cancel, "application/json"));
        using var client = new RegistryClient(server.Authority, Credentials("ci", "pw"), Fast);

        var ex = FailsQuickly(() => client.GetManifest(Repository, "1.0"));

        StringAssert.Contains(ex.Message, "did not answer with JSON");
    }

    [TestMethod]
    public void A_huge_token_answer_is_refused()
    {
        using var server = TokenServer(async (stream, cancel) =>
        {
            await MisbehavingServer.WriteAsync(stream, "HTTP/1.1 200 OK\r\nConnection: close\r\n\r\n{\"token\":\"", cancel);
            var chunk = Enumerable.Repeat((byte)'a', 64 * 1024).ToArray();
            for (var i = 0; i < 800; i++)
            {
                await stream.WriteAsync(chunk, cancel);
            }
        });
        using var client = new RegistryClient(server.Authority, Credentials("ci", "pw"), Fast with { BodyDeadlineFloor = TimeSpan.FromSeconds(2) });

        var ex = FailsQuickly(() => client.GetManifest(Repository, "1.0"));

        StringAssert.Contains(ex.Message, "is larger than 1 MB");
    }

    [TestMethod]
    public void A_token_service_that_stalls_times_out()
    {
        using var server = TokenServer(async (stream, cancel) =>
        {
            await MisbehavingServer.WriteAsync(stream, "HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\n{\"tok", cancel);
            await stream.FlushAsync(cancel);
            await Task.Delay(Timeout.Infinite, cancel);
        });
        using var client = new RegistryClient(server.Authority, Credentials("ci", "pw"), Fast);

        var ex = FailsQuickly(() => client.GetManifest(Repository, "1.0"));

        StringAssert.Contains(ex.Message, "stalled: no data for 300 ms");
    }

    [TestMethod]
    public void A_token_service_that_does_not_answer_times_out()
    {
        using var server = TokenServer((_, cancel) => Task.Delay(Timeout.Infinite, cancel));
        using var client = new RegistryClient(server.Authority, Credentials("ci", "pw"), Fast);

        var ex = FailsQuickly(() => client.GetManifest(Repository, "1.0"));

        StringAssert.Contains(ex.Message, "did not answer within 300 ms");
    }

    [TestMethod]
    public void A_refused_connection_is_retried_a_bounded_number_of_times_and_named()
    {
        var listener = new TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        var port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop(); // nothing listens there now

        using var client = new RegistryClient($"127.0.0.1:{port}", NoCredentials(), Fast);
        var ex = FailsQuickly(() => client.GetManifest(Repository, "1.0"));

        StringAssert.Contains(ex.Message, $"registry 127.0.0.1:{port} failed 2 times, last because");
        StringAssert.Contains(ex.Message.ToLowerInvariant(), "refused");
    }

    [TestMethod]
    public void A_reset_connection_is_retried_a_bounded_number_of_times_and_named()
    {
        using var server = new MisbehavingServer((_, stream, _) =>
        {
            // Abort the connection (RST) instead of answering.
            ((System.Net.Sockets.NetworkStream)stream).Socket.LingerState = new LingerOption(true, 0);
            stream.Dispose();
            return Task.CompletedTask;
        });
        using var client = new RegistryClient(server.Authority, NoCredentials(), Fast);

        var ex = FailsQuickly(() => client.GetManifest(Repository, "1.0"));

        StringAssert.Contains(ex.Message, $"registry {server.Authority} failed 2 times, last because");
        // HttpClient itself tries a connection closed before any answer again a few times: still bounded.
        Assert.IsTrue(server.Requests.Count is >= 2 and <= 8, $"{server.Requests.Count} requests");
    }

    [TestMethod]
    public void A_garbage_status_line_is_named()
    {
        using var server = new MisbehavingServer((_, stream, cancel) => MisbehavingServer.WriteAsync(stream, "SSH-2.0-OpenSSH\r\n\r\n", cancel));
        using var client = new RegistryClient(server.Authority, NoCredentials(), Fast);

        var ex = FailsQuickly(() => client.GetManifest(Repository, "1.0"));

        StringAssert.Contains(ex.Message, "failed 2 times, last because");
    }

    [TestMethod]
    public void A_registry_that_never_answers_times_out_on_every_try()
    {
        using var server = new MisbehavingServer((_, _, cancel) => Task.Delay(Timeout.Infinite, cancel));
        using var client = new RegistryClient(server.Authority, NoCredentials(), Fast);

        var ex = FailsQuickly(() => client.GetManifest(Repository, "1.0"));

        StringAssert.Contains(ex.Message, "failed 2 times, last because it did not answer within 300 ms");
    }

    [TestMethod]
    public void Retry_After_cannot_stretch_the_total_time()
    {
        using var server = new MisbehavingServer((_, stream, cancel) => MisbehavingServer.RespondAsync(stream, 503, "", cancel, null, "Retry-After: 3600"));
        using var client = new RegistryClient(server.Authority, NoCredentials(), Fast with { Attempts = 3, MaxRetryDelay = TimeSpan.FromMilliseconds(50) });

        var ex = FailsQuickly(() => client.GetManifest(Repository, "1.0"), TimeSpan.FromSeconds(2));

        StringAssert.Contains(ex.Message, "failed 3 times, last because it answered 503");
        Assert.HasCount(3, server.Requests);
    }

    [TestMethod]
    [DataRow("bad host:99")]
    [DataRow("host/with/path")]
    [DataRow("")]
    public void A_registry_name_that_is_not_a_host_is_named(string registry)
    {
        var ex = FailsQuickly(() => new RegistryClient(registry, NoCredentials(), Fast).Dispose());
        StringAssert.Contains(ex.Message, "is not a registry host name");
    }

    [TestMethod]
    public void Default_options_bound_the_total_time_of_a_request()
    {
        var options = new RegistryClientOptions();
        var worstCaseOfRetries = options.Attempts * options.Timeout + (options.Attempts - 1) * options.MaxRetryDelay;
        Assert.IsTrue(worstCaseOfRetries <= TimeSpan.FromMinutes(4), worstCaseOfRetries.ToString());
        Assert.AreEqual(TimeSpan.FromSeconds(60) + TimeSpan.FromSeconds(100 * 1024 * 1024 / (128.0 * 1024)), options.BodyDeadline(100 * 1024 * 1024));
        Assert.IsTrue(options.BodyDeadline(long.MaxValue) <= TimeSpan.FromDays(1) + options.BodyDeadlineFloor, "absurd sizes still have a deadline");
        Assert.IsTrue(options.BodyDeadline(-1) < TimeSpan.FromMinutes(15), "unknown sizes too");
    }
}
