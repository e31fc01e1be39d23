using Wso2Serverless.Aws.Http;
using Wso2Serverless.Aws.Signing;
using Wso2Serverless.Aws.StepFunctions.Model;

namespace Wso2Serverless.Aws.StepFunctions;

/// <summary>
/// The Step Functions operations the orchestrator calls, over AWS JSON 1.0
/// (<c>X-Amz-Target: AWSStepFunctions.&lt;Operation&gt;</c>, signed as <c>states</c>). Names follow
/// AWSSDK.StepFunctions.
/// </summary>
public sealed class StepFunctionsClient
{
    private const string TargetPrefix = "AWSStepFunctions";
    private static readonly StepFunctionsJsonContext Json = StepFunctionsJsonContext.Default;

    private readonly JsonProtocolClient _json;

    public StepFunctionsClient(HttpClient http)
    {
        _json = new JsonProtocolClient(http, AwsService.StepFunctions.SigningName, TargetPrefix);
    }

    public static StepFunctionsClient Create(AwsEndpoints endpoints, ICredentialSource? credentials = null, RetryOptions? retry = null) =>
        new(AwsHttp.CreateClient(AwsService.StepFunctions, endpoints, credentials, retry));

    public Task<StartExecutionResponse> StartExecutionAsync(StartExecutionRequest request, CancellationToken cancellationToken = default) =>
        _json.SendAsync("StartExecution", request, Json.StartExecutionRequest, Json.StartExecutionResponse, cancellationToken);

    public Task<DescribeExecutionResponse> DescribeExecutionAsync(DescribeExecutionRequest request, CancellationToken cancellationToken = default) =>
        _json.SendAsync("DescribeExecution", request, Json.DescribeExecutionRequest, Json.DescribeExecutionResponse, cancellationToken);

    public Task<StopExecutionResponse> StopExecutionAsync(StopExecutionRequest request, CancellationToken cancellationToken = default) =>
        _json.SendAsync("StopExecution", request, Json.StopExecutionRequest, Json.StopExecutionResponse, cancellationToken);

    public Task<ListExecutionsResponse> ListExecutionsAsync(ListExecutionsRequest request, CancellationToken cancellationToken = default) =>
        _json.SendAsync("ListExecutions", request, Json.ListExecutionsRequest, Json.ListExecutionsResponse, cancellationToken);

    public Task SendTaskSuccessAsync(SendTaskSuccessRequest request, CancellationToken cancellationToken = default) =>
        _json.SendAsync("SendTaskSuccess", request, Json.SendTaskSuccessRequest, cancellationToken);

    public Task SendTaskFailureAsync(SendTaskFailureRequest request, CancellationToken cancellationToken = default) =>
        _json.SendAsync("SendTaskFailure", request, Json.SendTaskFailureRequest, cancellationToken);

    public Task SendTaskHeartbeatAsync(SendTaskHeartbeatRequest request, CancellationToken cancellationToken = default) =>
        _json.SendAsync("SendTaskHeartbeat", request, Json.SendTaskHeartbeatRequest, cancellationToken);

    /// <summary>For tests and <c>simulate</c>: production state machines come from the template.</summary>
    public Task<CreateStateMachineResponse> CreateStateMachineAsync(CreateStateMachineRequest request, CancellationToken cancellationToken = default) =>
        _json.SendAsync("CreateStateMachine", request, Json.CreateStateMachineRequest, Json.CreateStateMachineResponse, cancellationToken);
}
