using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Wso2Serverless.Aws;
using Wso2Serverless.Aws.DynamoDb;
using Wso2Serverless.Aws.Signing;
using Wso2Serverless.Aws.StepFunctions;
using Wso2Serverless.Domain.Events;
using Wso2Serverless.Domain.Ports;
using Wso2Serverless.Functions.Hosting;
using Wso2Serverless.Simulator.Hosting;
using Wso2Serverless.Simulator.Reporting;
using Wso2Serverless.Simulator.Scenarios;
using Wso2Serverless.StandIns.Moto;
using Wso2Serverless.StandIns.World;

namespace Wso2Serverless.Simulator;

/// <summary>How to run: which scenario, how many environments at once, how fast.</summary>
public sealed record SimulationOptions
{
    public required Scenario Scenario { get; init; }
    public int Environments { get; init; } = 1;
    /// <summary>
    /// Every real millisecond our code, moto and the runner spend counts as <see cref="DefaultScale"/>
    /// simulated milliseconds, against wait margins of 10 to 15 simulated minutes (an agent run
    /// of 20 minutes in a 30-minute wait). At x200 that margin is 3 s of real overhead per wait,
    /// several times what a loaded 2-core machine was measured to spend (first JIT-bound
    /// invocations 1-2.5 s, then 0.1-0.6 s); at x1000 it was 0.6 s and runs timed out spuriously.
    /// </summary>
    public const double DefaultScale = 200;

    /// <summary>Simulated seconds per real second: 200 turns a 45-minute stack into 13.5 seconds.</summary>
    public double Scale { get; init; } = DefaultScale;
    /// <summary>Leave moto_server running after the run (the caller owns <see cref="SimulationRun.Moto"/>).</summary>
    public bool Keep { get; init; }
    /// <summary>Every line the ASL runner reports (tokens, callbacks, timeouts), raw; null for none. For digging into one run.</summary>
    public TextWriter? RunnerLog { get; init; }
    /// <summary>Live progress lines; null for none.</summary>
    public TextWriter? Progress { get; init; }
    /// <summary>Longest a run may take in real time before it is given up.</summary>
    public TimeSpan RealTimeout { get; init; } = TimeSpan.FromMinutes(5);
}

/// <summary>The result of a run, and moto when it was kept.</summary>
public sealed record SimulationRun(SimulationReport Report, MotoServer? Moto);

/// <summary>
/// One simulate run: moto_server with the phase table, the simulated world, the local Lambda
/// endpoint dispatching to the real handlers, and the ASL runner executing the real definition.
/// </summary>
public static class Simulation
{
    public const string TableName = "wso2-sim-phases";

    public static async Task<SimulationRun> RunAsync(SimulationOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        var scenario = options.Scenario;
        var paths = RepoPaths.Locate();
        var watch = Stopwatch.StartNew();
        var clock = new ScaledClock(options.Scale);
        // One request at a time: threaded moto applies an update's actions one by one, so a
        // concurrent read sees half an item and two racing updates of one item (a token and
        // its early outcome, two sub-step appends) can lose one; DynamoDB never does either.
        var moto = await MotoServer.StartAsync(serializeRequests: true, cancellationToken).ConfigureAwait(false);
        try
        {
            using var dynamo = DynamoDbClient.Create(AwsEndpoints.Emulated(moto.Endpoint, SimulatedWorld.Region), new StaticCredentialSource("testing", "testing"));
            await PhaseTable.CreateAsync(dynamo, TableName, cancellationToken).ConfigureAwait(false);
            var storeOptions = new PhaseStoreOptions { TableName = TableName };

            var relay = new EventTargetRelay();
            await using var world = new SimulatedWorld(clock, new WorldTimings(), scenario.Faults, relay, RuleTarget, paths.Template);
            await using var lambda = new LambdaEndpoint();
            await using var runner = await AslRunner.StartAsync(paths, FunctionArns.Substitutions(), lambda.Endpoint, options.Scale, clock.Origin, cancellationToken).ConfigureAwait(false);

            // The real Step Functions client, pointed at the runner's callback API.
            var endpoints = new AwsEndpoints(name => name switch
            {
                "AWS_ENDPOINT_URL_SFN" => runner.CallbackEndpoint.ToString(),
                "AWS_REGION" => SimulatedWorld.Region,
                _ => null,
            });
            var workflow = new StepFunctionsWorkflowService(StepFunctionsClient.Create(endpoints, new StaticCredentialSource("testing", "testing")));
            var locks = new DynamoLockStore(dynamo, storeOptions);
            var deployments = new DynamoDeploymentStore(dynamo, storeOptions);
            var services = new FunctionServices
            {
                Settings = Settings(),
                Stacks = world.Stacks,
                Commands = world.Commands,
                Workflow = workflow,
                Deployments = deployments,
                Locks = locks,
                Tokens = new DynamoTokenStore(dynamo, storeOptions),
                Environments = new DynamoEnvironmentStore(dynamo, storeOptions),
                Notifier = world.Notifier,
                Probe = world.Probe,
                Clock = clock,
                Metrics = new RecordingMetricSink(),
            };
            using var log = new StringWriter(CultureInfo.InvariantCulture);
            var syncLog = TextWriter.Synchronized(log);
            var dispatcher = new FunctionDispatcher(services, clock, syncLog) { DuplicateInvocations = scenario.DuplicateInvocations };
            lambda.Dispatcher = dispatcher;
            relay.Inner = dispatcher; // with DuplicateInvocations, events arrive twice too

            var environments = Enumerable.Range(1, Math.Max(1, options.Environments))
                .Select(i => options.Environments <= 1
                    ? new ScenarioEnvironment(i, "dev", "wso2-dev")
                    : new ScenarioEnvironment(i, $"env-{i:00}", $"wso2-env-{i:00}"))
                .ToList();
            var runs = environments.ToDictionary(e => $"sim-{e.Environment}-{Guid.NewGuid().ToString("N")[..8]}", e => e, StringComparer.Ordinal);
            var tracker = new ExecutionTracker(clock, options.Progress, name => runs.TryGetValue(name, out var e) ? e.Environment : name);
            runner.LineReceived += tracker.OnLine;
            if (options.RunnerLog is { } runnerLog)
            {
                runner.LineReceived += line => runnerLog.WriteLine(line.GetRawText());
            }

            if (scenario.AbortWhenEntering is { } abortState)
            {
                tracker.StateEntered += (execution, state) =>
                {
                    if (state == abortState)
                    {
                        runner.StopExecution(execution, "Operator.Stopped", "Stopped from the console by the abort scenario.");
                    }
                };
            }

            foreach (var environment in environments)
            {
                await PrepareAsync(scenario, environment, world, locks, clock, cancellationToken).ConfigureAwait(false);
            }

            options.Progress?.WriteLine($"simulate {scenario.Name}: {environments.Count} environment(s), clock x{options.Scale:0}, moto {moto.Endpoint}");
            var inputs = new List<string>();
            var ended = new List<Task<JsonElement>>();
            foreach (var (name, environment) in runs)
            {
                var input = ScenarioCatalog.StandardInput(environment);
                scenario.CustomiseInput?.Invoke(input, environment);
                var json = input.ToJsonString();
                inputs.Add(json);
                ended.Add(EndAndReportAsync(runner.StartExecution(name, json), world, json, clock));
            }

            var finals = await Task.WhenAll(ended).WaitAsync(options.RealTimeout, cancellationToken).ConfigureAwait(false);
            await world.SettleAsync(TimeSpan.FromSeconds(30)).ConfigureAwait(false);

            var executions = new List<ExecutionReport>();
            foreach (var final in finals)
            {
                var name = final.GetProperty("execution").GetString()!;
                var environment = runs[name];
                executions.Add(new ExecutionReport
                {
                    Name = name,
                    Environment = environment.Environment,
                    StackName = environment.StackName,
                    Status = final.GetProperty("status").GetString()!,
                    Error = final.TryGetProperty("error", out var e) && e.ValueKind == JsonValueKind.String ? e.GetString() : null,
                    Cause = final.TryGetProperty("cause", out var c) && c.ValueKind == JsonValueKind.String ? c.GetString() : null,
                    StartedAt = clock.FromRealUnixMs(final.GetProperty("startDate").GetInt64()),
                    EndedAt = clock.FromRealUnixMs(final.GetProperty("stopDate").GetInt64()),
                    Transitions = final.GetProperty("transitions").GetInt32(),
                    States = tracker.Visits(name),
                    Record = await deployments.GetAsync(name, cancellationToken).ConfigureAwait(false),
                    Phases = await deployments.GetPhasesAsync(name, cancellationToken).ConfigureAwait(false),
                    Lock = await locks.GetAsync(environment.Environment, cancellationToken).ConfigureAwait(false),
                });
            }

            var notifications = tracker.Notifications
                .Concat(world.Notifier.Sent.Select(n => new NotificationReport(n.At, "function:sns", null, n.TopicArn, n.Subject, n.Message)))
                .OrderBy(n => n.At)
                .ToList();
            var report = new SimulationReport
            {
                Scenario = scenario.Name,
                ExpectedStatus = scenario.ExpectedStatus,
                Scale = options.Scale,
                MotoEndpoint = moto.Endpoint,
                TableName = TableName,
                RealDuration = watch.Elapsed,
                Executions = [.. executions.OrderBy(e => e.Environment, StringComparer.Ordinal)],
                Invocations = dispatcher.Invocations,
                Events = world.Bus.Events,
                Notifications = notifications,
                Stacks = world.StackSnapshot(),
                ThrottledCalls = world.Throttles.Throttled,
                FunctionLog = log.ToString(),
                RunnerStderr = runner.Stderr,
                ExecutionInputs = inputs,
            };
            return new SimulationRun(report, options.Keep ? moto : null);
        }
        finally
        {
            if (!options.Keep)
            {
                await moto.DisposeAsync().ConfigureAwait(false);
            }
        }
    }

    /// <summary>The EventBridge rules of serverless.template: service events to the router, execution changes to execution-status.</summary>
    private static string? RuleTarget(string source) => source switch
    {
        EventSources.StepFunctions => HandlerNames.ExecutionStatus,
        EventSources.CloudFormation or EventSources.Ssm or EventSources.Orchestrator => HandlerNames.EventRouter,
        _ => null,
    };

    private static OrchestratorSettings Settings() => new()
    {
        TableName = TableName,
        StateMachineArn = FunctionArns.StateMachineArn,
        TopicArn = FunctionArns.TopicArn,
        BundledTemplateUrl = "https://wso2-sim-artifacts.s3.us-east-1.amazonaws.com/templates/pattern-1.yaml",
        DatabaseDocumentName = "wso2-sim-run-database-scripts",
        AgentDocumentName = "wso2-sim-run-puppet-agent",
        StackRoleArn = $"arn:aws:iam::{SimulatedWorld.Account}:role/wso2-sim-stack",
        ApiBaseUrl = "https://api.wso2-sim.example/prod",
    };

    private static async Task PrepareAsync(Scenario scenario, ScenarioEnvironment environment, SimulatedWorld world, DynamoLockStore locks, ScaledClock clock, CancellationToken cancellationToken)
    {
        if (scenario.SeedPreviousStack)
        {
            world.Stacks.SeedCompleteStack(environment.StackName, environment.Environment, $"previous-{environment.Environment}");
        }

        if (scenario.EnvironmentBusy)
        {
            await locks.AcquireAsync(environment.Environment, $"other-{environment.Environment}", clock.UtcNow, TimeSpan.FromHours(3), cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// When an execution ends, Step Functions puts a "Step Functions Execution Status Change"
    /// event on the bus; the execution-status function closes what no Catch closed (aborts).
    /// </summary>
    private static async Task<JsonElement> EndAndReportAsync(Task<JsonElement> ended, SimulatedWorld world, string input, ScaledClock clock)
    {
        var final = await ended.ConfigureAwait(false);
        var arn = final.GetProperty("executionArn").GetString()!;
        var detail = new JsonObject
        {
            ["executionArn"] = arn,
            ["stateMachineArn"] = FunctionArns.StateMachineArn,
            ["name"] = final.GetProperty("execution").GetString(),
            ["status"] = final.GetProperty("status").GetString(),
            ["startDate"] = clock.FromRealUnixMs(final.GetProperty("startDate").GetInt64()).ToUnixTimeMilliseconds(),
            ["stopDate"] = clock.FromRealUnixMs(final.GetProperty("stopDate").GetInt64()).ToUnixTimeMilliseconds(),
            ["input"] = input,
            ["inputDetails"] = new JsonObject { ["included"] = true },
            ["output"] = final.TryGetProperty("output", out var o) && o.ValueKind == JsonValueKind.String ? o.GetString() : null,
            ["outputDetails"] = new JsonObject { ["included"] = true },
            ["error"] = final.TryGetProperty("error", out var e) && e.ValueKind == JsonValueKind.String ? e.GetString() : null,
            ["cause"] = final.TryGetProperty("cause", out var c) && c.ValueKind == JsonValueKind.String ? c.GetString() : null,
        };
        world.Bus.Publish(EventSources.StepFunctions, EventSources.ExecutionStatusChange, [arn], detail);
        return final;
    }
}
