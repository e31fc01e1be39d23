using Wso2Serverless.Aws.Http;
using Wso2Serverless.Aws.Signing;

namespace Wso2Serverless.Aws.Sns;

/// <summary>SNS Publish over the Query protocol (API version 2010-03-31), named as AWSSDK.SimpleNotificationService.</summary>
public sealed class SnsClient
{
    public const string ApiVersion = "2010-03-31";

    private readonly QueryProtocolClient _query;

    public SnsClient(HttpClient http)
    {
        _query = new QueryProtocolClient(http, AwsService.Sns.SigningName, ApiVersion);
    }

    public static SnsClient Create(AwsEndpoints endpoints, ICredentialSource? credentials = null, RetryOptions? retry = null) =>
        new(AwsHttp.CreateClient(AwsService.Sns, endpoints, credentials, retry));

    public async Task<PublishResponse> PublishAsync(PublishRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var fields = new QueryParameters()
            .Add("TopicArn", request.TopicArn)
            .Add("Subject", request.Subject)
            .Add("Message", request.Message);
        var result = await _query.SendAsync("Publish", fields, cancellationToken).ConfigureAwait(false);
        return new PublishResponse { MessageId = result.Text("MessageId") ?? "" };
    }
}
