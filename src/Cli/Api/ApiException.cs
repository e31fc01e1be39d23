using System.Net;

namespace Wso2Serverless.Cli.Api;

/// <summary>The API answered with an error: its status, the problem document when it sent one, and the raw body.</summary>
public sealed class ApiProblemException(HttpStatusCode status, Problem? problem, string? gatewayMessage, string body)
    : Exception(Describe(status, problem, gatewayMessage))
{
    public HttpStatusCode Status { get; } = status;
    public Problem? Problem { get; } = problem;
    /// <summary>API Gateway's own message (403 signature refusals, 404 with no route).</summary>
    public string? GatewayMessage { get; } = gatewayMessage;
    public string Body { get; } = body;

    private static string Describe(HttpStatusCode status, Problem? problem, string? gatewayMessage) =>
        problem is not null
            ? $"{(int)status} {problem.Title}{(problem.Detail is { Length: > 0 } d ? " " + d : "")}"
            : $"{(int)status} {gatewayMessage ?? status.ToString()}";
}

/// <summary>No answer at all: the connection failed, timed out, or credentials could not be had.</summary>
public sealed class ApiUnavailableException(string message, Exception? inner = null) : Exception(message, inner);
