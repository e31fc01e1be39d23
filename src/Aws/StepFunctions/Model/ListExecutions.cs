namespace Wso2Serverless.Aws.StepFunctions.Model;

public sealed class ListExecutionsRequest
{
    public string StateMachineArn { get; set; } = "";
    public string? StatusFilter { get; set; }
    public int? MaxResults { get; set; }
    public string? NextToken { get; set; }
}

public sealed class ListExecutionsResponse
{
    public IList<ExecutionListItem> Executions { get; init; } = [];
    public string? NextToken { get; set; }
}

public sealed class ExecutionListItem
{
    public string ExecutionArn { get; set; } = "";
    public string StateMachineArn { get; set; } = "";
    public string Name { get; set; } = "";
    public string Status { get; set; } = "";
    public DateTimeOffset StartDate { get; set; }
    public DateTimeOffset? StopDate { get; set; }
}
