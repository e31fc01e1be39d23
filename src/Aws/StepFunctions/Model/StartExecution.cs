namespace Wso2Serverless.Aws.StepFunctions.Model;

public sealed class StartExecutionRequest
{
    public string StateMachineArn { get; set; } = "";
    public string? Name { get; set; }
    public string? Input { get; set; }
    public string? TraceHeader { get; set; }
}

public sealed class StartExecutionResponse
{
    public string ExecutionArn { get; set; } = "";
    public DateTimeOffset StartDate { get; set; }
}
