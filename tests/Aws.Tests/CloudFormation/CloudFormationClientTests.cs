using Wso2Serverless.Aws.CloudFormation;
using Wso2Serverless.Aws.CloudFormation.Model;
using Wso2Serverless.Aws.Http;

namespace Wso2Serverless.Aws.Tests.CloudFormation;

/// <summary>The CloudFormation client against moto_server: the real Query wire format both ways.</summary>
public sealed class CloudFormationClientTests(MotoFixture moto) : IClassFixture<MotoFixture>
{
    private readonly CloudFormationClient _client = new(TestAws.Http(AwsService.CloudFormation, moto.Endpoint));

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static string NewName() => "cfn-" + Guid.NewGuid().ToString("N")[..10];

    private static CreateStackRequest Request(string name) => new()
    {
        StackName = name,
        TemplateBody = TinyTemplate.Body,
        Parameters =
        [
            new Parameter { ParameterKey = "EnvironmentName", ParameterValue = "prod" },
            new Parameter { ParameterKey = "DbPassword", ParameterValue = "not-a-real-secret" },
        ],
        Tags = [new Tag { Key = "wso2:environment", Value = "prod" }, new Tag { Key = "wso2:deployment", Value = "d-1" }],
        Capabilities = ["CAPABILITY_IAM"],
        ClientRequestToken = "token-" + name,
        OnFailure = "ROLLBACK",
        TimeoutInMinutes = 30,
    };

    [Fact]
    public async Task CreateStack_ThenDescribe_ReadsStatusOutputsParametersAndTags()
    {
        var name = NewName();

        var created = await _client.CreateStackAsync(Request(name), Ct);
        var described = await _client.DescribeStacksAsync(new DescribeStacksRequest { StackName = name }, Ct);

        created.StackId.Should().StartWith("arn:aws:cloudformation:us-east-1:").And.Contain($":stack/{name}/");
        var stack = described.Stacks.Should().ContainSingle().Subject;
        stack.StackId.Should().Be(created.StackId);
        stack.StackName.Should().Be(name);
        stack.StackStatus.Should().Be("CREATE_COMPLETE");
        stack.CreationTime.Should().NotBeNull();
        stack.Outputs.Single(o => o.OutputKey == "Environment").OutputValue.Should().Be("prod");
        stack.Outputs.Single(o => o.OutputKey == "TopicArn").OutputValue.Should().Be($"arn:aws:sns:us-east-1:{TestAws.Account}:{name}-topic");
        stack.Parameters.Single(p => p.ParameterKey == "EnvironmentName").ParameterValue.Should().Be("prod");
        stack.Tags.Select(static t => (t.Key, t.Value)).Should().BeEquivalentTo([("wso2:environment", "prod"), ("wso2:deployment", "d-1")]);
    }

    [Fact]
    public async Task CreateStack_SameNameTwiceWithAnotherToken_IsAlreadyExists()
    {
        var name = NewName();
        await _client.CreateStackAsync(Request(name), Ct);
        var again = Request(name);
        again.ClientRequestToken = "another-token";

        var act = () => _client.CreateStackAsync(again, Ct);

        var error = (await act.Should().ThrowAsync<AwsServiceException>()).Which;
        error.Code.Should().Be(AwsErrorCodes.AlreadyExists);
        error.Service.Should().Be("cloudformation");
        error.Message.Should().NotContain("not-a-real-secret");
    }

    [Fact]
    public async Task CreateStack_WithMissingParameter_IsAValidationErrorWithoutTheRequestBody()
    {
        var request = Request(NewName());
        request.Parameters.RemoveAt(1);
        request.Tags.Add(new Tag { Key = "note", Value = "not-a-real-secret" });

        var act = () => _client.CreateStackAsync(request, Ct);

        var error = (await act.Should().ThrowAsync<AwsServiceException>()).Which;
        error.Code.Should().Be(AwsErrorCodes.ValidationError);
        error.ServiceMessage.Should().Contain("DbPassword");
        error.IsStackNotFound.Should().BeFalse();
        error.Message.Should().NotContain("not-a-real-secret");
    }

    [Fact]
    public async Task DescribeStacks_MissingStack_IsStackNotFound()
    {
        var act = () => _client.DescribeStacksAsync(new DescribeStacksRequest { StackName = "no-such-stack" }, Ct);

        var error = (await act.Should().ThrowAsync<AwsServiceException>()).Which;
        error.Code.Should().Be(AwsErrorCodes.ValidationError);
        error.IsStackNotFound.Should().BeTrue();
        error.ServiceMessage.Should().Contain("no-such-stack");
    }

    [Fact]
    // moto records only the stack's own events (no per-resource ones); AWS adds the resources'.
    public async Task DescribeStackEvents_AfterCreate_HasTheStacksLifecycle()
    {
        var name = NewName();
        var created = await _client.CreateStackAsync(Request(name), Ct);

        var events = await _client.DescribeAllStackEventsAsync(name, Ct);

        events.Should().NotBeEmpty();
        events.Should().OnlyContain(e => e.StackId == created.StackId && e.StackName == name && e.EventId.Length > 0);
        events[0].LogicalResourceId.Should().Be(name);
        events[0].ResourceType.Should().Be("AWS::CloudFormation::Stack");
        events[0].ResourceStatus.Should().Be("CREATE_COMPLETE");
        events.Should().Contain(e => e.ResourceStatus == "CREATE_IN_PROGRESS" && e.ResourceStatusReason == "User Initiated");
        events.Should().BeInDescendingOrder(static e => e.Timestamp);
        events.Should().OnlyContain(e => e.Timestamp > DateTimeOffset.UtcNow.AddHours(-1));
    }

    [Fact]
    public async Task DeleteStack_ThenDescribeById_IsDeleteComplete()
    {
        var name = NewName();
        var created = await _client.CreateStackAsync(Request(name), Ct);

        await _client.DeleteStackAsync(new DeleteStackRequest { StackName = name, ClientRequestToken = "delete-" + name }, Ct);

        var byId = await _client.DescribeStacksAsync(new DescribeStacksRequest { StackName = created.StackId }, Ct);
        byId.Stacks.Should().ContainSingle().Which.StackStatus.Should().Be("DELETE_COMPLETE");
    }

    [Fact]
    public async Task GetTemplateSummary_ReadsParameterDeclarations()
    {
        var summary = await _client.GetTemplateSummaryAsync(new GetTemplateSummaryRequest { TemplateBody = TinyTemplate.Body }, Ct);

        var environment = summary.Parameters.Single(p => p.ParameterKey == "EnvironmentName");
        environment.ParameterType.Should().Be("String");
        environment.DefaultValue.Should().Be("dev");
        environment.Description.Should().Be("Which environment");
        environment.ParameterConstraints.AllowedValues.Should().Equal("dev", "prod");
        environment.NoEcho.Should().BeFalse();
        var password = summary.Parameters.Single(p => p.ParameterKey == "DbPassword");
        password.NoEcho.Should().BeTrue();
        password.DefaultValue.Should().BeNull();
        summary.Description.Should().Be("contract test stack");
    }

    [Fact]
    public async Task GetTemplateSummary_WithMalformedTemplate_IsATypedError()
    {
        var act = () => _client.GetTemplateSummaryAsync(new GetTemplateSummaryRequest { TemplateBody = "{ not json" }, Ct);

        await act.Should().ThrowAsync<AwsServiceException>();
    }
}
