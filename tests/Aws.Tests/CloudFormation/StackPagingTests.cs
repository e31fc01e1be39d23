using Wso2Serverless.Aws.CloudFormation;
using Wso2Serverless.Aws.Http;
using Wso2Serverless.Aws.Tests.Http;
using Wso2Serverless.Domain.Ports;

namespace Wso2Serverless.Aws.Tests.CloudFormation;

/// <summary>
/// What moto does not do: it never pages stack events and does not record request tokens on
/// them. A stub plays CloudFormation's documented XML for those.
/// </summary>
public sealed class StackPagingTests
{
    private const string Xmlns = "http://cloudformation.amazonaws.com/doc/2010-05-15/";
    private const string StackId = "arn:aws:cloudformation:us-east-1:123456789012:stack/env/abc";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static string Event(string id, string logical, string status, string time, string? token = null) => $"""
        <member>
          <EventId>{id}</EventId><StackId>{StackId}</StackId><StackName>env</StackName>
          <LogicalResourceId>{logical}</LogicalResourceId><ResourceType>AWS::EC2::Instance</ResourceType>
          <Timestamp>{time}</Timestamp><ResourceStatus>{status}</ResourceStatus>
          {(token is null ? "" : $"<ClientRequestToken>{token}</ClientRequestToken>")}
        </member>
        """;

    private static string Page(string events, string? next) => $"""
        <DescribeStackEventsResponse xmlns="{Xmlns}">
          <DescribeStackEventsResult>
            <StackEvents>{events}</StackEvents>
            {(next is null ? "" : $"<NextToken>{next}</NextToken>")}
          </DescribeStackEventsResult>
          <ResponseMetadata><RequestId>r</RequestId></ResponseMetadata>
        </DescribeStackEventsResponse>
        """;

    [Fact]
    public async Task DescribeStackEvents_FollowsNextTokenThroughEveryPage()
    {
        await using var stub = new StubServer()
            .Then(200, Page(Event("e3", "Node", "CREATE_FAILED", "2026-01-01T00:00:03Z"), "page-2"), "text/xml")
            .Then(200, Page(Event("e2", "Node", "CREATE_IN_PROGRESS", "2026-01-01T00:00:02Z"), "page-3"), "text/xml")
            .Then(200, Page(Event("e1", "env", "CREATE_IN_PROGRESS", "2026-01-01T00:00:01Z"), null), "text/xml");
        var stacks = new CloudFormationStackService(new CloudFormationClient(TestAws.Http(AwsService.CloudFormation, stub.Endpoint)));

        var events = await stacks.DescribeStackEventsAsync("env", Ct);

        events.Select(static e => e.EventId).Should().Equal("e3", "e2", "e1");
        events[0].Should().Be(new StackEvent("e3", "Node", "AWS::EC2::Instance", "CREATE_FAILED", null, new DateTimeOffset(2026, 1, 1, 0, 0, 3, TimeSpan.Zero)));
        stub.Received.Select(static r => r.Body).Should().SatisfyRespectively(
            first => first.Should().Be("Action=DescribeStackEvents&Version=2010-05-15&StackName=env"),
            second => second.Should().EndWith("&NextToken=page-2"),
            third => third.Should().EndWith("&NextToken=page-3"));
    }

    [Fact]
    public async Task CreateStack_WhenAlreadyExistsFromOurOwnToken_ReturnsThatStack()
    {
        await using var stub = new StubServer()
            .Then(400, $"""<ErrorResponse xmlns="{Xmlns}"><Error><Type>Sender</Type><Code>AlreadyExistsException</Code><Message>Stack [env] already exists</Message></Error><RequestId>r</RequestId></ErrorResponse>""", "text/xml")
            .Then(200, Page(Event("e1", "env", "CREATE_IN_PROGRESS", "2026-01-01T00:00:01Z", "our-token"), null), "text/xml");
        var stacks = new CloudFormationStackService(new CloudFormationClient(TestAws.Http(AwsService.CloudFormation, stub.Endpoint)));

        var id = await stacks.CreateStackAsync(Input("our-token"), Ct);

        id.Should().Be(StackId);
    }

    [Fact]
    public async Task CreateStack_WhenAlreadyExistsFromAnotherToken_Throws()
    {
        await using var stub = new StubServer()
            .Then(400, $"""<ErrorResponse xmlns="{Xmlns}"><Error><Code>AlreadyExistsException</Code><Message>Stack [env] already exists</Message></Error></ErrorResponse>""", "text/xml")
            .Then(200, Page(Event("e1", "env", "CREATE_IN_PROGRESS", "2026-01-01T00:00:01Z", "their-token"), null), "text/xml");
        var stacks = new CloudFormationStackService(new CloudFormationClient(TestAws.Http(AwsService.CloudFormation, stub.Endpoint)));

        var act = () => stacks.CreateStackAsync(Input("our-token"), Ct);

        (await act.Should().ThrowAsync<AwsServiceException>()).Which.Code.Should().Be(AwsErrorCodes.AlreadyExists);
    }

    [Fact]
    public async Task CreateStack_SendsEveryQueryMemberTheApiNames()
    {
        await using var stub = new StubServer()
            .Then(200, $"""<CreateStackResponse xmlns="{Xmlns}"><CreateStackResult><StackId>{StackId}</StackId></CreateStackResult></CreateStackResponse>""", "text/xml");
        var stacks = new CloudFormationStackService(new CloudFormationClient(TestAws.Http(AwsService.CloudFormation, stub.Endpoint)), "arn:aws:iam::123456789012:role/cfn");

        await stacks.CreateStackAsync(Input("tok") with { TimeoutInMinutes = 45, NotificationArns = ["arn:aws:sns:us-east-1:1:t"] }, Ct);

        var fields = stub.Received.Single().Body.Split('&').Select(Uri.UnescapeDataString).ToList();
        fields.Should().ContainInOrder("Action=CreateStack", "Version=2010-05-15", "StackName=env");
        fields.Should().Contain(
        [
            "TemplateURL=https://bucket.s3.amazonaws.com/pattern-1.yaml",
            "Parameters.member.1.ParameterKey=EnvironmentName",
            "Parameters.member.1.ParameterValue=dev",
            "Tags.member.1.Key=wso2:environment",
            "Tags.member.1.Value=dev",
            "Capabilities.member.1=CAPABILITY_IAM",
            "Capabilities.member.2=CAPABILITY_NAMED_IAM",
            "NotificationARNs.member.1=arn:aws:sns:us-east-1:1:t",
            "ClientRequestToken=tok",
            "OnFailure=ROLLBACK",
            "TimeoutInMinutes=45",
            "RoleARN=arn:aws:iam::123456789012:role/cfn",
        ]);
        fields.Should().NotContain(static f => f.StartsWith("TemplateBody", StringComparison.Ordinal));
        stub.Received.Single().Headers["content-type"].Should().StartWith("application/x-www-form-urlencoded");
    }

    private static CreateStackInput Input(string token) => new()
    {
        StackName = "env",
        TemplateUrl = "https://bucket.s3.amazonaws.com/pattern-1.yaml",
        Parameters = new Dictionary<string, string> { ["EnvironmentName"] = "dev" },
        Tags = new Dictionary<string, string> { ["wso2:environment"] = "dev" },
        ClientRequestToken = token,
    };
}
