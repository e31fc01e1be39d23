using System.Net;

namespace Wso2Serverless.Aws.Http;

/// <summary>
/// An error answer from an AWS service. The message is the service's own message only: never the
/// request body, which may carry parameters such as a database password.
/// </summary>
public class AwsServiceException : Exception
{
    public AwsServiceException()
        : this("Unknown", "Unknown", "AWS service error", null, 0)
    {
    }

    public AwsServiceException(string message)
        : this("Unknown", "Unknown", message, null, 0)
    {
    }

    public AwsServiceException(string message, Exception innerException)
        : base(message, innerException)
    {
        Service = "Unknown";
        Code = "Unknown";
    }

    public AwsServiceException(string service, string code, string message, string? requestId, HttpStatusCode httpStatus)
        : base($"{service}: {code}: {message}")
    {
        Service = service;
        Code = code;
        ServiceMessage = message;
        RequestId = requestId;
        HttpStatus = httpStatus;
    }

    /// <summary>A modelled error of a service (a subclass), carrying what the parsed one says.</summary>
    protected AwsServiceException(AwsServiceException error)
        : this(Required(error).Service, error.Code, error.ServiceMessage, error.RequestId, error.HttpStatus)
    {
    }

    /// <summary>The signing name of the service that answered (cloudformation, states, sns).</summary>
    public string Service { get; }

    /// <summary>The error code without any namespace prefix (e.g. <c>InvalidToken</c>).</summary>
    public string Code { get; }

    /// <summary>The service's message, as it sent it.</summary>
    public string ServiceMessage { get; } = "";

    public string? RequestId { get; }

    public HttpStatusCode HttpStatus { get; }

    public bool IsThrottling => AwsErrorCodes.Throttling.Contains(Code) || HttpStatus == HttpStatusCode.TooManyRequests;

    /// <summary>
    /// CloudFormation has no "not found" code: a missing stack is a ValidationError whose message
    /// says "Stack with id X does not exist".
    /// </summary>
    public bool IsStackNotFound =>
        Code == AwsErrorCodes.ValidationError
        && ServiceMessage.Contains("does not exist", StringComparison.OrdinalIgnoreCase)
        && ServiceMessage.StartsWith("Stack", StringComparison.OrdinalIgnoreCase);

    private static AwsServiceException Required(AwsServiceException error) =>
        error ?? throw new ArgumentNullException(nameof(error));

    /// <summary>The callback's task is over (finished, timed out, or its token was never valid): nothing to retry.</summary>
    public bool IsTaskGone =>
        Code is AwsErrorCodes.TaskDoesNotExist or AwsErrorCodes.TaskTimedOut or AwsErrorCodes.InvalidToken;
}
