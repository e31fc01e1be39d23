using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Wso2Serverless.Domain.Model;
using Wso2Serverless.Domain.Notifications;
using Wso2Serverless.Domain.Outcomes;
using Wso2Serverless.Domain.Ports;
using Wso2Serverless.Domain.Signals;
using Wso2Serverless.Functions.Api;
using Wso2Serverless.Functions.Events;
using Wso2Serverless.Functions.Hosting;
using Wso2Serverless.Functions.Scheduling;
using Wso2Serverless.Functions.Tasks;
using Wso2Serverless.Runtime;

namespace Wso2Serverless.Security.Tests.Contract;

/// <summary>
/// Every function on the real adapters against moto, on the paths the workflow, the rules and
/// operators take: a deployment from the API through Accept, CreateStack, the events that end its
/// waits, the commands, Reconcile, Verify and Complete; a failure with the delete policy; a rebuild;
/// an abort; a cancel; a teardown; scheduled rebuilds (one retried, one skipped as busy) and the
/// notification outbox; a create re-entered after its stack event was lost; a READY that comes
/// before its wait; every waiting task after its lease was lost; a terminal event of one of our
/// stacks that no task waits for yet.
/// Each step runs as its function (<c>IamCallLog.As</c>). A step moto cannot answer is kept with its
/// error: the request was still made, and recorded.
/// </summary>
public sealed class ContractRuns(OrchestratorOnMoto moto)
{
    private static readonly CancellationToken Ct = CancellationToken.None;

    private string? _lastResponse;

    public List<string> Failures { get; } = [];

    private FunctionServices Services => moto.Services;

    public async Task RunAllAsync()
    {
        // A deployment, its whole way, with a request topic of its own.
        var dev = await StartAsync(Request("dev", "\"notification\": {\"topicArn\": \"arn:aws:sns:us-east-1:123456789012:wso2-team\"}"));
        var d = Dev = await AcceptAsync(dev, Request("dev", "\"notification\": {\"topicArn\": \"arn:aws:sns:us-east-1:123456789012:wso2-team\"}"));
        await Step(HandlerNames.CreateStack, () => new CreateStackFunction(Services).HandleAsync(new WaitTaskRequest { Deployment = d, TaskToken = "token-create" }, Ct));
        var stackId = (await Services.Deployments.GetAsync(d.DeploymentId, Ct))!.StackId!;
        await RouteAsync(StackEvent(stackId, "CREATE_IN_PROGRESS", ClientRequestTokens.For(d.DeploymentId, PhaseNames.CreateStack, 1)));
        await RouteAsync(StackEvent(stackId, "CREATE_COMPLETE", ClientRequestTokens.For(d.DeploymentId, PhaseNames.CreateStack, 1)));
        await RouteAsync(Signal(d, "modules", PuppetMasterSignal.Progress));
        await Step(HandlerNames.AwaitPuppetMaster, () => new AwaitPuppetMasterFunction(Services).HandleAsync(new WaitTaskRequest { Deployment = d, TaskToken = "token-pm" }, Ct));
        await RouteAsync(Signal(d, "modules", PuppetMasterSignal.Progress));
        await RouteAsync(Signal(d, "verify", PuppetMasterSignal.Ready));
        await Step(HandlerNames.Reconcile, () => new ReconcileFunction(Services).HandleAsync(new ReconcileRequest { Phase = PhaseNames.CreateStack, Deployment = d }, Ct));
        await Step(HandlerNames.RunDatabaseScripts, () => new RunDatabaseScriptsFunction(Services).HandleAsync(new WaitTaskRequest { Deployment = d, TaskToken = "token-db" }, Ct));
        var commands = await Services.Deployments.GetPhaseAsync(d.DeploymentId, PhaseNames.RunDatabaseScripts, Ct);
        if (commands?.Detail.GetValueOrDefault(DetailKeys.CommandId) is { } commandId)
        {
            // moto has no ListCommandInvocations: the router's read is recorded, then fails there.
            await RouteAsync(CommandEvent(commandId, "Success", OrchestratorOnMoto.DatabaseDocument));
        }

        await Step(HandlerNames.Reconcile, () => new ReconcileFunction(Services).HandleAsync(new ReconcileRequest { Phase = PhaseNames.RunDatabaseScripts, Deployment = d }, Ct));
        await Step(HandlerNames.RunPuppetAgent, () => new RunPuppetAgentFunction(Services).HandleAsync(new WaitTaskRequest { Deployment = d, TaskToken = "token-apim", Agent = new AgentStep(AgentRoles.ApiManager) }, Ct));
        await Step(HandlerNames.Verify, () => new VerifyFunction(Services).HandleAsync(new VerifyRequest { Deployment = d, EnteredTime = DateTimeOffset.UtcNow.ToString("O", CultureInfo.InvariantCulture) }, Ct));
        await Step(HandlerNames.Complete, () => new CompleteFunction(Services).HandleAsync(new CompleteRequest { Deployment = d, ExecutionArn = ExecutionArn(dev), DefaultTopicArn = moto.Settings.TopicArn }, Ct));

        // An early rollback of another run's stack: described and its culprit read before any task waits.
        await RouteAsync(StackEvent(stackId, "ROLLBACK_COMPLETE", ClientRequestTokens.For(d.DeploymentId, PhaseNames.CreateStack, 1)));

        // A run that fails with the delete policy: its own stack is described, then deleted.
        var qa = await StartAsync(Request("qa", "\"failurePolicy\": \"delete\""));
        var failing = await AcceptAsync(qa, Request("qa", "\"failurePolicy\": \"delete\""));
        await Step(HandlerNames.CreateStack, () => new CreateStackFunction(Services).HandleAsync(new WaitTaskRequest { Deployment = failing, TaskToken = "token-create-qa" }, Ct));

        // Its stack event lost, CreateStack is entered again after Reconcile: it finds the stack done and ends the wait itself.
        await Step(HandlerNames.CreateStack, () => new CreateStackFunction(Services).HandleAsync(new WaitTaskRequest { Deployment = failing, TaskToken = "token-create-qa-2" }, Ct));
        await Step(HandlerNames.RecordFailure, () => new RecordFailureFunction(Services).HandleAsync(new RecordFailureRequest
        {
            Phase = PhaseNames.RunDatabaseScripts, ExecutionName = qa, ExecutionArn = ExecutionArn(qa), Deployment = failing,
            Error = new TaskError("Wso2.CommandFailed", "the database scripts exited 1"), DefaultTopicArn = moto.Settings.TopicArn,
        }, Ct));

        // A rebuild of dev: the old stack (ours, tagged) is deleted first. Then an abort closes it.
        // Its request names a topic of its own: the abort is announced there (execution-status).
        var rebuild = await StartAsync(Request("dev", "\"rebuild\": true, " + TeamTopic));
        var rebuilt = await AcceptAsync(rebuild, Request("dev", "\"rebuild\": true, " + TeamTopic));
        await Step(HandlerNames.RemoveOldStack, () => new RemoveOldStackFunction(Services).HandleAsync(new WaitTaskRequest { Deployment = rebuilt, TaskToken = "token-remove" }, Ct));
        await RouteAsync(StackEvent(stackId, "DELETE_COMPLETE", ClientRequestTokens.For(rebuild, PhaseNames.RemoveOld, 1)));
        await Step(HandlerNames.ExecutionStatus, () => Raw(HandlerNames.ExecutionStatus, ExecutionEvent(rebuild, "ABORTED")));

        // A run cancelled through the API: closed and announced, then its execution stopped.
        var uat = await StartAsync(Request("uat", TeamTopic));
        var early = await AcceptAsync(uat, Request("uat", TeamTopic));
        await RouteAsync(Signal(early, "verify", PuppetMasterSignal.Ready));
        await Step(HandlerNames.AwaitPuppetMaster, () => new AwaitPuppetMasterFunction(Services).HandleAsync(new WaitTaskRequest { Deployment = early, TaskToken = "token-pm-uat" }, Ct));
        await Step(HandlerNames.Api, () => ApiAsync("POST", $"/deployments/{uat}/cancel"));

        // Every waiting task whose environment lease is gone fails its own wait, naming the holder.
        await LeaseLostAsync(d with { Environment = "lost" });

        // A terminal event of one of our stacks that no task waits for yet: described for its deployment tag, and kept.
        await EarlyStackEventAsync();

        // A teardown requested through the API, and run.
        await Step(HandlerNames.Api, () => ApiAsync("DELETE", "/environments/qa/stack"));
        await TeardownAsync("qa", "wso2-env-qa");

        // Scheduled rebuilds: registered, due, started; a retried tick finds the run by its name.
        await Step(HandlerNames.Api, () => ApiAsync("PUT", "/environments/sched", $$"""{"schedule": "0 * * * *", "request": {{Request("sched")}}}"""));
        var tick = DateTimeOffset.UtcNow;
        await BackdateAsync("sched", tick);
        await Step(HandlerNames.Scheduler, () => Raw(HandlerNames.Scheduler, $$"""{"time": "{{tick:O}}"}"""));
        await BackdateAsync("sched", tick);
        await Step(HandlerNames.Scheduler, () => Raw(HandlerNames.Scheduler, $$"""{"time": "{{tick:O}}"}"""));

        // A rebuild due while another run holds the environment: skipped, and the skip recorded.
        await Step(HandlerNames.Api, () => ApiAsync("PUT", "/environments/busy", $$"""{"schedule": "0 * * * *", "request": {{Request("busy")}}}"""));
        await BackdateAsync("busy", tick);
        await Services.Locks.AcquireAsync("busy", "someone-else", tick, TimeSpan.FromHours(3), Ct);
        await Step(HandlerNames.Scheduler, () => Raw(HandlerNames.Scheduler, """{"environment": "busy"}"""));

        // A notification its closer could not send: the scheduler's tick sends it.
        await Services.Deployments.CreateClosedAsync(
            new DeploymentRecord { DeploymentId = "pending-1", Environment = "dev", StackName = "wso2-env-dev", Status = DeploymentStatus.Failed, StartedAt = tick, EndedAt = tick },
            new OutboxMessage { DeploymentId = "pending-1", TopicArn = moto.Settings.TopicArn, Subject = "s", Message = "m", CreatedAt = tick.AddHours(-1), HeldUntil = tick.AddHours(-1) }, Ct);
        await Step(HandlerNames.Scheduler, () => Raw(HandlerNames.Scheduler, "{}"));

        // Reads of the API.
        await Step(HandlerNames.Api, () => ApiAsync("GET", $"/deployments/{dev}"));
        await Step(HandlerNames.Api, () => ApiAsync("GET", "/environments/dev/deployments"));
        await Step(HandlerNames.Api, () => ApiAsync("GET", "/environments/sched"));
    }

    /// <summary>The dev deployment of the run, for the cases tried after it.</summary>
    public Deployment? Dev { get; private set; }

    /// <summary>The calls the router makes for one event, on the real adapters (nothing else records meanwhile).</summary>
    public async Task<IReadOnlyList<StandIns.Iam.IamCall>> RouteRecordedAsync(string payload)
    {
        var before = moto.Log.Calls.Count;
        await RouteAsync(payload);
        return [.. moto.Log.Calls.Skip(before)];
    }

    /// <summary>A stack under the prefix that someone else created (the console), in moto, and its CREATE_COMPLETE event.</summary>
    public async Task<string> ForeignStackEventAsync()
    {
        var stackId = await Services.Stacks.CreateStackAsync(new CreateStackInput
        {
            StackName = "wso2-env-foreign",
            TemplateUrl = moto.Settings.BundledTemplateUrl,
            Parameters = new Dictionary<string, string> { ["EnvironmentName"] = "foreign", ["DeploymentId"] = "theirs", ["PermissionsBoundaryArn"] = moto.Settings.PermissionsBoundaryArn },
            Tags = new Dictionary<string, string>(),
            ClientRequestToken = "Console-CreateStack-7f59c3cf-00d2-40c7-b2ff-e75db0987002",
        }, Ct);
        return StackEvent(stackId, "CREATE_COMPLETE", "Console-CreateStack-7f59c3cf-00d2-40c7-b2ff-e75db0987002");
    }

    /// <summary>An update of the orchestrator's own stack, as CloudFormation would announce it.</summary>
    public static string OwnStackEvent() =>
        StackEvent($"arn:aws:cloudformation:{OrchestratorOnMoto.Region}:{OrchestratorOnMoto.Account}:stack/{OrchestratorOnMoto.Orchestrator}/0f0e0d0c-1111-2222-3333-444455556666",
            "UPDATE_COMPLETE", ClientRequestTokens.For("x", "y", 1));

    /// <summary>READY for dev's deployment, sent under another environment's source.</summary>
    public string ForgedReady(string environment) => Signal(Dev!, "verify", PuppetMasterSignal.Ready, environment);

    private async Task LeaseLostAsync(Deployment lost)
    {
        await Step(HandlerNames.RemoveOldStack, () => new RemoveOldStackFunction(Services).HandleAsync(new WaitTaskRequest { Deployment = lost, TaskToken = "token-lost-1" }, Ct));
        await Step(HandlerNames.CreateStack, () => new CreateStackFunction(Services).HandleAsync(new WaitTaskRequest { Deployment = lost, TaskToken = "token-lost-2" }, Ct));
        await Step(HandlerNames.AwaitPuppetMaster, () => new AwaitPuppetMasterFunction(Services).HandleAsync(new WaitTaskRequest { Deployment = lost, TaskToken = "token-lost-3" }, Ct));
        await Step(HandlerNames.RunDatabaseScripts, () => new RunDatabaseScriptsFunction(Services).HandleAsync(new WaitTaskRequest { Deployment = lost, TaskToken = "token-lost-4" }, Ct));
        await Step(HandlerNames.RunPuppetAgent, () => new RunPuppetAgentFunction(Services).HandleAsync(new WaitTaskRequest { Deployment = lost, TaskToken = "token-lost-5", Agent = new AgentStep(AgentRoles.ApiManager) }, Ct));
    }

    /// <summary>A stack of ours created outside any function (its CreateStack task's record stands for a lost one), then its CREATE_COMPLETE.</summary>
    private async Task EarlyStackEventAsync()
    {
        const string deploymentId = "early-1";
        var token = ClientRequestTokens.For(deploymentId, PhaseNames.CreateStack, 1);
        var stackId = await Services.Stacks.CreateStackAsync(new CreateStackInput
        {
            StackName = "wso2-env-early",
            TemplateUrl = moto.Settings.BundledTemplateUrl,
            Parameters = new Dictionary<string, string> { ["EnvironmentName"] = "early", ["DeploymentId"] = deploymentId, ["PermissionsBoundaryArn"] = moto.Settings.PermissionsBoundaryArn },
            Tags = new Dictionary<string, string> { [ResourceTags.Environment] = "early", [ResourceTags.DeploymentId] = deploymentId, [ResourceTags.Orchestrator] = OrchestratorOnMoto.Orchestrator },
            ClientRequestToken = token,
        }, Ct);
        await RouteAsync(StackEvent(stackId, "CREATE_COMPLETE", token));
    }

    private async Task TeardownAsync(string environment, string stackName)
    {
        var teardown = "teardown-" + environment;
        using var input = JsonDocument.Parse($$"""{"environment": "{{environment}}", "trigger": "api"}""");
        AcceptResult? accepted = null;
        await Step(HandlerNames.Accept, async () => accepted = await new AcceptFunction(Services).HandleAsync(
            new AcceptRequest { Operation = AcceptFunction.Teardown, Input = input.RootElement.Clone(), ExecutionName = teardown, StartedAt = DateTimeOffset.UtcNow }, Ct));
        if (accepted?.Deployment is { } d)
        {
            d.StackName.Should().Be(stackName);
            await Step(HandlerNames.RemoveOldStack, () => new RemoveOldStackFunction(Services).HandleAsync(
                new WaitTaskRequest { Operation = AcceptFunction.Teardown, Deployment = d, TaskToken = "token-teardown" }, Ct));
            await Step(HandlerNames.Complete, () => new CompleteFunction(Services).HandleAsync(new CompleteRequest { Operation = AcceptFunction.Teardown, Deployment = d }, Ct));
        }
    }

    private const string TeamTopic = "\"notification\": {\"topicArn\": \"arn:aws:sns:us-east-1:123456789012:wso2-team\"}";

    private static string Request(string environment, string? extra = null) => $$"""
        {"environment": "{{environment}}", "stackName": "wso2-env-{{environment}}",
         "template": "https://{{OrchestratorOnMoto.TemplateBucket}}.s3.{{OrchestratorOnMoto.Region}}.amazonaws.com/{{OrchestratorOnMoto.TemplateKey}}",
         "secrets": {"DBPassword": "/wso2/{{environment}}/db-password"}, "agents": ["apim"]{{(extra is null ? "" : ", " + extra)}}}
        """;

    /// <summary>POST /deployments; the deployment id the API answers with.</summary>
    private async Task<string> StartAsync(string request)
    {
        string? id = null;
        await Step(HandlerNames.Api, async () =>
        {
            var response = await ApiAsync("POST", "/deployments", request);
            _lastResponse = Encoding.UTF8.GetString(response.Span);
            id = JsonNode.Parse(Encoding.UTF8.GetString(response.Span))!["body"] is { } body
                ? (string?)JsonNode.Parse((string)body!)!["deploymentId"]
                : null;
            return response;
        });
        return id ?? throw new InvalidOperationException("the API started no deployment: " + string.Join("; ", Failures) + _lastResponse + FunctionLog);
    }

    private async Task<Deployment> AcceptAsync(string id, string request)
    {
        using var input = JsonDocument.Parse(request);
        AcceptResult? accepted = null;
        await Step(HandlerNames.Accept, async () => accepted = await new AcceptFunction(Services).HandleAsync(
            new AcceptRequest { Input = input.RootElement.Clone(), ExecutionName = id, ExecutionArn = ExecutionArn(id), StartedAt = DateTimeOffset.UtcNow }, Ct));
        return accepted?.Deployment ?? throw new InvalidOperationException($"Accept refused {id}: {accepted?.Error}");
    }

    private async Task BackdateAsync(string environment, DateTimeOffset tick)
    {
        var config = (await Services.Environments.GetAsync(environment, Ct))!;
        // The store keeps a last-scheduled time it is given; null would leave the one already marked.
        await Services.Environments.PutAsync(config with { UpdatedAt = tick.AddHours(-3), LastScheduledAt = tick.AddHours(-3) }, Ct);
    }

    private string ExecutionArn(string id) => moto.Settings.StateMachineArn.Replace(":stateMachine:", ":execution:", StringComparison.Ordinal) + ":" + id;

    private Task RouteAsync(string payload) => Step(HandlerNames.EventRouter, () => Raw(HandlerNames.EventRouter, payload));

    /// <summary>One step as its function, through the catalog's handler where the payload is raw (events, API, scheduler).</summary>
    private async Task Step<T>(string handler, Func<Task<T>> step)
    {
        using (moto.Log.As(handler))
        {
            try
            {
                await step();
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                Failures.Add($"{handler}: {ex.GetType().Name}: {ex.Message} {ex.InnerException?.Message}");
            }
        }
    }

    private Task<ReadOnlyMemory<byte>> Raw(string handler, string payload) =>
        FunctionCatalog.Find(handler)!.Create(Services).HandleAsync(Encoding.UTF8.GetBytes(payload), Context(handler));

    private Task<ReadOnlyMemory<byte>> ApiAsync(string method, string path, string? body = null) =>
        Raw(HandlerNames.Api, JsonSerializer.Serialize(new HttpApiRequest
        {
            Version = "2.0",
            RouteKey = "$default",
            RawPath = path,
            RawQueryString = "",
            Headers = new Dictionary<string, string>(StringComparer.Ordinal) { ["host"] = "abc123.execute-api.us-east-1.amazonaws.com", ["content-type"] = "application/json" },
            Body = body,
            RequestContext = new HttpApiRequestContext
            {
                AccountId = OrchestratorOnMoto.Account,
                ApiId = "abc123",
                DomainName = "abc123.execute-api.us-east-1.amazonaws.com",
                RequestId = Guid.NewGuid().ToString(),
                Stage = "$default",
                Http = new HttpApiHttpDescription { Method = method, Path = path, Protocol = "HTTP/1.1", SourceIp = "203.0.113.9" },
                Authorizer = new HttpApiAuthorizer { Iam = new HttpApiIamIdentity { UserArn = $"arn:aws:iam::{OrchestratorOnMoto.Account}:user/operator" } },
            },
        }, ApiJsonContext.Default.HttpApiRequest));

    /// <summary>The functions' log lines, for a step that went wrong.</summary>
    public StringWriter FunctionLog { get; } = new(CultureInfo.InvariantCulture);

    private LambdaContext Context(string handler) => new()
    {
        RequestId = Guid.NewGuid().ToString(),
        FunctionName = "wso2-orchestrator-" + handler,
        Deadline = DateTimeOffset.UtcNow.AddMinutes(1),
        CancellationToken = Ct,
        Now = () => DateTimeOffset.UtcNow,
        Log = new JsonLog(FunctionLog, handler, "r", SecretRedactor.Default),
    };

    private static string StackEvent(string stackId, string status, string token) => Envelope("aws.cloudformation", "CloudFormation Stack Status Change", stackId, new JsonObject
    {
        ["stack-id"] = stackId,
        ["status-details"] = new JsonObject { ["status"] = status, ["status-reason"] = "" },
        ["client-request-token"] = token,
    });

    private static string CommandEvent(string commandId, string status, string document) => Envelope("aws.ssm", "EC2 Command Status-change Notification", null, new JsonObject
    {
        ["command-id"] = commandId,
        ["document-name"] = document,
        ["requested-date-time"] = DateTimeOffset.UtcNow.ToString("O", CultureInfo.InvariantCulture),
        ["status"] = status,
    });

    private static string Signal(Deployment d, string stage, string status, string? environment = null) => Envelope(PuppetMasterSignal.SourceFor(environment ?? d.Environment), PuppetMasterSignal.DetailType, null, new JsonObject
    {
        ["deploymentId"] = d.DeploymentId,
        ["stage"] = stage,
        ["status"] = status,
        ["message"] = stage + " done",
    });

    private string ExecutionEvent(string id, string status) => Envelope("aws.states", "Step Functions Execution Status Change", ExecutionArn(id), new JsonObject
    {
        ["executionArn"] = ExecutionArn(id),
        ["stateMachineArn"] = moto.Settings.StateMachineArn,
        ["name"] = id,
        ["status"] = status,
        ["startDate"] = DateTimeOffset.UtcNow.AddMinutes(-5).ToUnixTimeMilliseconds(),
        ["stopDate"] = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds(),
        ["input"] = "{}",
    });

    private static string Envelope(string source, string detailType, string? resource, JsonObject detail) => new JsonObject
    {
        ["version"] = "0",
        ["id"] = Guid.NewGuid().ToString(),
        ["detail-type"] = detailType,
        ["source"] = source,
        ["account"] = OrchestratorOnMoto.Account,
        ["time"] = DateTimeOffset.UtcNow.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture),
        ["region"] = OrchestratorOnMoto.Region,
        ["resources"] = resource is null ? new JsonArray() : new JsonArray(resource),
        ["detail"] = detail,
    }.ToJsonString();
}
