namespace Wso2Serverless.Aws.StepFunctions.Model;

public sealed class StopExecutionRequest
{
    public string ExecutionArn { get; set; } = "";
    public string? Error { get; set; }
    public string? Cause { get; set; }
}

public sealed class StopExecutionResponse
{
    public DateTimeOffset StopDate { get; set; }
}
