using Wso2Serverless.Runtime;
using System.Globalization;
using System.Text.Json;
using Wso2Serverless.Domain.Model;
using Wso2Serverless.Domain.Validation;
using Wso2Serverless.Domain.Workflow;
using Wso2Serverless.Functions.Hosting;
using Wso2Serverless.Functions.Outbox;
using Wso2Serverless.Functions.Scheduling;

namespace Wso2Serverless.Functions.Tasks;

/// <summary>
/// The first phase: validate the request, write the deployment record, then take the
/// environment's lock (in that order, so a failure between the two leaves a record for
/// RecordRejection to close, never an orphaned lock). A rejected request still gets a record
/// (status Rejected, with the reason) and a notification, so nothing a caller sent is lost, but
/// nothing else is created. A second Accept of the same execution (a retried invocation) finds
/// the record, finishes what the first left undone and answers as the first did.
/// </summary>
public sealed class AcceptFunction(FunctionServices services)
{
    public const string Teardown = "teardown";

    public async Task<AcceptResult> HandleAsync(AcceptRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var id = request.ExecutionName;
        var isTeardown = string.Equals(request.Operation, Teardown, StringComparison.Ordinal);
        var requestedAt = request.StartedAt ?? services.Clock.UtcNow;

        var existing = await services.Deployments.GetAsync(id, cancellationToken).ConfigureAwait(false);
        if (existing is { Status: DeploymentStatus.Rejected })
        {
            return Reject(isTeardown, existing.Reason?.StartsWith("environment busy", StringComparison.Ordinal) == true ? WorkflowErrors.EnvironmentBusy : WorkflowErrors.InvalidInput, existing.Reason ?? "rejected");
        }

        var validation = isTeardown
            ? await TeardownDeploymentAsync(request.Input, id, requestedAt, cancellationToken).ConfigureAwait(false)
            : DeploymentRequestValidator.Validate(request.Input, id, requestedAt);
        if (validation.IsValid && LeaseBudget.Check(validation.Deployment!.Timeouts, services.Settings.LockLease) is { Count: > 0 } tooLong)
        {
            validation = validation with { Deployment = null, Problems = tooLong };
        }

        if (!validation.IsValid)
        {
            var reason = validation.Describe();
            await RecordRejectionAsync(id, request, RawString(request.Input, "environment"), RawString(request.Input, "stackName"), null, requestedAt, reason, cancellationToken).ConfigureAwait(false);
            return Reject(isTeardown, WorkflowErrors.InvalidInput, reason);
        }

        var deployment = validation.Deployment!;
        if (existing is null)
        {
            // The record first, then the lock: a failure in between leaves a Running record that
            // RecordRejection closes (releasing whatever lock it finds ours), never a lock that
            // no record names.
            await services.Deployments.CreateAsync(
                new DeploymentRecord
                {
                    DeploymentId = id,
                    Environment = deployment.Environment,
                    StackName = deployment.StackName,
                    Status = DeploymentStatus.Running,
                    StartedAt = requestedAt,
                    ExecutionArn = request.ExecutionArn,
                    Trigger = deployment.Trigger,
                    Rebuild = deployment.Rebuild,
                    Notification = deployment.Notification,
                },
                cancellationToken).ConfigureAwait(false);
        }
        else if (existing.Status != DeploymentStatus.Running)
        {
            // Closed already (cancelled, or recorded as failed): a late duplicate must not start it again.
            return Reject(isTeardown, WorkflowErrors.InvalidInput, $"deployment {id} already ended as {existing.Status}");
        }

        var journal = new PhaseJournal(services.Deployments, services.Clock);
        var attempt = await services.Locks.AcquireAsync(deployment.Environment, id, services.Clock.UtcNow, services.Settings.LockLease, cancellationToken).ConfigureAwait(false);
        if (!attempt.Acquired)
        {
            var holder = attempt.Holder;
            var reason = holder is null
                ? $"environment busy: environment {deployment.Environment} is locked"
                : string.Create(CultureInfo.InvariantCulture, $"environment busy: deployment {holder.DeploymentId} running since {holder.AcquiredAt:yyyy-MM-ddTHH:mm:ssZ}");
            await journal.FinishAsync(id, PhaseNames.Accept, PhaseStatus.Failed, reason, null, null, cancellationToken).ConfigureAwait(false);
            var record = await services.Deployments.GetAsync(id, cancellationToken).ConfigureAwait(false) ?? throw new InvalidOperationException($"Deployment {id} has no record");
            await RunCloser.For(services).CloseAsync(record, new RecordClosing(id, DeploymentStatus.Rejected, PhaseNames.Accept, reason, services.Clock.UtcNow), notify: true, null, cancellationToken).ConfigureAwait(false);
            return Reject(isTeardown, WorkflowErrors.EnvironmentBusy, reason);
        }

        if (await journal.GetAsync(id, PhaseNames.Accept, cancellationToken).ConfigureAwait(false) is not { Status: PhaseStatus.Succeeded })
        {
            var detail = new Dictionary<string, string>(StringComparer.Ordinal)
            {
                ["environment"] = deployment.Environment,
                ["stackName"] = deployment.StackName,
                ["operation"] = isTeardown ? Teardown : "deploy",
            };
            await journal.StartAsync(id, PhaseNames.Accept, detail, cancellationToken).ConfigureAwait(false);
            await journal.FinishAsync(id, PhaseNames.Accept, PhaseStatus.Succeeded, null, null, null, cancellationToken).ConfigureAwait(false);
        }

        return new AcceptResult(true, deployment, null);
    }

    /// <summary>The rejection, recorded and announced: the Accept phase failed, then the record born Rejected with its notification.</summary>
    private async Task RecordRejectionAsync(string id, AcceptRequest request, string? environment, string? stackName, NotificationOptions? notification, DateTimeOffset requestedAt, string reason, CancellationToken ct)
    {
        var journal = new PhaseJournal(services.Deployments, services.Clock);
        await journal.FinishAsync(id, PhaseNames.Accept, PhaseStatus.Failed, reason, null, null, ct).ConfigureAwait(false);
        await RunCloser.For(services).CreateClosedAsync(
            new DeploymentRecord
            {
                DeploymentId = id,
                Environment = environment ?? "unknown",
                StackName = stackName ?? "unknown",
                Status = DeploymentStatus.Rejected,
                StartedAt = requestedAt,
                EndedAt = services.Clock.UtcNow,
                ExecutionArn = request.ExecutionArn,
                FailedPhase = PhaseNames.Accept,
                Reason = reason,
                Notification = notification,
            },
            null,
            ct).ConfigureAwait(false);
    }

    /// <summary>
    /// The teardown state machine expects a failed task (its Catch routes to Rejected); the
    /// deployment machine routes on the result instead.
    /// </summary>
    private static AcceptResult Reject(bool throwIt, string error, string reason) =>
        throwIt ? throw new FunctionException(error, reason) : new AcceptResult(false, null, new TaskError(error, reason));

    /// <summary>
    /// A teardown names the environment, and the stack when a caller chose it; otherwise the stack
    /// is the environment's by the one rule teardown and expiry share (<see cref="EnvironmentStacks"/>).
    /// </summary>
    private async Task<RequestValidation> TeardownDeploymentAsync(JsonElement input, string id, DateTimeOffset requestedAt, CancellationToken ct)
    {
        var environment = RawString(input, "environment");
        if (environment is null)
        {
            return new RequestValidation(null, [new ValidationProblem("$.environment", "required: the environment to tear down")]);
        }

        var stackName = RawString(input, "stackName");
        if (stackName is null)
        {
            var found = await EnvironmentStacks.FindAsync(services.Deployments, services.Environments, environment, ct).ConfigureAwait(false);
            stackName = found.StackName;
            if (stackName is null)
            {
                return new RequestValidation(null, [new ValidationProblem("$.environment", $"there is no stack of this environment to tear down ({found.Source})")]);
            }
        }

        var trigger = RawString(input, "trigger") ?? "console";
        return new RequestValidation(
            new Deployment
            {
                DeploymentId = id,
                Environment = environment,
                StackName = stackName,
                Parameters = new Dictionary<string, string>(),
                Secrets = new Dictionary<string, string>(),
                Agents = [],
                Timeouts = new PhaseTimeouts(),
                RequestedAt = requestedAt,
                Trigger = trigger,
            },
            []);
    }

    /// <summary>A plain string property of the raw input (for the rejection record), bounded so nothing large lands there.</summary>
    private static string? RawString(JsonElement input, string name) =>
        input.ValueKind == JsonValueKind.Object && input.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String
            && v.GetString() is { Length: > 0 and <= 64 } s ? s : null;
}
