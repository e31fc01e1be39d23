namespace Wso2Serverless.Functions.Api;

/// <summary>The problem <c>type</c> URIs the API answers with; stable, so clients may switch on them.</summary>
public static class ProblemTypes
{
    private const string Prefix = "urn:wso2-serverless:problem:";
    public const string InvalidRequest = Prefix + "invalid-request";
    public const string NotFound = Prefix + "not-found";
    public const string MethodNotAllowed = Prefix + "method-not-allowed";
    public const string EnvironmentBusy = Prefix + "environment-busy";
    public const string Conflict = Prefix + "conflict";
    public const string PayloadTooLarge = Prefix + "payload-too-large";
    public const string UnsupportedMediaType = Prefix + "unsupported-media-type";
    public const string Internal = Prefix + "internal";
}
