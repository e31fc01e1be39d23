namespace Wso2Serverless.Aws.StepFunctions.Model;

public sealed class SendTaskSuccessRequest
{
    public string TaskToken { get; set; } = "";
    /// <summary>The task's result as JSON text.</summary>
    public string Output { get; set; } = "{}";
}

public sealed class SendTaskFailureRequest
{
    public string TaskToken { get; set; } = "";
    public string? Error { get; set; }
    public string? Cause { get; set; }
}

public sealed class SendTaskHeartbeatRequest
{
    public string TaskToken { get; set; } = "";
}
