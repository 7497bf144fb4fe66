using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace OpenStack.Tests.Transport;

/// <summary>A request as it arrived on the wire.</summary>
public sealed record WireRequest(string Method, string Target, IReadOnlyDictionary<string, string> Headers, string Body)
{
    public string? Header(string name) => Headers.TryGetValue(name, out string? value) ? value : null;
}

/// <summary>What the server answers.</summary>
public sealed record WireResponse(int Status, string Body, params (string Name, string Value)[] Headers)
{
    public static WireResponse Json(int status, string body, params (string Name, string Value)[] headers) => new(status, body, headers);
}

/// <summary>
/// A minimal HTTP/1.1 server on 127.0.0.1 with an ephemeral port, optionally behind TLS and
/// optionally demanding a client certificate. One request per connection (it answers with
/// <c>Connection: close</c>), which is all a Keystone-like JSON exchange needs.
/// </summary>
public sealed class LoopbackServer : IAsyncDisposable
{
    private static readonly TimeSpan ConnectionTimeout = TimeSpan.FromSeconds(15);

    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly Func<WireRequest, WireResponse> _respond;
    private readonly X509Certificate2? _certificate;
    private readonly X509Certificate2? _clientRoot;
    private readonly ConcurrentDictionary<Task, bool> _connections = new();
    private readonly Task _acceptLoop;

    private LoopbackServer(Func<WireRequest, WireResponse> respond, X509Certificate2? certificate, X509Certificate2? clientRoot)
    {
        _respond = respond;
        _certificate = certificate;
        _clientRoot = clientRoot;
        _listener.Start();
        _acceptLoop = AcceptLoopAsync();
    }

    /// <summary>Serves plain HTTP.</summary>
    public static LoopbackServer Http(Func<WireRequest, WireResponse> respond) => new(respond, null, null);

    /// <summary>
    /// Serves HTTPS with <paramref name="certificate"/>; with <paramref name="clientRoot"/> it demands a
    /// client certificate that chains to that root alone and drops the connection otherwise.
    /// </summary>
    public static LoopbackServer Https(Func<WireRequest, WireResponse> respond, X509Certificate2 certificate, X509Certificate2? clientRoot = null) =>
        new(respond, certificate, clientRoot);

    public Uri BaseAddress => new(string.Create(
        CultureInfo.InvariantCulture,
        $"{(_certificate is null ? "http" : "https")}://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}/"));

    public ConcurrentQueue<WireRequest> Requests { get; } = new();

    /// <summary>SHA-256 thumbprints of the client certificates accepted in handshakes.</summary>
    public ConcurrentQueue<string> ClientCertificates { get; } = new();

    public async ValueTask DisposeAsync()
    {
        _stop.Cancel();
        _listener.Stop();
        await _acceptLoop.ConfigureAwait(false);
        await Task.WhenAll(_connections.Keys).ConfigureAwait(false);
        _stop.Dispose();
    }

    private async Task AcceptLoopAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync(_stop.Token).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }

            Task connection = ServeAsync(client);
            _connections[connection] = true;
            _ = connection.ContinueWith(t => _connections.TryRemove(t, out _), TaskScheduler.Default);
        }
    }

    private async Task ServeAsync(TcpClient client)
    {
        using (client)
        using (var timeout = CancellationTokenSource.CreateLinkedTokenSource(_stop.Token))
        {
            timeout.CancelAfter(ConnectionTimeout);
            try
            {
                Stream stream = client.GetStream();
                if (_certificate is not null)
                {
                    var tls = new SslStream(stream, leaveInnerStreamOpen: false);
                    try
                    {
                        await tls.AuthenticateAsServerAsync(ServerOptions(), timeout.Token).ConfigureAwait(false);
                    }
                    catch (Exception ex) when (ex is IOException or System.Security.Authentication.AuthenticationException or OperationCanceledException)
                    {
                        // A rejected handshake is what several tests expect; the client reports it.
                        await tls.DisposeAsync().ConfigureAwait(false);
                        return;
                    }

                    if (tls.RemoteCertificate is X509Certificate remote)
                    {
                        ClientCertificates.Enqueue(remote.GetCertHashString(HashAlgorithmName.SHA256));
                    }

                    stream = tls;
                }

                await using (stream.ConfigureAwait(false))
                {
                    WireRequest? request = await ReadRequestAsync(stream, timeout.Token).ConfigureAwait(false);
                    if (request is null)
                    {
                        return;
                    }

                    Requests.Enqueue(request);
                    await WriteResponseAsync(stream, _respond(request), timeout.Token).ConfigureAwait(false);
                }
            }
            catch (Exception ex) when (ex is IOException or OperationCanceledException or SocketException)
            {
                // A client that gives up mid-request is the client's test failure to report, not the server's.
            }
        }
    }

    private SslServerAuthenticationOptions ServerOptions()
    {
        var options = new SslServerAuthenticationOptions { ServerCertificate = _certificate };
        if (_clientRoot is not null)
        {
            options.ClientCertificateRequired = true;
            var policy = new X509ChainPolicy
            {
                TrustMode = X509ChainTrustMode.CustomRootTrust,
                RevocationMode = X509RevocationMode.NoCheck,
            };
            policy.CustomTrustStore.Add(_clientRoot);
            options.CertificateChainPolicy = policy;

            // No errors means a certificate arrived and chained to the root alone, intermediates included.
            options.RemoteCertificateValidationCallback = static (_, certificate, _, errors) =>
                certificate is not null && errors == SslPolicyErrors.None;
        }

        return options;
    }

    private static async Task<WireRequest?> ReadRequestAsync(Stream stream, CancellationToken cancellationToken)
    {
        const int MaxHead = 64 * 1024;
        var head = new MemoryStream();
        var one = new byte[1];
        while (!EndsWithBlankLine(head))
        {
            if (head.Length >= MaxHead || await stream.ReadAsync(one, cancellationToken).ConfigureAwait(false) == 0)
            {
                return null;
            }

            head.WriteByte(one[0]);
        }

        string[] lines = Encoding.ASCII.GetString(head.GetBuffer(), 0, (int)head.Length).Split("\r\n");
        string[] requestLine = lines[0].Split(' ');
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (string line in lines[1..])
        {
            int colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon > 0)
            {
                headers[line[..colon].Trim()] = line[(colon + 1)..].Trim();
            }
        }

        int length = headers.TryGetValue("Content-Length", out string? value) ? int.Parse(value, CultureInfo.InvariantCulture) : 0;
        var body = new byte[length];
        await stream.ReadExactlyAsync(body, cancellationToken).ConfigureAwait(false);
        return new WireRequest(requestLine[0], requestLine[1], headers, Encoding.UTF8.GetString(body));
    }

    private static bool EndsWithBlankLine(MemoryStream head)
    {
        if (head.Length < 4)
        {
            return false;
        }

        byte[] buffer = head.GetBuffer();
        int end = (int)head.Length;
        return buffer[end - 4] == '\r' && buffer[end - 3] == '\n' && buffer[end - 2] == '\r' && buffer[end - 1] == '\n';
    }

    private static async Task WriteResponseAsync(Stream stream, WireResponse response, CancellationToken cancellationToken)
    {
        byte[] body = Encoding.UTF8.GetBytes(response.Body);
        var head = new StringBuilder();
        head.Append(CultureInfo.InvariantCulture, $"HTTP/1.1 {response.Status} {Reason(response.Status)}\r\n");
        head.Append("Content-Type: application/json\r\n");
        head.Append(CultureInfo.InvariantCulture, $"Content-Length: {body.Length}\r\n");
        head.Append("Connection: close\r\n");
        foreach ((string name, string value) in response.Headers)
        {
            head.Append(name).Append(": ").Append(value).Append("\r\n");
        }

        head.Append("\r\n");
        await stream.WriteAsync(Encoding.ASCII.GetBytes(head.ToString()), cancellationToken).ConfigureAwait(false);
        await stream.WriteAsync(body, cancellationToken).ConfigureAwait(false);
        await stream.FlushAsync(cancellationToken).ConfigureAwait(false);
    }

    private static string Reason(int status) => status switch
    {
        200 => "OK",
        201 => "Created",
        401 => "Unauthorized",
        403 => "Forbidden",
        404 => "Not Found",
        _ => "Status",
    };
}
