using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;

namespace Wso2Serverless.Aws.Tests.Probing;

/// <summary>
/// An HTTPS server on loopback that presents <see cref="Certificate"/> (self-signed, made here)
/// and answers every request with one status: TLS through <see cref="SslStream"/> over a
/// <see cref="TcpListener"/>, since HttpListener cannot serve TLS on Linux. It stands for a load
/// balancer listener whose certificate, like an IAM server certificate's, never matches its
/// DNS name (127.0.0.1 here).
/// </summary>
public sealed class TlsStubServer : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private int _requests;

    public TlsStubServer(X509Certificate2 certificate, int status = 200)
    {
        Certificate = certificate;
        Status = status;
        _listener.Start();
        Endpoint = new Uri($"https://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}/carbon");
        _loop = Task.Run(LoopAsync);
    }

    public X509Certificate2 Certificate { get; }

    public int Status { get; }

    public Uri Endpoint { get; }

    /// <summary>Requests that got past the TLS handshake.</summary>
    public int Requests => Volatile.Read(ref _requests);

    /// <summary>A self-signed certificate with its key, named for a host the probe never calls.</summary>
    public static X509Certificate2 SelfSigned(string subject = "CN=wso2.example.com")
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest(subject, key, HashAlgorithmName.SHA256);
        using var created = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(30));
        // Round-trip through PKCS#12 so SslStream on Linux can use the private key.
        return X509CertificateLoader.LoadPkcs12(created.Export(X509ContentType.Pfx), null);
    }

    private async Task LoopAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync(_stop.Token);
            }
            catch (Exception) when (_stop.IsCancellationRequested)
            {
                return;
            }

            _ = Task.Run(() => ServeAsync(client));
        }
    }

    private async Task ServeAsync(TcpClient client)
    {
        using (client)
        {
            try
            {
                await using var tls = new SslStream(client.GetStream());
                await tls.AuthenticateAsServerAsync(new SslServerAuthenticationOptions { ServerCertificate = Certificate }, _stop.Token);
                var buffer = new byte[4096];
                var read = 0;
                while (!Encoding.ASCII.GetString(buffer, 0, read).Contains("\r\n\r\n", StringComparison.Ordinal) && read < buffer.Length)
                {
                    var n = await tls.ReadAsync(buffer.AsMemory(read), _stop.Token);
                    if (n == 0)
                    {
                        return;
                    }

                    read += n;
                }

                Interlocked.Increment(ref _requests);
                var answer = Encoding.ASCII.GetBytes($"HTTP/1.1 {Status} Stub\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
                await tls.WriteAsync(answer, _stop.Token);
                await tls.FlushAsync(_stop.Token);
            }
            catch (Exception e) when (e is IOException or System.Security.Authentication.AuthenticationException or OperationCanceledException)
            {
                // The probe refused our certificate and hung up, or the server is stopping.
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        try
        {
            await _loop;
        }
        catch (OperationCanceledException)
        {
        }

        _stop.Dispose();
        Certificate.Dispose();
    }
}
