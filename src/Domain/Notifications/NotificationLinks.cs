namespace Wso2Serverless.Domain.Notifications;

/// <summary>Where a reader can look further: the API's status URL and the execution in the console.</summary>
public sealed record NotificationLinks(string? StatusUrl, string? ConsoleUrl)
{
    public static NotificationLinks None { get; } = new(null, null);

    /// <summary>
    /// Builds both links from what the functions know: the API base URL (settings, may be empty)
    /// and the execution ARN (the record, may be null). The region comes from the ARN.
    /// </summary>
    public static NotificationLinks For(string? apiBaseUrl, string deploymentId, string? executionArn)
    {
        var status = string.IsNullOrWhiteSpace(apiBaseUrl)
            ? null
            : $"{apiBaseUrl.TrimEnd('/')}/deployments/{Uri.EscapeDataString(deploymentId)}";
        return new NotificationLinks(status, ConsoleUrlOf(executionArn));
    }

    /// <summary>arn:aws:states:REGION:ACCOUNT:execution:MACHINE:NAME → the Step Functions console page of the execution.</summary>
    public static string? ConsoleUrlOf(string? executionArn)
    {
        var parts = executionArn?.Split(':');
        if (parts is not { Length: >= 8 } || parts[2] != "states" || parts[5] != "execution" || parts[3].Length == 0)
        {
            return null;
        }

        var region = parts[3];
        var host = parts[1] switch
        {
            "aws-cn" => $"console.amazonaws.cn",
            "aws-us-gov" => $"console.amazonaws-us-gov.com",
            _ => $"{region}.console.aws.amazon.com",
        };
        return $"https://{host}/states/home?region={region}#/v2/executions/details/{executionArn}";
    }
}
