namespace Wso2Serverless.StandIns.ApiGateway;

/// <summary>
/// A caller the stand-in knows, by access key: the secret it must have signed with (and the
/// session token it must send, for temporary credentials), and who it is in the event's
/// <c>requestContext.authorizer.iam</c>.
/// </summary>
public sealed record ApiPrincipal(
    string AccessKeyId,
    string SecretAccessKey,
    string AccountId,
    string UserArn,
    string UserId,
    string? SessionToken = null);
