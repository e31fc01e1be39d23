using Wso2Serverless.Aws.CloudFormation;
using Wso2Serverless.Aws.Http;
using Wso2Serverless.Domain.Ports;

namespace Wso2Serverless.Aws.Tests.CloudFormation;

/// <summary>The <see cref="IStackService"/> adapter against moto_server.</summary>
public sealed class StackServiceTests(MotoFixture moto) : IClassFixture<MotoFixture>
{
    private readonly CloudFormationStackService _stacks = new(new CloudFormationClient(TestAws.Http(AwsService.CloudFormation, moto.Endpoint)));

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static CreateStackInput Input(string name, string token = "tok") => new()
    {
        StackName = name,
        TemplateBody = TinyTemplate.Body,
        Parameters = new Dictionary<string, string> { ["EnvironmentName"] = "dev", ["DbPassword"] = "x" },
        Tags = new Dictionary<string, string> { ["wso2:deployment"] = "d-7" },
        ClientRequestToken = token,
    };

    [Fact]
    public async Task DescribeStack_WhenMissing_IsNull()
    {
        (await _stacks.DescribeStackAsync("never-created", Ct)).Should().BeNull();
    }

    [Fact]
    public async Task CreateStack_ThenDescribe_GivesOutputsParametersAndTagsAsMaps()
    {
        var name = "svc-" + Guid.NewGuid().ToString("N")[..8];

        var id = await _stacks.CreateStackAsync(Input(name), Ct);
        var stack = await _stacks.DescribeStackAsync(id, Ct);

        stack.Should().NotBeNull();
        stack!.StackId.Should().Be(id);
        stack.Status.Should().Be("CREATE_COMPLETE");
        stack.Outputs["Environment"].Should().Be("dev");
        stack.Parameters["EnvironmentName"].Should().Be("dev");
        stack.Tags["wso2:deployment"].Should().Be("d-7");
    }

    [Fact]
    public async Task CreateStack_WhenNameTakenByAnotherRequest_ThrowsAlreadyExists()
    {
        var name = "svc-" + Guid.NewGuid().ToString("N")[..8];
        await _stacks.CreateStackAsync(Input(name, "first"), Ct);

        var act = () => _stacks.CreateStackAsync(Input(name, "second"), Ct);

        (await act.Should().ThrowAsync<AwsServiceException>()).Which.Code.Should().Be(AwsErrorCodes.AlreadyExists);
    }

    [Fact]
    public async Task DeleteStack_ThenDescribeByName_IsNull()
    {
        var name = "svc-" + Guid.NewGuid().ToString("N")[..8];
        var id = await _stacks.CreateStackAsync(Input(name), Ct);

        await _stacks.DeleteStackAsync(name, "delete-1", Ct);

        (await _stacks.DescribeStackAsync(name, Ct)).Should().BeNull();
        (await _stacks.DescribeStackAsync(id, Ct))!.Status.Should().Be("DELETE_COMPLETE");
    }

    [Fact]
    public async Task DescribeStackEvents_ReturnsThemNewestFirst()
    {
        var name = "svc-" + Guid.NewGuid().ToString("N")[..8];
        await _stacks.CreateStackAsync(Input(name), Ct);

        var events = await _stacks.DescribeStackEventsAsync(name, Ct);

        events.Should().HaveCountGreaterThanOrEqualTo(2);
        events[0].ResourceStatus.Should().Be("CREATE_COMPLETE");
        events.Should().BeInDescendingOrder(static e => e.Timestamp);
    }

    [Fact]
    public async Task GetTemplateSummary_MapsToTemplateParameters()
    {
        var summary = await _stacks.GetTemplateSummaryAsync(null, TinyTemplate.Body, Ct);

        summary.Parameters.Should().ContainEquivalentOf(new TemplateParameter("EnvironmentName", "String", "dev", false, ["dev", "prod"], "Which environment"));
        summary.Parameters.Single(p => p.Name == "DbPassword").NoEcho.Should().BeTrue();
    }
}
