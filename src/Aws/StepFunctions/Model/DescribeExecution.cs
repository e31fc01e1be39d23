namespace Wso2Serverless.Aws.StepFunctions.Model;

public sealed class DescribeExecutionRequest
{
    public string ExecutionArn { get; set; } = "";
}

public sealed class DescribeExecutionResponse
{
    public string ExecutionArn { get; set; } = "";
    public string StateMachineArn { get; set; } = "";
    public string Name { get; set; } = "";
    /// <summary>RUNNING, SUCCEEDED, FAILED, TIMED_OUT, ABORTED or PENDING_REDRIVE.</summary>
    public string Status { get; set; } = "";
    public DateTimeOffset StartDate { get; set; }
    public DateTimeOffset? StopDate { get; set; }
    public string? Input { get; set; }
    public string? Output { get; set; }
    public string? Error { get; set; }
    public string? Cause { get; set; }
}
