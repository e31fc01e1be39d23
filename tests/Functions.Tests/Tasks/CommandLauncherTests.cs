using Wso2Serverless.Domain.Model;
using Wso2Serverless.Domain.Ports;
using Wso2Serverless.Functions.Tasks;
using Wso2Serverless.Functions.Tests.Fakes;

namespace Wso2Serverless.Functions.Tests.Tasks;

public class CommandLauncherTests
{
    private const string DeploymentId = "dep-1";
    private readonly FakeWorld _world = new();

    public CommandLauncherTests()
    {
        _world.Commands.AddInstance("i-0pm", new Dictionary<string, string> { [ResourceTags.Role] = AgentRoles.PuppetMaster });
    }

    private SendCommandInput Input() => new()
    {
        DocumentName = _world.Settings.DatabaseDocumentName,
        TargetTags = new Dictionary<string, string> { [ResourceTags.Role] = AgentRoles.PuppetMaster },
        Comment = CommandComments.For(DeploymentId, PhaseNames.RunDatabaseScripts, 1),
    };

    private Task<(string CommandId, bool Sent)> EnsureSent() =>
        new CommandLauncher(_world.Services).EnsureSentAsync(DeploymentId, PhaseNames.RunDatabaseScripts, 1, Input(), TestContext.Current.CancellationToken);

    [Fact]
    public async Task EnsureSent_WhenSendCommandFails_TheRetrySendsItInsteadOfReportingInFlight()
    {
        // #13 defect 2: a failed send left the claim in flight for 2 minutes.
        _world.Commands.Faults.Throttle("SendCommand");

        var first = EnsureSent;
        await first.Should().ThrowAsync<FakeAwsException>();
        _world.Clock.Advance(TimeSpan.FromSeconds(2));
        var (commandId, sent) = await EnsureSent();

        sent.Should().BeTrue();
        _world.Commands.Commands.Should().ContainSingle().Which.CommandId.Should().Be(commandId);
    }

    [Fact]
    public async Task EnsureSent_WhenTheSendSucceededButItsAnswerWasLost_FindsTheCommandInsteadOfSendingAgain()
    {
        _world.Commands.LoseAnswerOfNextSend = true;

        var (commandId, _) = await EnsureSent();

        _world.Commands.Commands.Should().ContainSingle().Which.CommandId.Should().Be(commandId);
        (await EnsureSent()).Should().Be((commandId, false));
    }

    [Fact]
    public async Task EnsureSent_Twice_SendsOnce()
    {
        var first = await EnsureSent();
        var second = await EnsureSent();

        first.Sent.Should().BeTrue();
        second.Should().Be((first.CommandId, false));
        _world.Commands.Commands.Should().ContainSingle();
    }
}
