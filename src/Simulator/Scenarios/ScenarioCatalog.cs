using System.Text.Json.Nodes;
using Wso2Serverless.Domain.Model;
using Wso2Serverless.StandIns.World;

namespace Wso2Serverless.Simulator.Scenarios;

/// <summary>Every scenario simulate knows, in the order <c>--list</c> prints them.</summary>
public static class ScenarioCatalog
{
    public const string Succeeded = "SUCCEEDED";
    public const string Failed = "FAILED";
    public const string Aborted = "ABORTED";

    /// <summary>In <c>throttling</c>, how many CreateStack invocations in a row fail with Wso2.Transient.</summary>
    public const int ThrottledCreateStackInvocations = 4;

    public static IReadOnlyList<Scenario> All { get; } =
    [
        new()
        {
            Name = "happy",
            Summary = "Everything works: stack, Puppet Master, DB scripts, API Manager and Micro Integrator agents, verify; the product URLs are recorded.",
            ExpectedStatus = Succeeded,
            ExpectStackKept = true,
        },
        new()
        {
            Name = "rebuild",
            Summary = "The environment already has a stack: RemoveOld deletes it (waiting for DELETE_COMPLETE) before the new one is created.",
            ExpectedStatus = Succeeded,
            SeedPreviousStack = true,
            CustomiseInput = static (input, _) => input["rebuild"] = true,
            ExpectStackKept = true,
        },
        new()
        {
            Name = "stack-rollback",
            Summary = "An Auto Scaling group cannot get capacity: the stack rolls back; the failed resource and its reason are recorded, the stack is kept for debugging.",
            ExpectedStatus = Failed,
            ExpectedFailedPhase = PhaseNames.CreateStack,
            ExpectedReason = "ApimNode1Group",
            Faults = new WorldFaults { FailingStackResource = "ApimNode1Group" },
            ExpectStackKept = true,
        },
        new()
        {
            Name = "lost-stack-event",
            Summary = "EventBridge never delivers CREATE_COMPLETE: the wait times out, Reconcile asks CloudFormation and the run carries on.",
            ExpectedStatus = Succeeded,
            Faults = new WorldFaults { LostStackStatuses = new HashSet<string>(StringComparer.Ordinal) { "CREATE_COMPLETE" } },
            ExpectStackKept = true,
        },
        new()
        {
            Name = "puppetmaster-failed",
            Summary = "The Puppet Master's modules stage fails and it says so (FAILED signal); with failurePolicy delete the stack is deleted.",
            ExpectedStatus = Failed,
            ExpectedFailedPhase = PhaseNames.AwaitPuppetMaster,
            ExpectedReason = "modules",
            Faults = new WorldFaults { PuppetMasterFailsAtStage = "modules" },
            CustomiseInput = static (input, _) => input["failurePolicy"] = "delete",
            ExpectStackKept = false,
        },
        new()
        {
            Name = "puppetmaster-silent",
            Summary = "The Puppet Master never reports: the heartbeat times out, Reconcile cannot confirm readiness and the wait is given up with a clear reason.",
            ExpectedStatus = Failed,
            ExpectedFailedPhase = PhaseNames.AwaitPuppetMaster,
            Faults = new WorldFaults { PuppetMasterSilent = true },
            ExpectStackKept = true,
        },
        new()
        {
            Name = "db-scripts-fail",
            Summary = "The database scripts exit 1 (access denied): the command's output tail is recorded on the phase.",
            ExpectedStatus = Failed,
            ExpectedFailedPhase = PhaseNames.RunDatabaseScripts,
            Faults = new WorldFaults { DatabaseScriptsExitCode = 1 },
            ExpectStackKept = true,
        },
        new()
        {
            Name = "apim-agent-fails",
            Summary = "Puppet fails on the first API Manager node (exit 6: changes applied, the product's service failed to start; its Error: lines and the log's tail come back); Micro Integrator never runs.",
            ExpectedStatus = Failed,
            ExpectedFailedPhase = PhaseNames.Agent(AgentRoles.ApiManager),
            Faults = new WorldFaults { FailingAgentRoles = new HashSet<string>(StringComparer.Ordinal) { AgentRoles.ApiManager } },
            ExpectStackKept = true,
        },
        new()
        {
            Name = "mi-agent-fails",
            Summary = "API Manager configures fine, then Puppet fails on the Micro Integrator node.",
            ExpectedStatus = Failed,
            ExpectedFailedPhase = PhaseNames.Agent(AgentRoles.MicroIntegrator),
            Faults = new WorldFaults { FailingAgentRoles = new HashSet<string>(StringComparer.Ordinal) { AgentRoles.MicroIntegrator } },
            ExpectStackKept = true,
        },
        new()
        {
            Name = "target-unreachable",
            Summary = "Micro Integrator's Puppet run succeeds (its local health check passes) but the load balancer's health checks to it time out (a missing security group rule): Verify looks until verifySeconds is spent, then fails naming the target group, the instance and ELB's reason.",
            ExpectedStatus = Failed,
            ExpectedFailedPhase = PhaseNames.Verify,
            ExpectedReason = "Target.Timeout",
            Faults = new WorldFaults { UnreachableTargetNodes = new HashSet<string>(StringComparer.Ordinal) { "mi-1" } },
            ExpectStackKept = true,
        },
        new()
        {
            Name = "throttling",
            Summary = "CloudFormation and SSM throttle the first calls (Rate exceeded): the clients' and the state machine's retries absorb it and the deployment succeeds.",
            ExpectedStatus = Succeeded,
            Faults = new WorldFaults
            {
                Throttle = new Dictionary<string, int>(StringComparer.Ordinal)
                {
                    // CreateStack outlasts our CloudFormation client's five attempts four times in a
                    // row (chaos seeds 572 and 866), so the state machine's Wso2.Transient retries
                    // carry it (CreateStack is idempotent by its request token). SendCommand stays
                    // within the SSM client's own three attempts.
                    ["CreateStack"] = ThrottledCreateStackInvocations * Wso2Serverless.Aws.Http.RetryOptions.Default.MaxAttempts, ["SendCommand"] = 2,
                },
            },
            ExpectStackKept = true,
        },
        new()
        {
            Name = "duplicate-invocations",
            Summary = "Every Lambda invocation and every event is delivered twice, overlapping: still one stack, one command per phase, one notification.",
            ExpectedStatus = Succeeded,
            DuplicateInvocations = true,
            ExpectStackKept = true,
        },
        new()
        {
            Name = "abort",
            Summary = "Someone stops the execution while it waits for the Puppet Master: no Catch runs, the execution-status function closes the record and frees the lock.",
            ExpectedStatus = Aborted,
            AbortWhenEntering = "AwaitPuppetMaster",
        },
        new()
        {
            Name = "busy-environment",
            Summary = "Another deployment holds the environment's lock: Accept rejects the request and nothing is created.",
            ExpectedStatus = Failed,
            ExpectedReason = "busy",
            EnvironmentBusy = true,
        },
        new()
        {
            Name = "bad-input",
            Summary = "The request has no stackName and a password pasted into parameters: rejected at once with every problem, and the password is never echoed.",
            ExpectedStatus = Failed,
            CustomiseInput = static (input, _) =>
            {
                input.Remove("stackName");
                ((JsonObject)input["parameters"]!)["DBPassword"] = BadInputPassword;
            },
        },
        new()
        {
            Name = "scheduled-rebuild",
            Summary = "An environment registered (PUT /environments) with an hourly rebuild; the world's 5-minute EventBridge schedule invokes the scheduler. 10:00: the rebuild starts, the invocation times out before marking the due time and Lambda retries the tick (one run). 11:00: the environment is busy, a skip is recorded. 12:00: the tick is delivered twice and one rebuild starts.",
            ExpectedStatus = Succeeded,
            Script = EntryPointScripts.ScheduledRebuildAsync,
            Scheduled = true,
            SchedulerTimesOutMarking = TimeSpan.FromHours(1),
            DuplicatedTicks = [TimeSpan.FromHours(3)],
            ExpectStackKept = true,
        },
        new()
        {
            Name = "expiry",
            Summary = "An environment registered with an expiry and deployed through the API: once expiresAt has passed, the scheduler starts the teardown workflow, which deletes the stack and closes its record TornDown with a notification; the expiry is retired.",
            ExpectedStatus = Succeeded,
            Script = EntryPointScripts.ExpiryAsync,
            Scheduled = true,
            ExpectStackKept = false,
        },
        new()
        {
            Name = "teardown",
            Summary = "A deployment through the API, then DELETE /environments/{env}/stack: the teardown workflow deletes the stack, closes its record TornDown and notifies.",
            ExpectedStatus = Succeeded,
            Script = EntryPointScripts.TeardownAsync,
            ExpectStackKept = false,
        },
    ];

    /// <summary>The database password the operator stored in the environment's SecureString: it must appear nowhere the orchestrator writes.</summary>
    public static string DatabasePassword(ScenarioEnvironment environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        // Letters, digits and '-' only, so a leak shows verbatim in JSON and logs (no escaping hides it).
        return $"Db-{environment.Environment}-q7Vx2mK9pLw4";
    }

    /// <summary>The secret bad-input pastes into its request; it must appear nowhere afterwards.</summary>
    public const string BadInputPassword = "Pa55-w0rd-never-echo";

    public static Scenario? Find(string name) => All.FirstOrDefault(s => string.Equals(s.Name, name, StringComparison.OrdinalIgnoreCase));

    /// <summary>The request a console user would paste for one environment.</summary>
    public static JsonObject StandardInput(ScenarioEnvironment environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        return new JsonObject
        {
            ["environment"] = environment.Environment,
            ["stackName"] = environment.StackName,
            ["parameters"] = new JsonObject
            {
                ["CertificateName"] = "wso2-sim-cert",
                ["WSO2APIMDBInstanceEndpointAddress"] = $"wso2-{environment.Environment}.cluster-c1x2y3.us-east-1.rds.amazonaws.com",
                ["WSO2APIMDBInstanceEndpointPort"] = "3306",
                ["DBUsername"] = "wso2carbon",
                ["WSO2APIMVPC"] = "vpc-0a1b2c3d4e5f60718",
                ["WSO2APIMPrivateSubnet1"] = "subnet-0a1b2c3d4e5f60001",
                ["WSO2APIMPrivateSubnet2"] = "subnet-0a1b2c3d4e5f60002",
                ["WSO2APIMPublicSubnet1"] = "subnet-0a1b2c3d4e5f60003",
                ["WSO2APIMPublicSubnet2"] = "subnet-0a1b2c3d4e5f60004",
            },
            ["secrets"] = new JsonObject { ["DBPassword"] = $"/wso2/{environment.Environment}/db-password" },
        };
    }
}
