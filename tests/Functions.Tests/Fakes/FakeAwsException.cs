using System.Net;
using Wso2Serverless.Aws.Http;

namespace Wso2Serverless.Functions.Tests.Fakes;

/// <summary>
/// What a fake AWS service throws: the adapters' own <see cref="AwsServiceException"/> with the
/// service's error code (e.g. <c>ThrottlingException</c>, <c>AlreadyExistsException</c>) and the
/// HTTP status AWS answers with, so handlers and the error taxonomy see what they see on AWS.
/// </summary>
public sealed class FakeAwsException : AwsServiceException
{
    public FakeAwsException()
        : this("ServiceError", "fake service error")
    {
    }

    public FakeAwsException(string message)
        : this("ServiceError", message)
    {
    }

    public FakeAwsException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public FakeAwsException(string errorCode, string message, HttpStatusCode status = HttpStatusCode.BadRequest)
        : base("fake", errorCode, message, null, status)
    {
    }

    /// <summary>Throttling after the client's own retries ran out (a 400 whose code says so).</summary>
    public static FakeAwsException Throttling(string operation) =>
        new("ThrottlingException", $"Rate exceeded ({operation})");

    /// <summary>A 5xx that outlasted the client's retries.</summary>
    public static FakeAwsException ServerError(string operation) =>
        new("InternalFailure", $"We encountered an internal error ({operation})", HttpStatusCode.InternalServerError);

    /// <summary>A refusal that no retry changes (missing permission).</summary>
    public static FakeAwsException AccessDenied(string operation) =>
        new("AccessDeniedException", $"User is not authorized to perform {operation}");
}
