using System.Net;

namespace Wso2Serverless.Runtime;

/// <summary>The Runtime API answered with a status the runtime cannot carry on from silently.</summary>
public sealed class RuntimeApiException : Exception
{
    public RuntimeApiException()
    {
    }

    public RuntimeApiException(string message)
        : base(message)
    {
    }

    public RuntimeApiException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public RuntimeApiException(string message, HttpStatusCode statusCode)
        : base(message) => StatusCode = statusCode;

    public HttpStatusCode? StatusCode { get; }
}
