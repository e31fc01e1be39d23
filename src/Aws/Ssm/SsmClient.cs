using Wso2Serverless.Aws.Http;
using Wso2Serverless.Aws.Signing;
using Wso2Serverless.Aws.Ssm.Model;

namespace Wso2Serverless.Aws.Ssm;

/// <summary>
/// The SSM Run Command operations the orchestrator calls, over AWS JSON 1.1 (<c>X-Amz-Target:
/// AmazonSSM.&lt;Operation&gt;</c>, signed as <c>ssm</c>). Operation, request and member names
/// follow AWSSDK.SimpleSystemsManagement (statuses are plain strings).
/// </summary>
public sealed class SsmClient : IDisposable
{
    private const string TargetPrefix = "AmazonSSM";
    private static readonly SsmJsonContext Json = SsmJsonContext.Default;

    private readonly HttpClient _http;
    private readonly JsonProtocolClient _json;

    /// <param name="maxAttempts">What the HttpClient's retry handler allows; 1 for the SendCommand client.</param>
    public SsmClient(HttpClient http, int maxAttempts)
    {
        _http = http;
        _json = new JsonProtocolClient(http, AwsService.Ssm.SigningName, TargetPrefix, "1.1", MapError);
        MaxAttempts = maxAttempts;
    }

    /// <summary>Attempts per call, first included: SendCommand must go out once (SsmCommandService checks).</summary>
    public int MaxAttempts { get; }

    public static SsmClient Create(AwsEndpoints endpoints, ICredentialSource? credentials = null, RetryOptions? retry = null, HttpMessageHandler? transport = null)
    {
        retry ??= RetryOptions.Default;
        return new(AwsHttp.CreateClient(AwsService.Ssm, endpoints, credentials, retry, transport), retry.MaxAttempts);
    }

    public Task<SendCommandResponse> SendCommandAsync(SendCommandRequest request, CancellationToken cancellationToken = default) =>
        _json.SendAsync("SendCommand", request, Json.SendCommandRequest, Json.SendCommandResponse, cancellationToken);

    public Task<ListCommandsResponse> ListCommandsAsync(ListCommandsRequest request, CancellationToken cancellationToken = default) =>
        _json.SendAsync("ListCommands", request, Json.ListCommandsRequest, Json.ListCommandsResponse, cancellationToken);

    public Task<ListCommandInvocationsResponse> ListCommandInvocationsAsync(ListCommandInvocationsRequest request, CancellationToken cancellationToken = default) =>
        _json.SendAsync("ListCommandInvocations", request, Json.ListCommandInvocationsRequest, Json.ListCommandInvocationsResponse, cancellationToken);

    public Task<GetCommandInvocationResponse> GetCommandInvocationAsync(GetCommandInvocationRequest request, CancellationToken cancellationToken = default) =>
        _json.SendAsync("GetCommandInvocation", request, Json.GetCommandInvocationRequest, Json.GetCommandInvocationResponse, cancellationToken);

    public void Dispose() => _http.Dispose();

    internal static Exception MapError(AwsServiceException error, string body) => error.Code switch
    {
        "InvalidCommandId" or "InvalidCommandIdException" => new InvalidCommandIdException(error),
        "InvocationDoesNotExist" or "InvocationDoesNotExistException" => new InvocationDoesNotExistException(error),
        _ => error,
    };
}
