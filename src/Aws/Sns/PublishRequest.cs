namespace Wso2Serverless.Aws.Sns;

public sealed class PublishRequest
{
    public string TopicArn { get; set; } = "";
    /// <summary>E-mail subscribers see it as the subject; at most 100 characters, no line breaks.</summary>
    public string? Subject { get; set; }
    public string Message { get; set; } = "";
}

public sealed class PublishResponse
{
    public string MessageId { get; set; } = "";
}
