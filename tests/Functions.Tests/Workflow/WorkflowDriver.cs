using System.Text.Json;
using System.Text.Json.Nodes;
using Wso2Serverless.Domain.Model;
using Wso2Serverless.Domain.Outcomes;
using Wso2Serverless.Domain.Signals;
using Wso2Serverless.Functions.Callbacks;
using Wso2Serverless.Functions.Events;
using Wso2Serverless.Functions.Tests.Events;
using Wso2Serverless.Functions.Tasks;
using Wso2Serverless.Functions.Tests.Fakes;
using Wso2Serverless.Runtime;

namespace Wso2Serverless.Functions.Tests.Workflow;

/// <summary>
/// Walks one execution through the task handlers the way deployment.asl.json does (states,
/// callbacks, timeouts → Reconcile → wait again, Retry, Catch → RecordFailure), with the fake
/// world playing AWS and a minimal event router (the real router is tested on its own). There
/// is no Step Functions here; the end-to-end run of the ASL itself is <c>simulate</c>'s job.
/// What happens while a task waits is the test's script (<see cref="OnWait"/>); a wait whose
/// token got no callback "times out".
/// </summary>
internal sealed class WorkflowDriver
{
    private readonly FakeWorld _world;
    private readonly AslRetryPolicy _retries;
    private readonly HashSet<string> _aslStates;
    private readonly TaskCompleter _completer;
    private readonly AslFailureRoute _route;
    private int _tokens;

    public WorkflowDriver(FakeWorld world)
    {
        _world = world;
        var definition = JsonNode.Parse(File.ReadAllText(RepoPaths.StateMachine("deployment.asl.json")))!.AsObject();
        _retries = new AslRetryPolicy(definition);
        _route = new AslFailureRoute(definition);
        _aslStates = [.. _retries.StateNames];
        _completer = new TaskCompleter(world.Tokens, world.Workflow, world.Clock);
        world.Stacks.StatusChanged += change => { if (!LoseStackEvents) { RouteStack(change); } };
        world.Commands.StatusChanged += change => { if (!LoseCommandEvents) { RouteCommand(change); } };
    }

    /// <summary>What the world does while a phase waits (phase name, e.g. CreateStack or RunPuppetAgents:apim).</summary>
    public Dictionary<string, Func<WaitContext, Task>> OnWait { get; } = new(StringComparer.Ordinal);

    public bool LoseStackEvents { get; set; }
    public bool LoseCommandEvents { get; set; }

    /// <summary>Invoke each task this many times per attempt (duplicate delivery).</summary>
    public int InvocationsPerTask { get; set; } = 1;

    /// <summary>The states the execution entered, in order: the transition count of the run.</summary>
    public List<string> Visited { get; } = [];

    public int TaskInvocations { get; private set; }

    /// <summary>DynamoDB and Step Functions calls each task state made, summed over its invocations (retries included).</summary>
    public Dictionary<string, (int Invocations, int DynamoDb, int StepFunctions)> RoundTrips { get; } = new(StringComparer.Ordinal);

    /// <summary>Stops the run after this state (an abort: no Catch, no RecordFailure).</summary>
    public string? AbortAfter { get; set; }

    public async Task<ExecutionResult> RunAsync(string requestJson, string executionName = "dep-0001")
    {
        var executionArn = $"arn:aws:states:us-east-1:123456789012:execution:wso2-deployment:{executionName}";
        using var input = JsonDocument.Parse(requestJson);
        var accept = await InvokeAsync("Accept", () => new AcceptFunction(_world.Services).HandleAsync(
            new AcceptRequest { Input = input.RootElement.Clone(), ExecutionName = executionName, ExecutionArn = executionArn, StartedAt = _world.Clock.UtcNow }, default));
        if (accept.Error is not null)
        {
            var caught = _route.FromCatch("Accept", [], accept.Error, Enter);
            return await RecordAsync(caught, executionName, null);
        }

        Enter("Route");
        var result = accept.Value!;
        if (!result.Accepted)
        {
            return await RecordAsync(new RouteEnd("RecordRejection", PhaseNames.Accept, result.Error!), executionName, null);
        }

        var d = result.Deployment!;
        // What travels through the state machine is JSON: round-trip it as the Lambda payload would.
        d = JsonSerializer.Deserialize(JsonSerializer.Serialize(d, TaskJsonContext.Default.Deployment), TaskJsonContext.Default.Deployment)!;

        var waits = new List<(string State, string Phase, string Reconcile, Func<WaitTaskRequest, Task<WaitTaskResult>> Handler)>();
        if (d.Rebuild)
        {
            waits.Add(("RemoveOld", PhaseNames.RemoveOld, "ReconcileRemoveOld", r => new RemoveOldStackFunction(_world.Services).HandleAsync(r, default)));
        }

        waits.Add(("CreateStack", PhaseNames.CreateStack, "ReconcileCreateStack", r => new CreateStackFunction(_world.Services).HandleAsync(r, default)));
        waits.Add(("AwaitPuppetMaster", PhaseNames.AwaitPuppetMaster, "ReconcilePuppetMaster", r => new AwaitPuppetMasterFunction(_world.Services).HandleAsync(r, default)));
        waits.Add(("RunDatabaseScripts", PhaseNames.RunDatabaseScripts, "ReconcileDatabaseScripts", r => new RunDatabaseScriptsFunction(_world.Services).HandleAsync(r, default)));

        foreach (var (state, phase, reconcile, handler) in waits)
        {
            var failure = await WaitAsync(state, phase, reconcile, d, null, handler);
            if (failure is not null)
            {
                return await FailAsync(failure, executionName, d, null);
            }

            if (AbortAfter == state)
            {
                return new ExecutionResult("ABORTED", null, null, null);
            }
        }

        Enter("RunPuppetAgents");
        foreach (var agent in d.Agents)
        {
            var failure = await WaitAsync("RunPuppetAgent", PhaseNames.Agent(agent.Role), "ReconcileAgent", d, agent,
                r => new RunPuppetAgentFunction(_world.Services).HandleAsync(r, default));
            if (failure is not null)
            {
                return await FailAsync(failure, executionName, d, agent);
            }
        }

        // Verify → VerifyHealthy → WaitForTargets → Verify, until healthy or Verify gives up.
        while (true)
        {
            var entered = _world.Clock.UtcNow.ToString("O");
            var verify = await InvokeAsync("Verify", () => new VerifyFunction(_world.Services).HandleAsync(new VerifyRequest { Deployment = d, EnteredTime = entered }, default));
            if (verify.Error is not null)
            {
                return await FailAsync(new Failure("Verify", verify.Error, Caught: true), executionName, d, null);
            }

            Enter("VerifyHealthy");
            if (verify.Value!.Healthy)
            {
                break;
            }

            if (!verify.Value.Retry)
            {
                var document = Document(d, null);
                document["verify"] = new JsonObject { ["result"] = new JsonObject { ["error"] = ErrorNode(verify.Value.Error!) } };
                return await RecordAsync(_route.FromState(_route.DefaultOf("VerifyHealthy"), document, Enter), executionName, d);
            }

            Enter("WaitForTargets");
            _world.Clock.Advance(TimeSpan.FromSeconds(verify.Value.WaitSeconds));
        }

        var complete = await InvokeAsync("Complete", () => new CompleteFunction(_world.Services).HandleAsync(
            new CompleteRequest { Deployment = d, ExecutionArn = executionArn, DefaultTopicArn = _world.Settings.TopicArn }, default));
        if (complete.Error is not null)
        {
            return await FailAsync(new Failure("Complete", complete.Error, Caught: true), executionName, d, null);
        }

        Enter("Succeeded");
        return new ExecutionResult("SUCCEEDED", null, null, complete.Value);
    }

    /// <summary>The Puppet Master's signal, through the real event router: a sub-step, then heartbeat or the end of the wait.</summary>
    public Task SignalAsync(string deploymentId, string stage, string status, string? message = null) =>
        EventRouter.Create(_world.Services).RouteAsync(EventPayloads.Signal(deploymentId, stage, status, message), new RecordingLog(), default);

    private async Task<Failure?> WaitAsync(string state, string phase, string reconcileState, Deployment d, AgentStep? agent, Func<WaitTaskRequest, Task<WaitTaskResult>> handler)
    {
        for (var wait = 1; ; wait++)
        {
            var token = $"token-{++_tokens:D3}";
            var started = await InvokeAsync(state, async () =>
            {
                WaitTaskResult? last = null;
                for (var i = 0; i < InvocationsPerTask; i++)
                {
                    last = await handler(new WaitTaskRequest { Deployment = d, TaskToken = token, Agent = agent });
                }

                return last!;
            });
            if (started.Error is not null)
            {
                return new Failure(state, started.Error, Caught: true);
            }

            if (_world.Workflow.CallbackFor(token) is null && OnWait.TryGetValue(phase, out var script))
            {
                await script(new WaitContext(_world, this, d, phase, wait));
            }

            if (_world.Workflow.CallbackFor(token) is { } callback)
            {
                return callback.Succeeded ? null : new Failure(state, new TaskError(callback.Error!, callback.Cause), Caught: true);
            }

            // No callback: the state's TimeoutSeconds passes. Step Functions forgets the token.
            _world.Clock.Advance(TimeSpan.FromSeconds(TimeoutOf(phase, d)));
            _world.Workflow.Expire(token);
            var reconciled = await InvokeAsync(reconcileState, () => new ReconcileFunction(_world.Services).HandleAsync(
                new ReconcileRequest
                {
                    Phase = agent is null ? phase : PhaseNames.RunPuppetAgents,
                    Role = agent?.Role,
                    Deployment = d,
                    Timeout = new TaskError("States.Timeout", null),
                    EnteredTime = _world.Clock.UtcNow.ToString("O"),
                }, default));
            if (reconciled.Error is not null)
            {
                return new Failure(reconcileState, reconciled.Error, Caught: true);
            }

            var choice = agent is null ? reconcileState.Replace("Reconcile", "", StringComparison.Ordinal) + "Reconciled" : "AgentReconciled";
            Enter(choice);
            switch (reconciled.Value!.Outcome)
            {
                case ReconcileOutcomes.Succeeded:
                    return null;
                case ReconcileOutcomes.StillRunning:
                    continue;
                default:
                    return new Failure(choice, reconciled.Value.Error!, Caught: false);
            }
        }
    }

    private static int TimeoutOf(string phase, Deployment d) => phase switch
    {
        PhaseNames.RemoveOld => d.Timeouts.RemoveOldSeconds,
        PhaseNames.CreateStack => d.Timeouts.CreateStackSeconds,
        PhaseNames.AwaitPuppetMaster => d.Timeouts.PuppetMasterSeconds,
        PhaseNames.RunDatabaseScripts => d.Timeouts.DatabaseScriptsSeconds,
        _ => d.Timeouts.AgentSeconds,
    };

    /// <summary>
    /// A failure follows its route through the ASL (Catch, Pass states) to RecordFailure; an agent
    /// run's failure first ends the Map's iteration at its Fail state, then the Map's own Catch.
    /// </summary>
    private async Task<ExecutionResult> FailAsync(Failure failure, string executionName, Deployment d, AgentStep? agent)
    {
        var document = Document(d, agent);
        RouteEnd end;
        if (failure.Caught)
        {
            end = _route.FromCatch(failure.State, document, failure.Error, Enter);
        }
        else
        {
            document["reconcile"] = new JsonObject { ["result"] = new JsonObject { ["error"] = ErrorNode(failure.Error) } };
            end = _route.FromState(_route.DefaultOf(failure.State), document, Enter);
        }

        if (agent is not null)
        {
            end.State.Should().NotBe("RecordFailure", "an agent run fails its Map iteration first");
            end = _route.FromCatch("RunPuppetAgents", Document(d, null), end.Error, Enter);
        }

        return await RecordAsync(end, executionName, d);
    }

    private async Task<ExecutionResult> RecordAsync(RouteEnd end, string executionName, Deployment? d)
    {
        var recorded = await InvokeAsync(end.State, () => new RecordFailureFunction(_world.Services).HandleAsync(
            new RecordFailureRequest { ExecutionName = executionName, Deployment = d, Phase = end.Phase, Error = end.Error, DefaultTopicArn = _world.Settings.TopicArn }, default));
        if (recorded.Error is not null)
        {
            Enter("FailedUnrecorded");
            return new ExecutionResult("FAILED", end.Error.Error, end.Error.Cause, null);
        }

        Enter("Failed");
        var closed = recorded.Value!;
        return new ExecutionResult("FAILED", closed.Error, closed.Cause, closed);
    }

    /// <summary>The state's input as the ASL sees it: the deployment (as JSON) and, inside the Map, the agent.</summary>
    private static JsonObject Document(Deployment d, AgentStep? agent)
    {
        var document = new JsonObject { ["deployment"] = JsonNode.Parse(JsonSerializer.Serialize(d, TaskJsonContext.Default.Deployment)) };
        if (agent is not null)
        {
            document["agent"] = new JsonObject { ["role"] = agent.Role, ["maxConcurrency"] = agent.MaxConcurrency };
        }

        return document;
    }

    private static JsonObject ErrorNode(TaskError error) => new() { ["Error"] = error.Error, ["Cause"] = error.Cause };

    /// <summary>Runs a task state: retried as its ASL Retry says; an error left over is what Catch gets.</summary>
    private async Task<(T? Value, TaskError? Error)> InvokeAsync<T>(string state, Func<Task<T>> invoke)
    {
        Enter(state);
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                TaskInvocations++;
                var before = CallsNow();
                try
                {
                    return (await invoke(), null);
                }
                finally
                {
                    var after = CallsNow();
                    var sum = RoundTrips.GetValueOrDefault(state);
                    RoundTrips[state] = (sum.Invocations + 1, sum.DynamoDb + after.DynamoDb - before.DynamoDb, sum.StepFunctions + after.StepFunctions - before.StepFunctions);
                }
            }
            catch (Exception ex)
            {
                var name = TaskErrors.NameOf(ex); // as the hosted task reports it
                if (!_retries.ShouldRetry(state, name, attempt))
                {
                    var cause = JsonSerializer.Serialize(new Dictionary<string, string> { ["errorType"] = name, ["errorMessage"] = ex.Message });
                    return (default, new TaskError(name, cause));
                }
            }
        }
    }

    private (int DynamoDb, int StepFunctions) CallsNow() =>
        (_world.Deployments.Faults.TotalCalls + _world.Tokens.Faults.TotalCalls + _world.Locks.Faults.TotalCalls + _world.Environments.Faults.TotalCalls,
         _world.Workflow.Faults.TotalCalls);

    private void Enter(string state)
    {
        if (!_aslStates.Contains(state))
        {
            throw new InvalidOperationException($"The driver entered {state}, which deployment.asl.json does not have");
        }

        Visited.Add(state);
    }

    private void RouteStack(StackStatusChange change)
    {
        var key = CorrelationKeys.Stack(change.StackId);
        var pending = _world.Tokens.Token(key);
        var operation = StackOutcomeResolver.OperationFor(pending?.Phase, change.Status);
        var events = _world.Stacks.DescribeStackEventsAsync(change.StackId, default).GetAwaiter().GetResult();
        if (StackOutcomeResolver.Resolve(operation, change.StackId, change.Status, change.Reason, events) is { } resolved)
        {
            _completer.CompleteAsync(key, resolved.Outcome, default).GetAwaiter().GetResult();
        }
    }

    private void RouteCommand(CommandStatusChange change)
    {
        var result = _world.Commands.GetCommandAsync(change.CommandId, default).GetAwaiter().GetResult();
        var role = _world.Commands.Commands.Single(c => c.CommandId == change.CommandId).Input.TargetTags.GetValueOrDefault(ResourceTags.Role);
        var kind = role == AgentRoles.PuppetMaster ? CommandKind.DatabaseScripts : CommandKind.PuppetAgent;
        if (CommandOutcomeResolver.Resolve(result, kind, role) is { } resolved)
        {
            _completer.CompleteAsync(CorrelationKeys.Command(change.CommandId), resolved.Outcome, default).GetAwaiter().GetResult();
        }
    }
}

/// <summary>A failure the route starts from: a state's Catch (<paramref name="Caught"/>), or a reconcile Choice's failure branch.</summary>
internal sealed record Failure(string State, TaskError Error, bool Caught);

/// <summary>How an execution ended, and what its closing task reported.</summary>
internal sealed record ExecutionResult(string Status, string? Error, string? Cause, CloseResult? Closing);

/// <summary>What a wait script sees: the world, the deployment, the phase and which wait this is (1, 2, ...).</summary>
internal sealed record WaitContext(FakeWorld World, WorkflowDriver Driver, Deployment Deployment, string Phase, int Wait)
{
    public string StackId => World.Stacks.Live(Deployment.StackName)?.StackId ?? throw new InvalidOperationException("no live stack");

    /// <summary>The command this phase sent (the newest one for its role).</summary>
    public string CommandId(string role) => World.Commands.CommandsFor(ResourceTags.Role, role)[^1].CommandId;
}
