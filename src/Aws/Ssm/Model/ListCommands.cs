using System.Text.Json.Serialization;

namespace Wso2Serverless.Aws.Ssm.Model;

public sealed class ListCommandsRequest
{
    public string? CommandId { get; set; }
    public string? InstanceId { get; set; }
    public int? MaxResults { get; set; }
    public string? NextToken { get; set; }
    public List<CommandFilter>? Filters { get; set; }
}

public sealed class ListCommandsResponse
{
    public List<Command>? Commands { get; set; }
    public string? NextToken { get; set; }
}

/// <summary>One ListCommands filter. The API spells these two members in lower case.</summary>
public sealed class CommandFilter
{
    [JsonPropertyName("key")]
    public string Key { get; set; } = "";

    [JsonPropertyName("value")]
    public string Value { get; set; } = "";
}

public static class CommandFilterKey
{
    public const string InvokedAfter = "InvokedAfter";
    public const string InvokedBefore = "InvokedBefore";
    public const string Status = "Status";
    public const string ExecutionStage = "ExecutionStage";
    public const string DocumentName = "DocumentName";
}
