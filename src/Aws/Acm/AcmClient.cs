using System.Text.Json.Serialization;
using Wso2Serverless.Aws.Http;

namespace Wso2Serverless.Aws.Acm;

/// <summary>
/// The one ACM operation Verify calls, over AWS JSON 1.1
/// (<c>X-Amz-Target: CertificateManager.GetCertificate</c>, signed as <c>acm</c>). Names follow
/// AWSSDK.CertificateManager.
/// </summary>
public sealed class AcmClient
{
    private const string TargetPrefix = "CertificateManager";

    private readonly JsonProtocolClient _json;

    public AcmClient(HttpClient http)
    {
        _json = new JsonProtocolClient(http, AwsService.Acm.SigningName, TargetPrefix, "1.1");
    }

    public static AcmClient Create(AwsEndpoints endpoints, Signing.ICredentialSource? credentials = null, RetryOptions? retry = null) =>
        new(AwsHttp.CreateClient(AwsService.Acm, endpoints, credentials, retry));

    /// <summary>The certificate and its chain (PEM); the private key never leaves ACM this way.</summary>
    public Task<GetCertificateResponse> GetCertificateAsync(GetCertificateRequest request, CancellationToken cancellationToken = default) =>
        _json.SendAsync("GetCertificate", request, AcmJsonContext.Default.GetCertificateRequest, AcmJsonContext.Default.GetCertificateResponse, cancellationToken);
}

public sealed class GetCertificateRequest
{
    public string CertificateArn { get; set; } = "";
}

public sealed class GetCertificateResponse
{
    public string? Certificate { get; set; }
    public string? CertificateChain { get; set; }
}

/// <summary>ACM's JSON is PascalCase on the wire, like the property names.</summary>
[JsonSerializable(typeof(GetCertificateRequest))]
[JsonSerializable(typeof(GetCertificateResponse))]
[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
internal sealed partial class AcmJsonContext : JsonSerializerContext;
