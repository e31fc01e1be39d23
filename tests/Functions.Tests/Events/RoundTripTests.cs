using Wso2Serverless.Domain.Model;
using Wso2Serverless.Domain.Ports;
using Wso2Serverless.Domain.Signals;
using Wso2Serverless.Functions.Callbacks;
using Wso2Serverless.Functions.Events;
using Wso2Serverless.Functions.Tasks;
using Wso2Serverless.Functions.Tests.Fakes;
using Wso2Serverless.Functions.Tests.Workflow;

namespace Wso2Serverless.Functions.Tests.Events;

/// <summary>
/// #15 req 2: the AWS calls the router makes per kind of event and each task makes, counted on
/// the fakes (every port call is one round trip of the DynamoDB or Step Functions adapter) and
/// held against the tables of src/Aws/DynamoDb/README.md, so neither the code nor the page can
/// drift. The awaited event must stay within 3 calls.
/// </summary>
public class RoundTripTests
{
    private const string Dep = "dev-20261128-0900";

    private static readonly Dictionary<string, Func<Task<Measured>>> RouterEvents = new(StringComparer.Ordinal)
    {
        ["stack CREATE_IN_PROGRESS, awaited"] = async () =>
        {
            var (w, stackId) = await StackWaitAsync(PhaseNames.CreateStack);
            return await RouteAsync(w, EventPayloads.Stack(stackId, "CREATE_IN_PROGRESS"));
        },
        ["stack CREATE_COMPLETE, awaited"] = async () =>
        {
            var (w, stackId) = await StackWaitAsync(PhaseNames.CreateStack);
            w.Stacks.CompleteCreate(stackId);
            return await RouteAsync(w, EventPayloads.Stack(stackId, "CREATE_COMPLETE"));
        },
        ["stack CREATE_COMPLETE, duplicate"] = async () =>
        {
            var (w, stackId) = await StackWaitAsync(PhaseNames.CreateStack);
            w.Stacks.CompleteCreate(stackId);
            await RouteAsync(w, EventPayloads.Stack(stackId, "CREATE_COMPLETE"));
            return await RouteAsync(w, EventPayloads.Stack(stackId, "CREATE_COMPLETE"));
        },
        ["stack ROLLBACK_COMPLETE, awaited"] = async () =>
        {
            var (w, stackId) = await StackWaitAsync(PhaseNames.CreateStack);
            w.Stacks.FailCreate(stackId, "Db", "AWS::RDS::DBInstance", "subnet group");
            return await RouteAsync(w, EventPayloads.Stack(stackId, "ROLLBACK_COMPLETE"));
        },
        ["stack DELETE_COMPLETE, awaited by RemoveOld"] = async () =>
        {
            var w = await WorldAsync();
            var old = w.Stacks.Seed("wso2-dev-old", "CREATE_COMPLETE");
            await WaitAsync(w, CorrelationKeys.Stack(old.StackId), PhaseNames.RemoveOld);
            await w.Stacks.DeleteStackAsync(old.StackId, "delete-1", default);
            w.Stacks.CompleteDelete(old.StackId);
            return await RouteAsync(w, EventPayloads.Stack(old.StackId, "DELETE_COMPLETE"));
        },
        ["stack CREATE_COMPLETE, before the token"] = async () =>
        {
            var w = await WorldAsync();
            var stackId = await CreateStackAsync(w);
            w.Stacks.CompleteCreate(stackId);
            return await RouteAsync(w, EventPayloads.Stack(stackId, "CREATE_COMPLETE"));
        },
        ["command InProgress, awaited"] = async () =>
        {
            var (w, commandId) = await CommandWaitAsync();
            return await RouteAsync(w, EventPayloads.Command(commandId, "InProgress"));
        },
        ["command Success, awaited"] = async () =>
        {
            var (w, commandId) = await CommandWaitAsync();
            w.Commands.Finish(commandId);
            return await RouteAsync(w, EventPayloads.Command(commandId, "Success"));
        },
        ["invocation InProgress, awaited"] = async () =>
        {
            var (w, commandId) = await CommandWaitAsync();
            return await RouteAsync(w, EventPayloads.Invocation(commandId, "i-1", "InProgress"));
        },
        ["signal PROGRESS, awaited"] = async () =>
        {
            var w = await WorldAsync();
            await WaitAsync(w, CorrelationKeys.PuppetMaster("dev", Dep), PhaseNames.AwaitPuppetMaster);
            return await RouteAsync(w, EventPayloads.Signal(Dep, "modules", PuppetMasterSignal.Progress));
        },
        ["signal READY, awaited"] = async () =>
        {
            var w = await WorldAsync();
            await WaitAsync(w, CorrelationKeys.PuppetMaster("dev", Dep), PhaseNames.AwaitPuppetMaster);
            return await RouteAsync(w, EventPayloads.Signal(Dep, "ready", PuppetMasterSignal.Ready));
        },
        ["signal PROGRESS, before AwaitPuppetMaster"] = async () =>
            await RouteAsync(await WorldAsync(), EventPayloads.Signal(Dep, "modules", PuppetMasterSignal.Progress)),
        ["signal READY, before AwaitPuppetMaster"] = async () =>
            await RouteAsync(await WorldAsync(), EventPayloads.Signal(Dep, "ready", PuppetMasterSignal.Ready)),
        ["signal READY, another environment's source"] = async () =>
        {
            var w = await WorldAsync();
            await WaitAsync(w, CorrelationKeys.PuppetMaster("dev", Dep), PhaseNames.AwaitPuppetMaster);
            return await RouteAsync(w, EventPayloads.Signal(Dep, "ready", PuppetMasterSignal.Ready, environment: "qa"));
        },
        ["stack ROLLBACK_COMPLETE, an operation not ours"] = async () =>
        {
            var (w, stackId) = await StackWaitAsync(PhaseNames.CreateStack);
            w.Stacks.FailCreate(stackId, "Db", "AWS::RDS::DBInstance", "subnet group");
            return await RouteAsync(w, EventPayloads.Stack(stackId, "ROLLBACK_COMPLETE", token: "Console-CreateStack-7f59c3cf"));
        },
        ["AWS sample SSM command (unknown id)"] = async () =>
            await RouteAsync(await WorldAsync(), File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Events", "samples", "aws-ssm-command-status-change.json"))),
    };

    public static TheoryData<string> RouterEventNames => [.. RouterEvents.Keys];

    [Theory]
    [MemberData(nameof(RouterEventNames))]
    public async Task RouterEvent_CostsWhatTheReadmeSays(string kind)
    {
        var measured = await RouterEvents[kind]();
        var documented = RoundTripTable.Row("router event", kind);

        measured.Counts.Should().Equal([documented[0], documented[1], documented[2]], $"{kind}: calls made {measured.Calls}");
    }

    [Theory]
    [InlineData("stack CREATE_COMPLETE, awaited")]
    [InlineData("stack ROLLBACK_COMPLETE, awaited")]
    [InlineData("stack DELETE_COMPLETE, awaited by RemoveOld")]
    [InlineData("command Success, awaited")]
    [InlineData("signal READY, awaited")]
    public async Task AwaitedEvent_EndsItsWaitWithinThreeCalls(string kind)
    {
        var measured = await RouterEvents[kind]();

        measured.Action.Should().Be(RouteResult.Completed);
        (measured.Counts[0] + measured.Counts[1]).Should().BeLessThanOrEqualTo(3, measured.Calls);
    }

    [Fact]
    public void ReadmeTable_ListsEveryMeasuredEvent() =>
        RoundTripTable.Labels("router event").Should().BeEquivalentTo(RouterEvents.Keys);

    [Fact]
    public async Task Tasks_CostWhatTheReadmeSays()
    {
        var s = new Scenario();

        (await s.RunAsync()).Status.Should().Be("SUCCEEDED");

        var labels = RoundTripTable.Labels("task (happy path, one invocation)");
        labels.Should().NotBeEmpty();
        foreach (var task in labels)
        {
            var (invocations, dynamoDb, stepFunctions) = s.Driver.RoundTrips[task];
            var documented = RoundTripTable.Row("task (happy path, one invocation)", task);
            new[] { dynamoDb / invocations, stepFunctions / invocations }.Should().Equal([documented[0], documented[1]], task);
        }
    }

    private sealed record Measured(int[] Counts, string Action, string Calls);

    private static async Task<Measured> RouteAsync(FakeWorld w, byte[] payload)
    {
        var before = Snapshot(w);
        var result = await EventRouter.Create(w.Services).RouteAsync(payload, new RecordingLog(), default);
        var after = Snapshot(w);
        var counts = new[] { after[0] - before[0], after[1] - before[1], after[2] - before[2] };
        return new Measured(counts, result.Action, w.DescribeCalls());
    }

    private static int[] Snapshot(FakeWorld w) =>
    [
        w.Calls.Where(c => c.Key.StartsWith("dynamodb", StringComparison.Ordinal)).Sum(c => c.Value.TotalCalls),
        w.Workflow.Faults.TotalCalls,
        w.Stacks.Faults.TotalCalls + w.Commands.Faults.TotalCalls,
    ];

    private static async Task<FakeWorld> WorldAsync()
    {
        var w = new FakeWorld();
        await w.Deployments.CreateAsync(new DeploymentRecord
        {
            DeploymentId = Dep, Environment = "dev", StackName = "wso2-dev", Status = DeploymentStatus.Running, StartedAt = w.Clock.UtcNow,
        }, default);
        return w;
    }

    private static async Task WaitAsync(FakeWorld w, string key, string phase)
    {
        await new PhaseJournal(w.Deployments, w.Clock).StartAsync(Dep, phase, null, default);
        await new TaskCompleter(w.Tokens, w.Workflow, w.Clock).RegisterAsync(key, new PendingToken("task-token", Dep, phase, w.Clock.UtcNow), default);
    }

    private static Task<string> CreateStackAsync(FakeWorld w) => w.Stacks.CreateStackAsync(new CreateStackInput
    {
        StackName = "wso2-dev",
        Parameters = new Dictionary<string, string>(),
        Tags = new Dictionary<string, string> { [ResourceTags.DeploymentId] = Dep },
        ClientRequestToken = "create-1",
    }, default);

    private static async Task<(FakeWorld World, string StackId)> StackWaitAsync(string phase)
    {
        var w = await WorldAsync();
        var stackId = await CreateStackAsync(w);
        await WaitAsync(w, CorrelationKeys.Stack(stackId), phase);
        return (w, stackId);
    }

    private static async Task<(FakeWorld World, string CommandId)> CommandWaitAsync()
    {
        var w = await WorldAsync();
        var phase = PhaseNames.Agent(AgentRoles.ApiManager);
        w.Commands.AddInstance("i-1", new Dictionary<string, string> { [ResourceTags.Role] = AgentRoles.ApiManager });
        var commandId = await w.Commands.SendCommandAsync(new SendCommandInput
        {
            DocumentName = w.Settings.AgentDocumentName,
            TargetTags = new Dictionary<string, string> { [ResourceTags.Role] = AgentRoles.ApiManager },
            Comment = CommandComments.For(Dep, phase, 1),
        }, default);
        await WaitAsync(w, CorrelationKeys.Command(commandId), phase);
        return (w, commandId);
    }
}
