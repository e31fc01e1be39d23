namespace Wso2Serverless.StandIns.Iam;

/// <summary>
/// One request IAM authorises: which function's role makes it, the IAM action, the resource ARN
/// (as the service authorization reference shapes it for that action) and the condition context.
/// <see cref="Cause"/> names the AWS operation it came from; <see cref="Implied"/> marks what the
/// service authorises on the caller's behalf (CloudFormation reading the TemplateURL as the caller,
/// passing the stack role).
/// </summary>
public sealed record IamCall(
    string Function,
    string Action,
    string Resource,
    IReadOnlyDictionary<string, IReadOnlyList<string>> Context,
    string Cause,
    bool Implied = false);
