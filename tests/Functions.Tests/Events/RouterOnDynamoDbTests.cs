using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Amazon.Runtime;
using Wso2Serverless.Aws.DynamoDb;
using Wso2Serverless.Domain.Model;
using Wso2Serverless.Domain.Ports;
using Wso2Serverless.Domain.Signals;
using Wso2Serverless.Functions.Callbacks;
using Wso2Serverless.Functions.Events;
using Wso2Serverless.Functions.Hosting;
using Wso2Serverless.Functions.Tasks;
using Wso2Serverless.Functions.Tests.Fakes;
using Wso2Serverless.StandIns.Http;
using Wso2Serverless.StandIns.Moto;

namespace Wso2Serverless.Functions.Tests.Events;

/// <summary>
/// The router on the real DynamoDB stores (moto), counted on the wire: the awaited event makes two
/// DynamoDB requests and one callback, AWS's sample events leave no item behind, and an answer
/// lost after the outcome was written (the client sends the request again) still ends the wait once.
/// CloudFormation, SSM and Step Functions are the fakes: these tests are about the stores.
/// </summary>
public sealed class RouterOnDynamoDbTests(MotoFixture moto) : IClassFixture<MotoFixture>, IAsyncLifetime
{
    private const string Dep = "dev-20261128-0900";
    private readonly CountingHandler _counter = new();
    private readonly FakeWorld _world = new(new FakeWorld().Settings with { StackNamePrefix = "wso2-" });
    private DynamoDbClient _client = null!;
    private PhaseStoreOptions _options = null!;
    private FunctionServices _services = null!;

    public async ValueTask InitializeAsync()
    {
        _client = Client(_counter);
        _options = new PhaseStoreOptions { TableName = "phases-" + Guid.NewGuid().ToString("N")[..12] };
        await PhaseTable.CreateAsync(_client, _options.TableName, TestContext.Current.CancellationToken);
        _services = With(_client);
        await _services.Deployments.CreateAsync(new DeploymentRecord
        {
            DeploymentId = Dep, Environment = "dev", StackName = "wso2-dev", Status = DeploymentStatus.Running, StartedAt = _world.Clock.UtcNow,
        }, TestContext.Current.CancellationToken);
    }

    public ValueTask DisposeAsync()
    {
        _client.Dispose();
        return ValueTask.CompletedTask;
    }

    private DynamoDbClient Client(DelegatingHandler handler) => MotoClients.DynamoDb(moto.Endpoint, handler);

    private FunctionServices With(DynamoDbClient client) => _world.Services with
    {
        Deployments = new DynamoDeploymentStore(client, _options),
        Tokens = new DynamoTokenStore(client, _options),
    };

    private async Task WaitOn(string key, string phase)
    {
        await new PhaseJournal(_services.Deployments, _world.Clock).StartAsync(Dep, phase, null, TestContext.Current.CancellationToken);
        await new TaskCompleter(_services.Tokens, _world.Workflow, _world.Clock).RegisterAsync(key, new PendingToken("task-token", Dep, phase, _world.Clock.UtcNow), TestContext.Current.CancellationToken);
    }

    private async Task<(RouteResult Result, int DynamoDbRequests)> Route(byte[] payload, FunctionServices? services = null)
    {
        _counter.Reset();
        var result = await EventRouter.Create(services ?? _services).RouteAsync(payload, new RecordingLog(), TestContext.Current.CancellationToken);
        return (result, _counter.Total);
    }

    /// <summary>Counted by AWS's own client, independently of the stores under test.</summary>
    private async Task<int> ItemCount()
    {
        using var official = new AmazonDynamoDBClient(new BasicAWSCredentials("testing", "testing"),
            new AmazonDynamoDBConfig { ServiceURL = moto.Endpoint.ToString(), AuthenticationRegion = MotoClients.Region });
        return (await official.ScanAsync(new ScanRequest { TableName = _options.TableName, Select = Select.COUNT }, TestContext.Current.CancellationToken)).Count ?? 0;
    }

    private async Task<byte[]> AwaitedEvent(string kind)
    {
        switch (kind)
        {
            case "stack":
                var stackId = await _world.Stacks.CreateStackAsync(new CreateStackInput
                {
                    StackName = "wso2-dev", Parameters = new Dictionary<string, string>(),
                    Tags = new Dictionary<string, string> { [ResourceTags.DeploymentId] = Dep }, ClientRequestToken = "create-1",
                }, TestContext.Current.CancellationToken);
                await WaitOn(CorrelationKeys.Stack(stackId), PhaseNames.CreateStack);
                _world.Stacks.CompleteCreate(stackId);
                return EventPayloads.Stack(stackId, "CREATE_COMPLETE");
            case "command":
                _world.Commands.AddInstance("i-1", new Dictionary<string, string> { [ResourceTags.Role] = AgentRoles.PuppetMaster });
                var commandId = await _world.Commands.SendCommandAsync(new SendCommandInput
                {
                    DocumentName = _world.Settings.DatabaseDocumentName,
                    TargetTags = new Dictionary<string, string> { [ResourceTags.Role] = AgentRoles.PuppetMaster },
                    Comment = CommandComments.For(Dep, PhaseNames.RunDatabaseScripts, 1),
                }, TestContext.Current.CancellationToken);
                await WaitOn(CorrelationKeys.Command(commandId), PhaseNames.RunDatabaseScripts);
                _world.Commands.Finish(commandId, 0, "OK");
                return EventPayloads.Command(commandId, "Success", _world.Settings.DatabaseDocumentName);
            default:
                await WaitOn(CorrelationKeys.PuppetMaster("dev", Dep), PhaseNames.AwaitPuppetMaster);
                return EventPayloads.Signal(Dep, "ready", PuppetMasterSignal.Ready);
        }
    }

    [Theory]
    [InlineData("stack")]
    [InlineData("command")]
    [InlineData("signal")]
    public async Task AwaitedEvent_MakesTwoDynamoDbRequestsAndOneCallback(string kind)
    {
        var payload = await AwaitedEvent(kind);
        var callsBefore = _world.Workflow.Faults.TotalCalls;

        var (result, requests) = await Route(payload);

        result.Action.Should().Be(RouteResult.Completed);
        requests.Should().Be(2, $"one UpdateItem records the outcome and returns the token, one adds the detail to the phase: {string.Join(", ", _counter.ByOperation)}");
        (_world.Workflow.Faults.TotalCalls - callsBefore).Should().Be(1);
        _world.Workflow.Callbacks.Should().ContainSingle().Which.Succeeded.Should().BeTrue();
        var phase = (await _services.Deployments.GetPhasesAsync(Dep, TestContext.Current.CancellationToken)).Single();
        phase.Status.Should().Be(PhaseStatus.Running, "the task closes its phase; the event only adds to it");
        phase.Detail.Should().NotBeEmpty();
    }

    [Theory]
    [InlineData("aws-ssm-command-status-change.json")]
    [InlineData("aws-ssm-command-invocation-status-change.json")]
    [InlineData("aws-cloudformation-stack-status-change.json")]
    [InlineData("aws-states-execution-aborted.json")]
    public async Task AwsPublishedSample_LeavesNoItemAndMakesNoRequest(string sample)
    {
        var items = await ItemCount();

        var (result, requests) = await Route(File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Events", "samples", sample)));

        result.Action.Should().Be(RouteResult.Dropped);
        requests.Should().Be(0);
        (await ItemCount()).Should().Be(items);
    }

    [Fact]
    public async Task ProgressBeforeThePhase_IsHeldNotOpened_AndTheTaskFindsIt()
    {
        var (result, _) = await Route(EventPayloads.Signal(Dep, "modules", PuppetMasterSignal.Progress, "installed"));

        result.Action.Should().Be(RouteResult.Progress);
        (await _services.Deployments.GetPhaseAsync(Dep, PhaseNames.AwaitPuppetMaster, TestContext.Current.CancellationToken)).Should().BeNull();
        var registered = await new TaskCompleter(_services.Tokens, _world.Workflow, _world.Clock)
            .RegisterAsync(CorrelationKeys.PuppetMaster("dev", Dep), new PendingToken("task-token", Dep, PhaseNames.AwaitPuppetMaster, _world.Clock.UtcNow), TestContext.Current.CancellationToken);
        registered.HeldSteps.Should().ContainSingle().Which.Name.Should().Be("modules");
    }

    [Fact]
    public async Task AwaitedEvent_WhenTheOutcomeWritesAnswerIsLost_EndsTheWaitOnce()
    {
        var payload = await AwaitedEvent("signal");
        var lost = new LostAnswerHandler((operation, body) => operation == "UpdateItem" && body.Contains("\"outcome\"", StringComparison.Ordinal));
        using var losing = Client(lost);

        var (result, _) = await Route(payload, With(losing));

        lost.Lost.Should().Equal("UpdateItem");
        result.Action.Should().Be(RouteResult.Completed);
        _world.Workflow.Callbacks.Should().ContainSingle().Which.Succeeded.Should().BeTrue();
        (await Route(payload)).Result.Action.Should().Be(RouteResult.Duplicate);
    }
}
