using System.Net;
using System.Text;

namespace Wso2Serverless.StandIns.Http;

/// <summary>What one AWS request meets on its way (chaos): nothing, a refusal before it reaches the service, or an answer lost after it was applied.</summary>
public enum HttpFault
{
    None,
    /// <summary>400 ThrottlingException ("Rate exceeded"); the request never reached the service.</summary>
    Throttle,
    /// <summary>500 before the service did anything.</summary>
    ServerError,
    /// <summary>The service applied the request; the caller gets a 500 instead of its answer.</summary>
    LostAnswer,
}

/// <summary>
/// Disturbs the requests a real AWS client sends (JSON protocol: DynamoDB, Step Functions), one
/// decision per request attempt, so the client's own retries and the code above them meet what
/// AWS documents: throttling, 5xx, and indeterminate results. Every attempt also counts towards
/// the ambient <see cref="InvocationCrash"/>.
/// </summary>
public sealed class FaultInjectionHandler(string service, Func<string, string, HttpFault> decide) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var operation = AwsOperation.Of(request);
        InvocationCrash.Count($"{service} {operation}");
        switch (decide(service, operation))
        {
            case HttpFault.Throttle:
                return Error(request, (HttpStatusCode)400, "ThrottlingException", "Rate exceeded (injected)");
            case HttpFault.ServerError:
                return Error(request, HttpStatusCode.InternalServerError, "InternalServerError", "Internal server error (injected)");
            case HttpFault.LostAnswer:
                using (var applied = await base.SendAsync(request, cancellationToken).ConfigureAwait(false))
                {
                    await applied.Content.LoadIntoBufferAsync(cancellationToken).ConfigureAwait(false);
                }

                return Error(request, HttpStatusCode.InternalServerError, "InternalServerError", "answer lost after the request was applied (injected)");
            default:
                return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        }
    }

    private static HttpResponseMessage Error(HttpRequestMessage request, HttpStatusCode status, string type, string message)
    {
        var response = new HttpResponseMessage(status)
        {
            RequestMessage = request,
            Content = new StringContent($$"""{"__type":"{{type}}","message":"{{message}}"}""", Encoding.UTF8, "application/x-amz-json-1.0"),
        };
        response.Headers.TryAddWithoutValidation("x-amzn-RequestId", Guid.Empty.ToString());
        return response;
    }
}
