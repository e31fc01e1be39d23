namespace Wso2Serverless.Aws.Ssm.Model;

/// <summary>A command as ListCommands and SendCommand describe it (the members the orchestrator reads).</summary>
public sealed class Command
{
    public string CommandId { get; set; } = "";
    public string? DocumentName { get; set; }
    public string? Comment { get; set; }
    /// <summary>UTC; SSM sends epoch seconds.</summary>
    public DateTime? RequestedDateTime { get; set; }
    /// <summary>Pending, InProgress, Success, Cancelled, Failed, TimedOut, Cancelling (<see cref="CommandStatus"/>).</summary>
    public string? Status { get; set; }
    public string? StatusDetails { get; set; }
    public List<string>? InstanceIds { get; set; }
    public List<Target>? Targets { get; set; }
    public int? TargetCount { get; set; }
    public int? CompletedCount { get; set; }
    public int? ErrorCount { get; set; }
}

/// <summary>SSM's command and invocation statuses.</summary>
public static class CommandStatus
{
    public const string Pending = "Pending";
    public const string InProgress = "InProgress";
    public const string Success = "Success";
    public const string Cancelled = "Cancelled";
    public const string Failed = "Failed";
    public const string TimedOut = "TimedOut";
    public const string Cancelling = "Cancelling";
}
