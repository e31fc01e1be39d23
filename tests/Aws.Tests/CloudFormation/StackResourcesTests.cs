using Wso2Serverless.Aws.CloudFormation;
using Wso2Serverless.Aws.CloudFormation.Model;
using Wso2Serverless.Aws.Tests.Http;

namespace Wso2Serverless.Aws.Tests.CloudFormation;

/// <summary>ListStackResources: against moto for the wire format, against a stub for paging (moto never pages).</summary>
public sealed class StackResourcesTests(MotoFixture moto) : IClassFixture<MotoFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ListStackResources_GivesEachResourcesLogicalAndPhysicalIdAndType()
    {
        var client = new CloudFormationClient(TestAws.Http(AwsService.CloudFormation, moto.Endpoint));
        var name = "res-" + Guid.NewGuid().ToString("N")[..8];
        var stackId = (await client.CreateStackAsync(new CreateStackRequest
        {
            StackName = name,
            TemplateBody = TinyTemplate.Body,
            Parameters = [new Parameter { ParameterKey = "DbPassword", ParameterValue = "x" }],
        }, Ct)).StackId;

        var resources = await client.ListAllStackResourcesAsync(stackId, Ct);

        resources.Select(r => (r.LogicalResourceId, r.ResourceType, r.ResourceStatus)).Should().BeEquivalentTo(new[]
        {
            ("Topic", "AWS::SNS::Topic", "CREATE_COMPLETE"),
            ("Queue", "AWS::SQS::Queue", "CREATE_COMPLETE"),
        });
        resources.Single(r => r.LogicalResourceId == "Topic").PhysicalResourceId.Should().StartWith("arn:aws:sns:").And.EndWith($"{name}-topic");
    }

    [Fact]
    public async Task ListAllStackResources_FollowsNextToken()
    {
        static string Page(string logical, string? next) => $"""
            <ListStackResourcesResponse xmlns="http://cloudformation.amazonaws.com/doc/2010-05-15/">
              <ListStackResourcesResult>
                <StackResourceSummaries><member>
                  <LogicalResourceId>{logical}</LogicalResourceId><PhysicalResourceId>arn:{logical}</PhysicalResourceId>
                  <ResourceType>AWS::ElasticLoadBalancingV2::TargetGroup</ResourceType><ResourceStatus>CREATE_COMPLETE</ResourceStatus>
                </member></StackResourceSummaries>
                {(next is null ? "" : $"<NextToken>{next}</NextToken>")}
              </ListStackResourcesResult>
            </ListStackResourcesResponse>
            """;
        await using var stub = new StubServer().Then(200, Page("A", "p2"), "text/xml").Then(200, Page("B", null), "text/xml");
        var client = new CloudFormationClient(TestAws.Http(AwsService.CloudFormation, stub.Endpoint));

        var resources = await client.ListAllStackResourcesAsync("env", Ct);

        resources.Select(r => r.PhysicalResourceId).Should().Equal("arn:A", "arn:B");
        stub.Received.Select(r => r.Body).Should().Equal("Action=ListStackResources&Version=2010-05-15&StackName=env", "Action=ListStackResources&Version=2010-05-15&StackName=env&NextToken=p2");
    }
}
