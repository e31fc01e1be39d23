using Wso2Serverless.Aws;
using Wso2Serverless.Aws.DynamoDb;
using Wso2Serverless.Aws.Http;
using Wso2Serverless.Aws.Signing;
using Wso2Serverless.Aws.Ssm;

namespace Wso2Serverless.StandIns.Moto;

/// <summary>
/// The project's own DynamoDB and SSM clients pointed at a moto endpoint (moto routes by the
/// credential scope and checks no signature), optionally with a handler of ours (counting,
/// losing answers) between the client and the wire.
/// </summary>
public static class MotoClients
{
    public const string Region = "us-east-1";

    public static StaticCredentialSource Credentials { get; } = new("testing", "testing");

    public static DynamoDbClient DynamoDb(Uri endpoint, DelegatingHandler? handler = null) =>
        DynamoDbClient.Create(AwsEndpoints.Emulated(endpoint, Region), Credentials, transport: Wire(handler));

    /// <param name="retry">As production builds each client: the default for reads, <see cref="RetryOptions.NoRetry"/> for SendCommand.</param>
    public static SsmClient Ssm(Uri endpoint, RetryOptions? retry = null, DelegatingHandler? handler = null) =>
        SsmClient.Create(AwsEndpoints.Emulated(endpoint, Region), Credentials, retry, Wire(handler));

    private static DelegatingHandler? Wire(DelegatingHandler? handler)
    {
        if (handler is not null)
        {
            handler.InnerHandler = new SocketsHttpHandler();
        }

        return handler;
    }
}
