using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace SecretGuard.Tests.ImageReading;

/// <summary>One request as the server read it: method, path and query, headers (names lower-cased).</summary>
internal sealed record RawRequest(string Method, string Target, IReadOnlyDictionary<string, string> Headers)
{
    public string Path => Target.Split('?')[0];
}

/// <summary>
/// An HTTP/1.1 server on 127.0.0.1 with a free port that answers each request with raw bytes written by
/// the test, so it can do what no well-behaved server does: trickle a body, stop in the middle of it, send
/// broken headers, redirect in a loop. One request per connection (it always closes). Disposing it stops
/// the listener and closes every connection, ending whatever a response was still doing.
/// </summary>
internal sealed class MisbehavingServer : IDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly ConcurrentBag<TcpClient> _clients = [];
    private readonly Func<RawRequest, Stream, CancellationToken, Task> _respond;
    private readonly Task _accepting;

    public MisbehavingServer(Func<RawRequest, Stream, CancellationToken, Task> respond)
    {
        _respond = respond;
        _listener.Start();
        _accepting = Task.Run(AcceptAsync);
    }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    /// <summary>host:port, a registry name the client talks plain HTTP to (loopback).</summary>
    public string Authority => $"127.0.0.1:{Port}";

    public ConcurrentQueue<RawRequest> Requests { get; } = new();

    public static async Task WriteAsync(Stream stream, string text, CancellationToken cancel) =>
        await stream.WriteAsync(Encoding.ASCII.GetBytes(text), cancel);

    /// <summary>A whole response with a Content-Length (unless <paramref name="contentLength"/> overrides it).</summary>
    public static async Task RespondAsync(Stream stream, int status, byte[] body, CancellationToken cancel, string? contentType = null, long? contentLength = null, params string[] headers)
    {
        var head = new StringBuilder($"HTTP/1.1 {status} X\r\nConnection: close\r\nContent-Length: {contentLength ?? body.Length}\r\n");
        if (contentType is not null)
        {
            head.Append($"Content-Type: {contentType}\r\n");
        }

        foreach (var header in headers)
        {
            head.Append(header).Append("\r\n");
        }

        await WriteAsync(stream, head.Append("\r\n").ToString(), cancel);
        await stream.WriteAsync(body, cancel);
    }

    public static Task RespondAsync(Stream stream, int status, string body, CancellationToken cancel, string? contentType = null, params string[] headers) =>
        RespondAsync(stream, status, Encoding.UTF8.GetBytes(body), cancel, contentType, null, headers);

    public void Dispose()
    {
        _stop.Cancel();
        _listener.Stop();
        foreach (var client in _clients)
        {
            client.Dispose();
        }

        try
        {
            _accepting.Wait(TimeSpan.FromSeconds(2));
        }
        catch (AggregateException)
        {
        }

        _stop.Dispose();
    }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync(_stop.Token);
            }
            catch (Exception ex) when (ex is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }

            _clients.Add(client);
            _ = Task.Run(() => ServeAsync(client));
        }
    }

    private async Task ServeAsync(TcpClient client)
    {
        try
        {
            using (client)
            {
                var stream = client.GetStream();
                var request = await ReadRequestAsync(stream, _stop.Token);
                if (request is null)
                {
                    return;
                }

                Requests.Enqueue(request);
                await _respond(request, stream, _stop.Token);
                await stream.FlushAsync(_stop.Token);
            }
        }
        catch (Exception ex) when (ex is IOException or SocketException or ObjectDisposedException or OperationCanceledException)
        {
            // The client gave up (as it should on a misbehaving answer) or the server is being disposed.
        }
    }

    private static async Task<RawRequest?> ReadRequestAsync(Stream stream, CancellationToken cancel)
    {
        var bytes = new List<byte>();
        var one = new byte[1];
        while (bytes.Count < 64 * 1024)
        {
            if (await stream.ReadAsync(one, cancel) == 0)
            {
                return null;
            }

            bytes.Add(one[0]);
            if (bytes.Count >= 4 && bytes[^1] == '\n' && bytes[^2] == '\r' && bytes[^3] == '\n' && bytes[^4] == '\r')
            {
                break;
            }
        }

        var lines = Encoding.ASCII.GetString(bytes.ToArray()).Split("\r\n");
        var first = lines[0].Split(' ');
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var line in lines.Skip(1).Where(l => l.Contains(':')))
        {
            headers[line[..line.IndexOf(':')].Trim()] = line[(line.IndexOf(':') + 1)..].Trim();
        }

        if (headers.TryGetValue("Content-Length", out var length) && int.TryParse(length, out var n) && n > 0)
        {
            var body = new byte[n];
            await stream.ReadExactlyAsync(body, cancel);
        }

        return new RawRequest(first[0], first.Length > 1 ? first[1] : "/", headers);
    }
}
