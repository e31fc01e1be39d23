using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Wso2Serverless.Aws;
using Wso2Serverless.Aws.DynamoDb;
using Wso2Serverless.Aws.Http;
using Wso2Serverless.Aws.Signing;
using Wso2Serverless.Aws.StepFunctions;
using Wso2Serverless.Domain.Events;
using Wso2Serverless.Domain.Ports;
using Wso2Serverless.Functions.Hosting;
using Wso2Serverless.Simulator.Hosting;
using Wso2Serverless.Simulator.Reporting;
using Wso2Serverless.Simulator.Scenarios;
using Wso2Serverless.StandIns.Http;
using Wso2Serverless.StandIns.Iam;
using Wso2Serverless.Simulator.Serve;
using Wso2Serverless.StandIns.Moto;
using Wso2Serverless.StandIns.Scheduling;
using Wso2Serverless.StandIns.World;

namespace Wso2Serverless.Simulator;

/// <summary>How to run: which scenario, how many environments at once, the seed, and an optional pace.</summary>
public sealed record SimulationOptions
{
    public required Scenario Scenario { get; init; }
    public int Environments { get; init; } = 1;
    /// <summary>Fixes every random choice of the run: two runs with one seed give one timeline and one report.</summary>
    public required int Seed { get; init; }
    /// <summary>Null: virtual time jumps as soon as nothing runs. N: it never runs ahead of N times real time.</summary>
    public double? Pace { get; init; }
    /// <summary>Leave moto_server running after the run (the caller owns <see cref="SimulationRun.Moto"/>).</summary>
    public bool Keep { get; init; }
    /// <summary>Every line the ASL runner reports (tokens, callbacks, timers, idle), raw; null for none. For digging into one run.</summary>
    public TextWriter? RunnerLog { get; init; }
    /// <summary>Live progress lines; null for none.</summary>
    public TextWriter? Progress { get; init; }
    /// <summary>Longest a run may take in real time before it is given up.</summary>
    public TimeSpan RealTimeout { get; init; } = TimeSpan.FromMinutes(5);
    /// <summary>Runs inside every function invocation before its handler, with the handler's name and payload; tests make a function slow in real time with it.</summary>
    public Func<string, ReadOnlyMemory<byte>, Task>? BeforeHandler { get; init; }
    /// <summary>When set, every AWS call the functions make is recorded here, as its function's, in the requests the real adapters would send (#11).</summary>
    public IamCallLog? Calls { get; init; }
    /// <summary>Changes an SSM document as the world reads it from templates/ssm (tests show what a weaker document would leak).</summary>
    public Func<CommandDocument, CommandDocument>? AdjustDocument { get; init; }
    /// <summary>
    /// <c>simulate --serve</c>: no execution is started here; the world waits for work from
    /// outside and runs until <see cref="ServeMode.RunAsync"/> returns.
    /// </summary>
    public ServeMode? Serve { get; init; }
    /// <summary>A moto_server (started with serialized requests) to reset and use instead of starting one; the caller owns it. Chaos runs reuse one per slot.</summary>
    public MotoServer? SharedMoto { get; init; }
    /// <summary>Fault injection for <c>--chaos</c> (the AWS clients' pipelines, crashes, cancels); null for none.</summary>
    public Chaos.IChaosHooks? Chaos { get; init; }
}

/// <summary>The result of a run, and moto when it was kept.</summary>
public sealed record SimulationRun(SimulationReport Report, MotoServer? Moto);

/// <summary>
/// One simulate run: moto_server with the phase table, the simulated world, the local Lambda
/// endpoint dispatching to the real handlers, and the ASL runner executing the real definition,
/// all on one <see cref="Scheduler"/>: one piece of work at a time, the virtual clock jumping to
/// the next timer only when nothing is running, every choice drawn from the seed.
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
        var scheduler = new Scheduler(options.Serve is null ? new SchedulerOptions { Seed = options.Seed, Pace = options.Pace } : ServeMode.Schedule(options.Seed, options.Pace));
        var clock = new VirtualClock(scheduler);
        var ids = new SeededIds(options.Seed);
        var handshake = new RunnerHandshake(scheduler);
        scheduler.AddSource(handshake, QuiescenceScope.EveryChoice);
        await using var lambda = new LambdaEndpoint(scheduler, handshake);
        // Node and Python start side by side: the runner needs only the Lambda endpoint.
        var machines = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            [FunctionArns.StateMachineArn] = paths.Definition,
            [FunctionArns.TeardownStateMachineArn] = paths.TeardownDefinition,
        };
        var runnerStarting = AslRunner.StartAsync(new RunnerStart(paths, machines, FunctionArns.Substitutions(), lambda.Endpoint, scheduler, handshake), cancellationToken);
        MotoServer moto;
        try
        {
            // One request at a time: threaded moto applies an update's actions one by one, so a
            // concurrent read sees half an item and two racing updates of one item (a token and
            // its early outcome, two sub-step appends) can lose one; DynamoDB never does either.
            if (options.SharedMoto is { } shared)
            {
                await shared.ResetAsync(cancellationToken).ConfigureAwait(false);
                moto = shared;
            }
            else
            {
                moto = await MotoServer.StartAsync(serializeRequests: true, cancellationToken).ConfigureAwait(false);
            }
        }
        catch
        {
            await StopAsync(runnerStarting).ConfigureAwait(false);
            throw;
        }

        try
        {
            await using var runner = await runnerStarting.ConfigureAwait(false);
            var motoRequests = new InFlightRequests(scheduler, "moto");
            scheduler.AddSource(motoRequests, QuiescenceScope.Clock);
            var motoSocket = motoRequests.CreateHandler(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) });
            var dynamoTransport = options.Chaos?.DynamoDbHttp(motoSocket) ?? motoSocket;
            using var dynamo = DynamoDbClient.Create(AwsEndpoints.Emulated(moto.Endpoint, SimulatedWorld.Region), new StaticCredentialSource("testing", "testing"),
                transport: StandInTime.Around(options.Calls is { } dynamoCalls ? new RecordingHandler(dynamoCalls) { InnerHandler = dynamoTransport } : dynamoTransport));
            await PhaseTable.CreateAsync(dynamo, TableName, cancellationToken).ConfigureAwait(false);
            var storeOptions = new PhaseStoreOptions { TableName = TableName };

            var relay = new EventTargetRelay();
            await using var world = new SimulatedWorld(clock, ids, new WorldTimings(), scenario.Faults, relay, RuleTarget, paths.Template)
            {
                EnvironmentFaults = options.Serve?.EnvironmentFaults ?? new Dictionary<string, WorldFaults>(StringComparer.Ordinal),
            };
            if (options.Serve is not null)
            {
                // Served environments arrive by request: each SecureString a request names exists, as the operator created it first.
                world.Parameters.CreatedBeforehand = ServedPassword;
            }
            var settings = Settings(options.Serve?.ApiUrl);
            foreach (var (name, file) in new[] { (settings.DatabaseDocumentName, "run-database-scripts.yaml"), (settings.AgentDocumentName, "run-puppet-agent.yaml") })
            {
                var document = CommandDocument.Load(name, Path.Combine(paths.CommandDocuments, file));
                world.Commands.RegisterDocument(options.AdjustDocument?.Invoke(document) ?? document);
            }

            // The real Step Functions client, pointed at the runner's callback API; its retries
            // do not wait (a function's time is not the clock's) and draw jitter from the seed.
            var endpoints = new AwsEndpoints(name => name switch
            {
                "AWS_ENDPOINT_URL_SFN" => runner.CallbackEndpoint.ToString(),
                "AWS_REGION" => SimulatedWorld.Region,
                _ => null,
            });
            var retry = new RetryOptions { Jitter = ids.NextDouble, Delay = static (_, _) => Task.CompletedTask };
            var callbackTransport = options.Chaos?.StepFunctionsHttp(runner.CallbackTransport()) ?? runner.CallbackTransport();
            var stepFunctions = new StepFunctionsClient(AwsHttp.CreateClient(AwsService.StepFunctions, endpoints, new StaticCredentialSource("testing", "testing"), retry,
                StandInTime.Around(options.Calls is { } callbackCalls ? new RecordingHandler(callbackCalls) { InnerHandler = callbackTransport } : callbackTransport)));
            var workflow = new StepFunctionsWorkflowService(stepFunctions);
            var locks = new DynamoLockStore(dynamo, storeOptions);
            var deployments = new DynamoDeploymentStore(dynamo, storeOptions);
            var services = new FunctionServices
            {
                Settings = settings,
                Stacks = world.Stacks,
                Commands = world.Commands,
                Workflow = workflow,
                Deployments = deployments,
                Locks = locks,
                Tokens = new DynamoTokenStore(dynamo, storeOptions),
                Environments = scenario.SchedulerTimesOutMarking is { } marking
                    ? new TimeoutWhileMarking(new DynamoEnvironmentStore(dynamo, storeOptions), clock.UtcNow + marking)
                    : new DynamoEnvironmentStore(dynamo, storeOptions),
                Notifier = options.Chaos?.Notifier(world.Notifier) ?? world.Notifier,
                Probe = world.Probe,
                LoadBalancer = world.LoadBalancer,
                Images = new SimulatedImageCatalog(),
                Templates = new StandIns.Templates.LocalTemplateSource(paths.Template),
                Clock = clock,
                Metrics = new RecordingMetricSink(),
                RandomBytes = n => Convert.FromHexString(ids.Hex(2 * n)),
            };
            if (options.Calls is { } calls)
            {
                services = Recorded(services, calls, world);
            }

            using var log = new StringWriter(CultureInfo.InvariantCulture);
            var syncLog = TextWriter.Synchronized(log);
            var dispatcher = new FunctionDispatcher(services, clock, ids, syncLog)
            {
                DuplicateInvocations = scenario.DuplicateInvocations,
                BeforeHandler = options.BeforeHandler,
                Calls = options.Calls,
                CrashPlan = options.Chaos is { } chaos ? chaos.CrashPlan : null,
            };
            lambda.Dispatcher = dispatcher;
            relay.Inner = dispatcher; // with DuplicateInvocations, events arrive twice too

            var environments = Enumerable.Range(1, options.Serve is null ? Math.Max(1, options.Environments) : 0)
                .Select(i => options.Environments <= 1
                    ? new ScenarioEnvironment(i, "dev", "wso2-dev")
                    : new ScenarioEnvironment(i, $"env-{i:00}", $"wso2-env-{i:00}"))
                .ToList();
            // Console runs get their names here; scripted scenarios start theirs through the functions.
            var runs = scenario.Script is null
                ? environments.ToDictionary(e => $"sim-{e.Environment}-{ids.Hex(8)}", e => e, StringComparer.Ordinal)
                : new Dictionary<string, ScenarioEnvironment>(StringComparer.Ordinal);
            var inputs = new ConcurrentDictionary<string, string>(StringComparer.Ordinal);
            var tracker = new ExecutionTracker(options.Progress, name => runs.TryGetValue(name, out var e) ? e.Environment : EnvironmentOf(inputs, name) ?? name);
            var reactions = new RunnerReactions(scenario, runner, world, scheduler, inputs);
            runner.LineReceived += tracker.OnLine;
            runner.LineReceived += reactions.OnLine;
            if (options.RunnerLog is { } runnerLog)
            {
                runner.RawLineReceived += runnerLog.WriteLine;
            }

            foreach (var environment in environments)
            {
                await PrepareAsync(scenario, environment, world, locks, clock, cancellationToken).ConfigureAwait(false);
            }

            options.Progress?.WriteLine($"simulate {scenario.Name}: {environments.Count} environment(s), seed {options.Seed}, virtual clock{(options.Pace is { } pace ? $" paced at x{pace:0.##}" : "")}, moto {moto.Endpoint}");
            foreach (var (name, environment) in runs)
            {
                var input = ScenarioCatalog.StandardInput(environment);
                scenario.CustomiseInput?.Invoke(input, environment);
                inputs[name] = input.ToJsonString();
                runner.StartExecution(name, inputs[name]);
            }

            var answers = new List<ApiAnswer>();
            if (options.Serve is { } serve)
            {
                await serve.RunAsync(new ServeSession(scheduler, dispatcher, runner, moto.Endpoint), cancellationToken).ConfigureAwait(false);
            }
            else
            {
                var scripts = scenario.Script is { } script
                    ? environments.Select(e => scheduler.Spawn($"scenario {scenario.Name} for {e.Environment}",
                        () => script(new ScenarioDriver(e, world, dispatcher, name => scheduler.WhenAllAsync([reactions.Ending(name)]), answers)))).ToList()
                    : [];
                bool Finished() => scenario.Script is null
                    ? reactions.Ended.Count == runs.Count
                    : scripts.All(t => t.IsCompleted) && reactions.Started.Keys.All(reactions.Ended.ContainsKey);
                if (scenario.Scheduled)
                {
                    new EventBridgeSchedule(world, Finished, scenario.DuplicatedTicks.Select(t => clock.UtcNow + t).ToHashSet()).Start();
                }

                // Every execution, including those the scenario's script or the scheduler started, has ended.
                options.Chaos?.Started(new Chaos.ChaosStage(clock, dispatcher, deployments, [.. runs.Keys], Finished));
                using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                timeout.CancelAfter(options.RealTimeout);
                await scheduler.RunAsync(Finished, timeout.Token).ConfigureAwait(false);
            }

            var executions = new List<ExecutionReport>();
            foreach (var name in reactions.Ended.Keys.Order(StringComparer.Ordinal))
            {
                var final = reactions.Ended[name];
                var environment = runs.TryGetValue(name, out var console) ? console
                    : new ScenarioEnvironment(0, EnvironmentOf(inputs, name) ?? "", InputText(inputs, name, "stackName") ?? "");
                executions.Add(new ExecutionReport
                {
                    Name = name,
                    Environment = environment.Environment,
                    StackName = environment.StackName,
                    Status = final.GetProperty("status").GetString()!,
                    Error = RunnerReactions.Text(final, "error"),
                    Cause = RunnerReactions.Text(final, "cause"),
                    StartedAt = DateTimeOffset.FromUnixTimeMilliseconds(final.GetProperty("startDate").GetInt64()),
                    EndedAt = DateTimeOffset.FromUnixTimeMilliseconds(final.GetProperty("stopDate").GetInt64()),
                    Transitions = final.GetProperty("transitions").GetInt32(),
                    States = tracker.Visits(name),
                    Record = await deployments.GetAsync(name, cancellationToken).ConfigureAwait(false),
                    Phases = await deployments.GetPhasesAsync(name, cancellationToken).ConfigureAwait(false),
                    Lock = await locks.GetAsync(environment.Environment, cancellationToken).ConfigureAwait(false),
                });
            }

            answers.AddRange(await ReadApiAsync(new FunctionDispatcher(services, clock, ids, syncLog), executions, clock.UtcNow).ConfigureAwait(false));

            var notifications = tracker.Notifications
                .Concat(world.Notifier.Sent.Select(n => new NotificationReport(n.At, "function:sns", null, n.TopicArn, n.Subject, n.Message)))
                .OrderBy(n => n.At)
                .ToList();
            var report = new SimulationReport
            {
                Scenario = scenario.Name,
                ExpectedStatus = scenario.ExpectedStatus,
                Seed = options.Seed,
                Pace = options.Pace,
                MotoEndpoint = moto.Endpoint,
                TableName = TableName,
                RealDuration = watch.Elapsed,
                Executions = [.. executions.OrderBy(e => e.Environment, StringComparer.Ordinal).ThenBy(e => e.StartedAt)],
                Invocations = dispatcher.Invocations,
                Events = world.Bus.Events,
                Notifications = notifications,
                Stacks = world.StackSnapshot(),
                ThrottledCalls = world.Throttles.Throttled,
                FunctionLog = log.ToString(),
                RunnerStderr = runner.Stderr,
                ExecutionInputs = [.. inputs.OrderBy(i => i.Key, StringComparer.Ordinal).Select(i => i.Value)],
                ApiAnswers = answers,
                Payloads = dispatcher.Payloads,
                CommandLines = world.CommandLines(),
                SecureValues = world.Parameters.SecureValues,
                Steps = scheduler.Steps,
                Advances = scheduler.Advances,
                Commands = world.CommandSnapshot(),
            };
            return new SimulationRun(report, options.Keep ? moto : null);
        }
        finally
        {
            if (!options.Keep && options.SharedMoto is null)
            {
                await moto.DisposeAsync().ConfigureAwait(false);
            }
        }
    }

    /// <summary>Stops a runner whose start may still be under way, or may have failed.</summary>
    private static async Task StopAsync(Task<AslRunner> starting)
    {
        try
        {
            await (await starting.ConfigureAwait(false)).DisposeAsync().ConfigureAwait(false);
        }
        catch (Exception e) when (e is InvalidOperationException or TimeoutException or OperationCanceledException)
        {
            // It did not start: nothing to stop.
        }
    }

    /// <summary>The EventBridge rules of serverless.template: service events to the router, execution changes to execution-status.</summary>
    private static string? RuleTarget(string source) => source switch
    {
        EventSources.StepFunctions => HandlerNames.ExecutionStatus,
        EventSources.CloudFormation or EventSources.Ssm => HandlerNames.EventRouter,
        _ when source.StartsWith(EventSources.SignalSourcePrefix, StringComparison.Ordinal) => HandlerNames.EventRouter,
        EventBridgeSchedule.Source => HandlerNames.Scheduler,
        _ => null,
    };

    /// <summary>The world's ports as the AWS adapters would call AWS, each request recorded; stack tags as the world holds them.</summary>
    private static FunctionServices Recorded(FunctionServices services, IamCallLog calls, SimulatedWorld world)
    {
        calls.Stacks = name => Task.FromResult(world.StackSnapshot().LastOrDefault(s => s.StackName == name || s.StackId == name)?.StackId);
        calls.Tags = arn => Task.FromResult(world.StackSnapshot().LastOrDefault(s => s.StackId == arn)?.Tags);
        return services with
        {
            Stacks = new RecordedPorts.Stacks(services.Stacks, calls, services.Settings.StackRoleArn),
            Commands = new RecordedPorts.Commands(services.Commands, calls),
            Notifier = new RecordedPorts.Notifier(services.Notifier, calls),
            LoadBalancer = new RecordedPorts.LoadBalancer(services.LoadBalancer, calls),
            Images = new RecordedPorts.Images(services.Images, calls),
            Templates = new RecordedPorts.Templates(services.Templates, calls),
        };
    }

    /// <summary>The simulated installation's settings, as serverless.template would set them for an orchestrator stack named <see cref="OrchestratorName"/>.</summary>
    public static OrchestratorSettings Settings(Uri? apiUrl = null) => new()
    {
        TableName = TableName,
        StateMachineArn = FunctionArns.StateMachineArn,
        TeardownStateMachineArn = FunctionArns.TeardownStateMachineArn,
        TopicArn = FunctionArns.TopicArn,
        BundledTemplateUrl = "https://wso2-sim-artifacts.s3.us-east-1.amazonaws.com/templates/pattern-1.yaml",
        DatabaseDocumentName = "wso2-sim-run-database-scripts",
        AgentDocumentName = "wso2-sim-run-puppet-agent",
        StackRoleArn = $"arn:aws:iam::{SimulatedWorld.Account}:role/wso2-sim-stack",
        ApiBaseUrl = apiUrl?.ToString().TrimEnd('/') ?? "https://api.wso2-sim.example/prod",
        OrchestratorName = OrchestratorName,
        StackNamePrefix = "wso2-",
        TemplateBucketName = "wso2-sim-artifacts",
        TemplatePrefix = "templates/",
        ExtraTopicPrefix = "wso2-",
        PermissionsBoundaryArn = $"arn:aws:iam::{SimulatedWorld.Account}:policy/wso2-sim-ProductBoundary",
    };

    /// <summary>The password of a served environment's SecureString: letters, digits and '-', so a leak would show verbatim.</summary>
    private static string ServedPassword(string parameterName) => $"Db-{parameterName.Trim('/').Replace('/', '-')}-q7Vx2mK9pLw4";

    /// <summary>The simulated orchestrator's own stack name: its functions and state machine are named after it, its product stacks tagged with it.</summary>
    public const string OrchestratorName = "wso2-sim";

    /// <summary>What the API shows after the run, read as a client would: every run and each environment's history and registration.</summary>
    private static async Task<IReadOnlyList<ApiAnswer>> ReadApiAsync(FunctionDispatcher reader, IReadOnlyList<ExecutionReport> executions, DateTimeOffset now)
    {
        var paths = executions.Select(e => $"/deployments/{e.Name}")
            .Concat(executions.Select(e => e.Environment).Distinct(StringComparer.Ordinal).SelectMany(env => new[] { $"/environments/{env}/deployments", $"/environments/{env}" }));
        var answers = new List<ApiAnswer>();
        foreach (var path in paths)
        {
            answers.Add(await ScenarioDriver.CallApiAsync(reader, "GET", path, null, now).ConfigureAwait(false));
        }

        return answers;
    }

    /// <summary>A member of an execution's input (the environment, the stack name); null when absent.</summary>
    private static string? InputText(ConcurrentDictionary<string, string> inputs, string execution, string member)
    {
        if (!inputs.TryGetValue(execution, out var input))
        {
            return null;
        }

        using var document = JsonDocument.Parse(input);
        return document.RootElement.TryGetProperty(member, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
    }

    private static string? EnvironmentOf(ConcurrentDictionary<string, string> inputs, string execution) => InputText(inputs, execution, "environment");

    private static async Task PrepareAsync(Scenario scenario, ScenarioEnvironment environment, SimulatedWorld world, DynamoLockStore locks, VirtualClock clock, CancellationToken cancellationToken)
    {
        // The operator created the environment's SecureString before any deployment.
        world.Parameters.PutSecureString($"/wso2/{environment.Environment}/db-password", ScenarioCatalog.DatabasePassword(environment));

        if (scenario.SeedPreviousStack)
        {
            world.Stacks.SeedCompleteStack(environment.StackName, environment.Environment, $"previous-{environment.Environment}", OrchestratorName);
        }

        if (scenario.EnvironmentBusy)
        {
            await locks.AcquireAsync(environment.Environment, $"other-{environment.Environment}", clock.UtcNow, TimeSpan.FromHours(3), cancellationToken).ConfigureAwait(false);
        }
    }
}
