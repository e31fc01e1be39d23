using System.Globalization;
using System.Xml.Linq;
using Wso2Serverless.Aws.ElasticLoadBalancing.Model;
using Wso2Serverless.Aws.Http;

namespace Wso2Serverless.Aws.ElasticLoadBalancing;

/// <summary>
/// The Elastic Load Balancing v2 operations Verify calls, over the Query protocol (API version
/// 2015-12-01, signed as <c>elasticloadbalancing</c>). Names follow AWSSDK.ElasticLoadBalancingV2.
/// </summary>
public sealed class ElasticLoadBalancingClient
{
    public const string ApiVersion = "2015-12-01";

    private readonly QueryProtocolClient _query;

    public ElasticLoadBalancingClient(HttpClient http)
    {
        _query = new QueryProtocolClient(http, AwsService.ElasticLoadBalancingV2.SigningName, ApiVersion);
    }

    public static ElasticLoadBalancingClient Create(AwsEndpoints endpoints, Signing.ICredentialSource? credentials = null, RetryOptions? retry = null) =>
        new(AwsHttp.CreateClient(AwsService.ElasticLoadBalancingV2, endpoints, credentials, retry));

    public async Task<DescribeTargetHealthResponse> DescribeTargetHealthAsync(DescribeTargetHealthRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var result = await _query.SendAsync("DescribeTargetHealth", new QueryParameters().Add("TargetGroupArn", request.TargetGroupArn), cancellationToken).ConfigureAwait(false);
        return new DescribeTargetHealthResponse
        {
            TargetHealthDescriptions = [.. result.Members("TargetHealthDescriptions").Select(static m => new TargetHealthDescription
            {
                Target = new TargetDescription
                {
                    Id = m.Child("Target").Text("Id") ?? "",
                    Port = Int(m.Child("Target").Text("Port")),
                    AvailabilityZone = m.Child("Target").Text("AvailabilityZone"),
                },
                HealthCheckPort = m.Text("HealthCheckPort"),
                TargetHealth = new TargetHealth
                {
                    State = m.Child("TargetHealth").Text("State") ?? "",
                    Reason = m.Child("TargetHealth").Text("Reason"),
                    Description = m.Child("TargetHealth").Text("Description"),
                },
            })],
        };
    }

    public async Task<DescribeTargetGroupsResponse> DescribeTargetGroupsAsync(DescribeTargetGroupsRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var fields = new QueryParameters().AddList("TargetGroupArns", request.TargetGroupArns).Add("Marker", request.Marker);
        var result = await _query.SendAsync("DescribeTargetGroups", fields, cancellationToken).ConfigureAwait(false);
        return new DescribeTargetGroupsResponse
        {
            TargetGroups = [.. result.Members("TargetGroups").Select(ReadTargetGroup)],
            NextMarker = Marker(result),
        };
    }

    public async Task<DescribeListenersResponse> DescribeListenersAsync(DescribeListenersRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var fields = new QueryParameters().AddList("ListenerArns", request.ListenerArns).Add("Marker", request.Marker);
        var result = await _query.SendAsync("DescribeListeners", fields, cancellationToken).ConfigureAwait(false);
        return new DescribeListenersResponse
        {
            Listeners = [.. result.Members("Listeners").Select(static m => new Listener
            {
                ListenerArn = m.Text("ListenerArn") ?? "",
                LoadBalancerArn = m.Text("LoadBalancerArn"),
                Port = Int(m.Text("Port")),
                Protocol = m.Text("Protocol"),
                Certificates = [.. m.Members("Certificates").Select(static c => new Certificate { CertificateArn = c.Text("CertificateArn") ?? "", IsDefault = c.Bool("IsDefault") })],
            })],
            NextMarker = Marker(result),
        };
    }

    private static TargetGroup ReadTargetGroup(XElement m) => new()
    {
        TargetGroupArn = m.Text("TargetGroupArn") ?? "",
        TargetGroupName = m.Text("TargetGroupName") ?? "",
        Protocol = m.Text("Protocol"),
        Port = Int(m.Text("Port")),
        HealthCheckProtocol = m.Text("HealthCheckProtocol"),
        HealthCheckPort = m.Text("HealthCheckPort"),
        HealthCheckPath = m.Text("HealthCheckPath"),
        HealthCheckIntervalSeconds = Int(m.Text("HealthCheckIntervalSeconds")),
        HealthyThresholdCount = Int(m.Text("HealthyThresholdCount")),
        UnhealthyThresholdCount = Int(m.Text("UnhealthyThresholdCount")),
        MatcherHttpCode = m.Child("Matcher").Text("HttpCode"),
    };

    private static int? Int(string? text) => int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? value : null;

    private static string? Marker(XElement? result) => result.Text("NextMarker") is { Length: > 0 } marker ? marker : null;
}
