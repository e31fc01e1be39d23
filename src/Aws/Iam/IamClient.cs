using Wso2Serverless.Aws.Http;

namespace Wso2Serverless.Aws.Iam;

/// <summary>
/// The one IAM operation Verify calls, over the Query protocol (API version 2010-05-08, signed as
/// <c>iam</c> for us-east-1 at the global endpoint). Names follow AWSSDK.IdentityManagement.
/// </summary>
public sealed class IamClient
{
    public const string ApiVersion = "2010-05-08";

    private readonly QueryProtocolClient _query;

    public IamClient(HttpClient http)
    {
        _query = new QueryProtocolClient(http, AwsService.Iam.SigningName, ApiVersion);
    }

    public static IamClient Create(AwsEndpoints endpoints, Signing.ICredentialSource? credentials = null, RetryOptions? retry = null) =>
        new(AwsHttp.CreateClient(AwsService.Iam, endpoints, credentials, retry));

    /// <summary>The certificate (PEM) of a server certificate, never its private key (IAM does not return it).</summary>
    public async Task<GetServerCertificateResponse> GetServerCertificateAsync(GetServerCertificateRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var result = await _query.SendAsync("GetServerCertificate", new QueryParameters().Add("ServerCertificateName", request.ServerCertificateName), cancellationToken).ConfigureAwait(false);
        var certificate = result.Child("ServerCertificate");
        var metadata = certificate.Child("ServerCertificateMetadata");
        return new GetServerCertificateResponse
        {
            ServerCertificate = new ServerCertificate
            {
                CertificateBody = certificate.Text("CertificateBody") ?? "",
                CertificateChain = certificate.Text("CertificateChain"),
                ServerCertificateMetadata = new ServerCertificateMetadata
                {
                    ServerCertificateName = metadata.Text("ServerCertificateName") ?? "",
                    Arn = metadata.Text("Arn") ?? "",
                    Expiration = metadata.Time("Expiration"),
                },
            },
        };
    }
}

public sealed class GetServerCertificateRequest
{
    public string ServerCertificateName { get; set; } = "";
}

public sealed class GetServerCertificateResponse
{
    public ServerCertificate ServerCertificate { get; set; } = new();
}

public sealed class ServerCertificate
{
    public ServerCertificateMetadata ServerCertificateMetadata { get; set; } = new();
    /// <summary>PEM.</summary>
    public string CertificateBody { get; set; } = "";
    public string? CertificateChain { get; set; }
}

public sealed class ServerCertificateMetadata
{
    public string ServerCertificateName { get; set; } = "";
    public string Arn { get; set; } = "";
    public DateTimeOffset? Expiration { get; set; }
}
