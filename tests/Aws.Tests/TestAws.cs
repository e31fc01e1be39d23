using Wso2Serverless.Aws.Http;
using Wso2Serverless.Aws.Signing;
using Wso2Serverless.Domain.Ports;

namespace Wso2Serverless.Aws.Tests;

/// <summary>Clients pointed at a stand-in (moto or a stub) the way Lambda's environment would point them.</summary>
public static class TestAws
{
    public const string Region = "us-east-1";
    public const string Account = "123456789012";

    public static ICredentialSource Credentials { get; } = new StaticCredentialSource("testing", "testing");

    public static AwsEndpoints Endpoints(Uri endpoint) => new(name => name switch
    {
        "AWS_ENDPOINT_URL" => endpoint.ToString(),
        "AWS_REGION" => Region,
        _ => null,
    });

    /// <summary>Retries that never sleep; the waits they asked for are recorded.</summary>
    public static RetryOptions NoSleepRetry(List<TimeSpan>? delays = null, int maxAttempts = 5) => new()
    {
        MaxAttempts = maxAttempts,
        Jitter = static () => 1.0,
        Delay = (delay, _) =>
        {
            lock (delays ?? [])
            {
                delays?.Add(delay);
            }

            return Task.CompletedTask;
        },
    };

    public static HttpClient Http(AwsService service, Uri endpoint, RetryOptions? retry = null, IClock? clock = null) =>
        AwsHttp.CreateClient(service, Endpoints(endpoint), Credentials, retry ?? NoSleepRetry(), clock: clock);
}
