using Amazon.EC2;
using Wso2Serverless.Aws.Ssm;
using Wso2Serverless.Aws.Ssm.Model;

namespace Wso2Serverless.Aws.Tests.Ssm;

/// <summary>Our SSM client on moto: the modelled errors the command service tells apart, and SSM's epoch-second times.</summary>
public sealed class SsmClientTests(MotoFixture moto) : IClassFixture<MotoFixture>, IDisposable
{
    private readonly SsmClient _ssm = MotoSsm.Client(moto);
    private readonly IAmazonEC2 _ec2 = MotoSsm.Ec2(moto);
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose()
    {
        _ssm.Dispose();
        _ec2.Dispose();
    }

    private async Task<(string CommandId, string InstanceId)> SendAsync()
    {
        var instance = (await MotoSsm.RunTaggedAsync(_ec2, 1, new Dictionary<string, string> { ["wso2:environment"] = "client-env" }))[0];
        var sent = await _ssm.SendCommandAsync(new SendCommandRequest
        {
            DocumentName = "AWS-RunShellScript",
            InstanceIds = [instance],
            Parameters = new() { ["commands"] = ["true"] },
            Comment = "client test",
        }, Ct);
        return (sent.Command!.CommandId, instance);
    }

    [Fact]
    public async Task SendCommand_ThenListCommands_ReadsItBackWithItsUtcRequestTime()
    {
        var before = DateTime.UtcNow.AddMinutes(-1);
        var (commandId, instance) = await SendAsync();

        var listed = (await _ssm.ListCommandsAsync(new ListCommandsRequest { CommandId = commandId }, Ct)).Commands!.Single();

        listed.Comment.Should().Be("client test");
        listed.InstanceIds.Should().Contain(instance, "moto adds every instance it has to a command sent by id");
        listed.RequestedDateTime!.Value.Kind.Should().Be(DateTimeKind.Utc);
        listed.RequestedDateTime.Value.Should().BeAfter(before).And.BeBefore(DateTime.UtcNow.AddMinutes(1));
    }

    [Fact]
    public async Task ListCommands_OfAnUnknownId_IsInvalidCommandId()
    {
        var act = () => _ssm.ListCommandsAsync(new ListCommandsRequest { CommandId = "e8d3c0e4-71f7-4491-898f-c9b35bee5f3b" }, Ct);

        await act.Should().ThrowAsync<InvalidCommandIdException>();
    }

    [Fact]
    public async Task GetCommandInvocation_OnAnInstanceTheCommandDidNotTarget_IsInvocationDoesNotExist()
    {
        var (commandId, _) = await SendAsync();

        var act = () => _ssm.GetCommandInvocationAsync(new GetCommandInvocationRequest { CommandId = commandId, InstanceId = "i-00000000000000000" }, Ct);

        await act.Should().ThrowAsync<InvocationDoesNotExistException>();
    }

    [Fact]
    public async Task GetCommandInvocation_ReadsStatusAndExitCode()
    {
        var (commandId, instance) = await SendAsync();

        var invocation = await _ssm.GetCommandInvocationAsync(new GetCommandInvocationRequest { CommandId = commandId, InstanceId = instance }, Ct);

        invocation.Status.Should().Be(CommandStatus.Success);
        invocation.ResponseCode.Should().Be(0);
    }
}
