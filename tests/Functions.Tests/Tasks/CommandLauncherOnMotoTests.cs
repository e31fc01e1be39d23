using Wso2Serverless.Aws.DynamoDb;
using Wso2Serverless.Aws.Http;
using Wso2Serverless.Aws.Ssm;
using Wso2Serverless.Aws.Ssm.Model;
using Wso2Serverless.Domain.Model;
using Wso2Serverless.Domain.Ports;
using Wso2Serverless.Functions.Tasks;
using Wso2Serverless.Functions.Tests.Fakes;
using Wso2Serverless.StandIns.Http;
using Wso2Serverless.StandIns.Moto;

namespace Wso2Serverless.Functions.Tests.Tasks;

/// <summary>
/// #13 defect 2 on the real adapters (SSM and DynamoDB on moto): SendCommand's answer is lost
/// after SSM started the command. The client does not send it again; the launcher finds the command
/// by its comment and records it, so exactly one command exists and the claim names it.
/// </summary>
public sealed class CommandLauncherOnMotoTests(MotoFixture moto) : IClassFixture<MotoFixture>
{
    private readonly FakeWorld _world = new();

    [Fact]
    public async Task EnsureSent_WhenSendCommandsAnswerIsLost_StartsOneCommandAndRecordsIt()
    {
        var ct = TestContext.Current.CancellationToken;
        using var dynamo = MotoClients.DynamoDb(moto.Endpoint);
        var options = new PhaseStoreOptions { TableName = "phases-" + Guid.NewGuid().ToString("N")[..12] };
        await PhaseTable.CreateAsync(dynamo, options.TableName, ct);
        var lost = new LostAnswerHandler((operation, _) => operation == "SendCommand");
        using var reads = MotoClients.Ssm(moto.Endpoint);
        using var sender = MotoClients.Ssm(moto.Endpoint, RetryOptions.NoRetry, lost);
        var services = _world.Services with
        {
            Commands = new SsmCommandService(reads, sender),
            Deployments = new DynamoDeploymentStore(dynamo, options),
            Clock = Wso2Serverless.Domain.Ports.SystemClock.Instance,
        };
        var comment = CommandComments.For("dep-lost-" + Guid.NewGuid().ToString("N")[..6], PhaseNames.RunDatabaseScripts, 1);
        var input = new SendCommandInput
        {
            DocumentName = "AWS-RunShellScript",
            TargetTags = new Dictionary<string, string> { [SsmCommandService.InstanceIdsKey] = "i-0123456789abcdef0" },
            Parameters = new Dictionary<string, IReadOnlyList<string>> { ["commands"] = ["true"] },
            Comment = comment,
        };

        var (commandId, sent) = await new CommandLauncher(services).EnsureSentAsync("dep-lost", PhaseNames.RunDatabaseScripts, 1, input, ct);

        lost.Lost.Should().Equal("SendCommand");
        sent.Should().BeTrue();
        var listed = await reads.ListCommandsAsync(new ListCommandsRequest(), ct);
        listed.Commands!.Where(c => c.Comment == comment).Select(c => c.CommandId).Should().Equal(commandId);
        (await services.Deployments.ClaimCommandAsync("dep-lost", PhaseNames.RunDatabaseScripts, 1, DateTimeOffset.UtcNow, ct))
            .Should().Match<CommandClaim>(c => c.Status == CommandClaimStatus.AlreadySent && c.CommandId == commandId);
    }
}
