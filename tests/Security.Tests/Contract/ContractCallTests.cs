using Wso2Serverless.Functions.Hosting;
using Wso2Serverless.Security.Tests.Support;
using Wso2Serverless.StandIns.Iam;

[assembly: AssemblyFixture(typeof(Wso2Serverless.Security.Tests.Contract.ContractRecording))]

namespace Wso2Serverless.Security.Tests.Contract;

/// <summary>The contract runs, once for the assembly: moto, every function's paths, the recorded calls and their evaluation.</summary>
public sealed class ContractRecording : IAsyncLifetime
{
    private readonly OrchestratorOnMoto _moto = new();

    public IReadOnlyList<IamCall> Calls { get; private set; } = [];

    public IReadOnlyList<string> Failures { get; private set; } = [];

    public EffectiveIam Iam { get; private set; } = null!;

    public IReadOnlyList<Decision> Decisions { get; private set; } = [];

    public ContractRuns Runs { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        await _moto.InitializeAsync();
        var runs = Runs = new ContractRuns(_moto);
        await runs.RunAllAsync();
        Calls = _moto.Log.Calls;
        Failures = runs.Failures;
        Iam = await EffectiveIam.ResolveAsync(_moto.Profile);
        Decisions = await IamEvaluator.EvaluateAsync(Iam, Calls);
    }

    public ValueTask DisposeAsync() => _moto.DisposeAsync();
}

/// <summary>
/// #11 proof, contract tier: every AWS request the functions send on their real adapters (moto
/// answering) is recorded on the wire and evaluated by iam-simulate against serverless.template's
/// IAM after the SAM transform, resolved with the values the functions were configured with.
/// </summary>
public sealed class ContractCallTests(ContractRecording recording)
{
    /// <summary>
    /// What moto cannot answer, and only that, may fail a step: moto has no ListCommandInvocations
    /// (HTTP 500), which reading a tag-targeted command needs. The request was made all the same.
    /// </summary>
    private static readonly string[] MotoGaps = ["event-router: AwsServiceException: ssm: InternalFailure", "reconcile: AwsServiceException: ssm: InternalFailure"];

    [Fact]
    public void EveryStep_RanOrFailedOnlyWhereMotoFallsShort()
    {
        recording.Failures.Where(f => !MotoGaps.Any(gap => f.StartsWith(gap, StringComparison.Ordinal))).Should().BeEmpty(string.Join("\n", recording.Failures));
        recording.Calls.Should().Contain(c => c.Function == HandlerNames.EventRouter && c.Action == "ssm:ListCommandInvocations", "the request moto fails on was made and recorded");
    }

    [Fact]
    public void EveryFunction_MadeCalls_AndEveryCallIsMapped()
    {
        recording.Calls.Select(c => c.Function).Distinct().Should().BeEquivalentTo(FunctionCatalog.All.Select(f => f.Handler));
        recording.Calls.Count.Should().BeGreaterThan(100);
    }

    [Fact]
    public void NoRecordedCall_IsDenied()
    {
        recording.Decisions.Should().NotBeEmpty();
        var denied = recording.Decisions.Where(d => !d.Allowed).Select(d => d.ToString()).ToList();
        denied.Should().BeEmpty("every call a function makes is allowed by its role; denied:\n" + string.Join("\n", denied));
    }

    [Theory]
    [InlineData(HandlerNames.Api, "sns:Publish", "arn:aws:sns:us-east-1:123456789012:wso2-team")]
    [InlineData(HandlerNames.ExecutionStatus, "sns:Publish", "arn:aws:sns:us-east-1:123456789012:wso2-team")]
    [InlineData(HandlerNames.Scheduler, "states:DescribeExecution", "arn:aws:states:us-east-1:123456789012:execution:wso2-orchestrator-deployment:")]
    public void TheIssuesAccessDeniedCalls_AreMadeAndAllowed(string function, string action, string resource)
    {
        // #11: a cancel announced on the request's topic, an abort announced there, a retried tick
        // finding its run by name. Each was denied by the template before the fix.
        var made = recording.Decisions.Where(d => d.Principal == function && d.Action == action && d.Resource.StartsWith(resource, StringComparison.Ordinal)).ToList();
        made.Should().NotBeEmpty($"{function} made {action} on {resource}…");
        made.Should().OnlyContain(d => d.Allowed);
    }

    [Fact]
    public async Task AForeignStacksEvent_CostsNoAwsCall()
    {
        // A stack under the prefix created by someone else (the rule lets only our tokens through;
        // this one came some other way), and an update of the orchestrator's own stack.
        (await recording.Runs.RouteRecordedAsync(await recording.Runs.ForeignStackEventAsync())).Should().BeEmpty();
        (await recording.Runs.RouteRecordedAsync(ContractRuns.OwnStackEvent())).Should().BeEmpty();
    }

    [Fact]
    public async Task AReadyUnderAnotherEnvironmentsSource_EndsNoWaitAndWritesNothing()
    {
        // Its key is qa's, where no task waits: the outcome update is conditional on a waiting
        // token and writes nothing; dev's record then names another environment, and it is dropped.
        var calls = await recording.Runs.RouteRecordedAsync(recording.Runs.ForgedReady("qa"));
        calls.Select(c => c.Action).Should().Equal(["dynamodb:UpdateItem", "dynamodb:GetItem"], "no callback, no phase append, no held step");
        calls.Should().OnlyContain(c => c.Function == HandlerNames.EventRouter);
    }

    [Fact]
    public void EveryResourceArn_FitsItsActionsResourceTypes()
    {
        // iam-simulate checks each ARN against the service authorization reference (iam-data) and
        // answers Error when it does not fit: the mapping names resources the way IAM sees them.
        recording.Decisions.Where(d => d.Result == "Error").Select(d => d.ToString()).Should().BeEmpty();
    }
}
