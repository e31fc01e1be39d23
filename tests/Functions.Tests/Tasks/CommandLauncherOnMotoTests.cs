using Amazon.DynamoDBv2;
using Amazon.Runtime;
using Amazon.SimpleSystemsManagement;
using Amazon.SimpleSystemsManagement.Model;
using Wso2Serverless.Aws.DynamoDb;
using Wso2Serverless.Aws.Ssm;
using Wso2Serverless.Domain.Model;
using Wso2Serverless.Domain.Ports;
using Wso2Serverless.Functions.Tasks;
using Wso2Serverless.Functions.Tests.Fakes;
using Wso2Serverless.StandIns.Http;

namespace Wso2Serverless.Functions.Tests.Tasks;

/// <summary>
/// #13 defect 2 on the real adapters (SSM and DynamoDB on moto): SendCommand's answer is lost
/// after SSM started the command. The SDK does not send it again; the launcher finds the command
/// by its comment and records it, so exactly one command exists and the claim names it.
/// </summary>
public sealed class CommandLauncherOnMotoTests(MotoFixture moto) : IClassFixture<MotoFixture>
{
    private static readonly BasicAWSCredentials Credentials = new("testing", "testing");
    private readonly FakeWorld _world = new();

    private AmazonSimpleSystemsManagementConfig SsmConfig() => new() { ServiceURL = moto.Endpoint.ToString(), AuthenticationRegion = "us-east-1" };

    [Fact]
    public async Task EnsureSent_WhenSendCommandsAnswerIsLost_StartsOneCommandAndRecordsIt()
    {
        var ct = TestContext.Current.CancellationToken;
        using var dynamo = new AmazonDynamoDBClient(Credentials, new AmazonDynamoDBConfig { ServiceURL = moto.Endpoint.ToString(), AuthenticationRegion = "us-east-1" });
        var options = new PhaseStoreOptions { TableName = "phases-" + Guid.NewGuid().ToString("N")[..12] };
        await PhaseTable.CreateAsync(dynamo, options.TableName, ct);
        var lost = new LostAnswerHandler((operation, _) => operation == "SendCommand");
        var senderConfig = SsmClients.NoRetry(SsmConfig());
        senderConfig.HttpClientFactory = SdkHttpClientFactory.Through(lost);
        using var reads = new AmazonSimpleSystemsManagementClient(Credentials, SsmConfig());
        using var sender = new AmazonSimpleSystemsManagementClient(Credentials, senderConfig);
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
        listed.Commands.Where(c => c.Comment == comment).Select(c => c.CommandId).Should().Equal(commandId);
        (await services.Deployments.ClaimCommandAsync("dep-lost", PhaseNames.RunDatabaseScripts, 1, DateTimeOffset.UtcNow, ct))
            .Should().Match<CommandClaim>(c => c.Status == CommandClaimStatus.AlreadySent && c.CommandId == commandId);
    }
}
