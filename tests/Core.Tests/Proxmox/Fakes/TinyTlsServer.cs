using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;

namespace PveAgent.Core.Tests.Proxmox.Fakes;

/// <summary>
/// A minimal HTTPS/1.1 server on 127.0.0.1 with a fresh self-signed certificate, standing in for pveproxy: it answers every
/// request with one JSON body and records the request headers it decrypted. With <c>silent: true</c> it accepts TCP
/// connections and never speaks.
/// </summary>
public sealed class TinyTlsServer : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly List<string> _requests = [];
    private readonly List<Socket> _silentSockets = [];
    private readonly Lock _gate = new();
    private readonly TaskCompletionSource _firstConnectionDone = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Task _acceptLoop;
    private readonly string _responseBody;
    private readonly bool _silent;

    public TinyTlsServer(string responseBody = """{"data":{"version":"9.0.4","release":"9.0","repoid":"39d8a4de7dfb2c40"}}""", bool silent = false)
    {
        _responseBody = responseBody;
        _silent = silent;
        Certificate = CreateCertificate();
        _listener.Start();
        _acceptLoop = AcceptAsync();
    }

    public X509Certificate2 Certificate { get; }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    /// <summary>SHA-256 of the certificate as PVE shows fingerprints: <c>AB:CD:…</c>.</summary>
    public string Fingerprint => string.Join(':', Convert.ToHexString(Certificate.GetCertHash(HashAlgorithmName.SHA256)).Chunk(2).Select(c => new string(c)));

    /// <summary>Raw request heads (request line and headers) the server decrypted; connections that sent nothing are not listed.</summary>
    public IReadOnlyList<string> ReceivedRequests
    {
        get
        {
            lock (_gate)
            {
                return [.. _requests];
            }
        }
    }

    /// <summary>Completes when the first connection has been fully handled (answered, or its handshake failed).</summary>
    public Task FirstConnectionDone => _firstConnectionDone.Task;

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        lock (_gate)
        {
            foreach (var socket in _silentSockets)
            {
                socket.Dispose();
            }
        }

        try
        {
            await _acceptLoop;
        }
        catch (Exception ex) when (ex is OperationCanceledException or SocketException or ObjectDisposedException)
        {
            // Stopping the listener ends the loop this way.
        }

        Certificate.Dispose();
        _stop.Dispose();
    }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            var socket = await _listener.AcceptSocketAsync(_stop.Token);
            if (_silent)
            {
                lock (_gate)
                {
                    _silentSockets.Add(socket);
                }

                continue;
            }

            _ = HandleAsync(socket);
        }
    }

    private async Task HandleAsync(Socket socket)
    {
        try
        {
            await using var network = new NetworkStream(socket, ownsSocket: true);
            await using var tls = new SslStream(network);
            await tls.AuthenticateAsServerAsync(new SslServerAuthenticationOptions { ServerCertificate = Certificate }, _stop.Token);
            var head = await ReadHeadAsync(tls);
            if (head.Length == 0)
            {
                // TLS 1.3 lets the server finish its handshake before the client judges the certificate; a client that
                // rejects it then closes without sending a single application byte.
                return;
            }

            lock (_gate)
            {
                _requests.Add(head);
            }

            var body = Encoding.UTF8.GetBytes(_responseBody);
            var header = $"HTTP/1.1 200 OK\r\nContent-Type: application/json;charset=UTF-8\r\nContent-Length: {body.Length}\r\nConnection: close\r\n\r\n";
            await tls.WriteAsync(Encoding.ASCII.GetBytes(header), _stop.Token);
            await tls.WriteAsync(body, _stop.Token);
            await tls.FlushAsync(_stop.Token);
        }
        catch (Exception ex) when (ex is IOException or System.Security.Authentication.AuthenticationException or OperationCanceledException or SocketException)
        {
            // The client rejected the certificate or hung up: exactly what some tests provoke.
        }
        finally
        {
            _firstConnectionDone.TrySetResult();
        }
    }

    private async Task<string> ReadHeadAsync(Stream stream)
    {
        var received = new List<byte>();
        var buffer = new byte[1024];
        while (!EndsWithBlankLine(received))
        {
            var read = await stream.ReadAsync(buffer, _stop.Token);
            if (read == 0)
            {
                break;
            }

            received.AddRange(buffer.AsSpan(0, read));
        }

        return Encoding.ASCII.GetString([.. received]);
    }

    private static bool EndsWithBlankLine(List<byte> bytes) =>
        bytes.Count >= 4 && bytes[^4] == '\r' && bytes[^3] == '\n' && bytes[^2] == '\r' && bytes[^1] == '\n';

    private static X509Certificate2 CreateCertificate()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=localhost", key, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        names.AddDnsName("localhost");
        names.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(names.Build());
        var now = DateTimeOffset.UtcNow;
        using var ephemeral = request.CreateSelfSigned(now.AddDays(-1), now.AddDays(1));

        // Round-trip through PKCS#12 so the private key is usable by SslStream on every platform.
        return X509CertificateLoader.LoadPkcs12(ephemeral.Export(X509ContentType.Pkcs12), null);
    }
}
