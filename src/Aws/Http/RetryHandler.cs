using System.Net;

namespace Wso2Serverless.Aws.Http;

/// <summary>
/// Retries what AWS says is worth retrying: throttling (429, or a 400 whose code says so), 5xx
/// and connection failures. Other client errors are answers, not accidents, and go straight back.
/// It sits outside the signing handler so every attempt carries a fresh signature.
/// </summary>
public sealed class RetryHandler(RetryOptions options) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            var last = attempt >= options.MaxAttempts;
            HttpResponseMessage response;
            try
            {
                response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
            }
            catch (HttpRequestException) when (!last && !cancellationToken.IsCancellationRequested)
            {
                // Our calls are idempotent by construction (client request tokens, execution
                // names, task tokens), so a request that may have gone out can go out again.
                await options.Delay(options.DelayFor(attempt), cancellationToken).ConfigureAwait(false);
                continue;
            }

            if (last || !await IsRetryableAsync(response, cancellationToken).ConfigureAwait(false))
            {
                return response;
            }

            response.Dispose();
            await options.Delay(options.DelayFor(attempt), cancellationToken).ConfigureAwait(false);
        }
    }

    internal static async Task<bool> IsRetryableAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var status = response.StatusCode;
        if (status is HttpStatusCode.TooManyRequests
            or HttpStatusCode.InternalServerError
            or HttpStatusCode.BadGateway
            or HttpStatusCode.ServiceUnavailable
            or HttpStatusCode.GatewayTimeout)
        {
            return true;
        }

        if (status != HttpStatusCode.BadRequest)
        {
            return false;
        }

        // Throttling on the Query and JSON services is a 400: only the code tells. The body is
        // buffered by this read, so the client can still parse it when it is not retried.
        var error = await AwsErrorParser.ReadAsync("retry", response, cancellationToken).ConfigureAwait(false);
        return error.IsThrottling;
    }
}
