using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using Wso2Serverless.Domain.Model;
using Wso2Serverless.Functions.Outbox;
using Wso2Serverless.Functions.Scheduling;

namespace Wso2Serverless.Functions.Api;

public sealed partial class ApiHandler
{
    private const int DefaultPageSize = 20;
    private const int MaxPageSize = 100;

    /// <summary>
    /// <c>POST /deployments</c>: validate, refuse a busy environment, start the workflow. The
    /// record itself is written by Accept; the lock check here is a courtesy (a quick 409), the
    /// lock Accept takes is what actually keeps two runs apart.
    /// </summary>
    private async Task<HttpApiResponse> StartDeploymentAsync(ApiCall call)
    {
        var (document, problem) = RequestBody.ReadJson(call.Request, call.Path);
        if (problem is not null)
        {
            return problem;
        }

        using (document)
        {
            var root = document!.RootElement;
            var now = _services.Clock.UtcNow;
            var problems = RequestChecks.DeploymentRequest(root, now, _services.Settings.Scope(), _services.Settings.LockLease);
            if (problems.Count > 0)
            {
                return ApiResults.Invalid(call.Path, problems);
            }

            var environment = RequestChecks.EnvironmentOf(root)!;
            if (await BusyAsync(call, environment, now).ConfigureAwait(false) is { } busy)
            {
                return busy;
            }

            var deploymentId = RunNames.NewDeploymentId(now, _services.RandomBytes);
            var input = WithTrigger(root, "api");
            var started = await _services.Workflow.StartExecutionAsync(_services.Settings.StateMachineArn, deploymentId, input, call.Cancellation).ConfigureAwait(false);
            call.Context.Log.SetDeploymentId(deploymentId);
            return Started(call, deploymentId, started.ExecutionArn);
        }
    }

    /// <summary><c>GET /deployments/{id}</c>: the record and its phases.</summary>
    private async Task<HttpApiResponse> GetDeploymentAsync(ApiCall call, string deploymentId)
    {
        if (!RequestChecks.IsDeploymentId(deploymentId))
        {
            return ApiResults.NotFound(call.Path, $"'{deploymentId}' is not a deployment id.");
        }

        var record = await _services.Deployments.GetAsync(deploymentId, call.Cancellation).ConfigureAwait(false);
        if (record is null)
        {
            return ApiResults.NotFound(call.Path, $"No deployment '{deploymentId}' is recorded. A run started seconds ago is recorded once its Accept step has run.");
        }

        var phases = await _services.Deployments.GetPhasesAsync(deploymentId, call.Cancellation).ConfigureAwait(false);
        return ApiResults.Ok(HttpStatusCode.OK, new DeploymentView(record, phases), ApiJsonContext.Default.DeploymentView);
    }

    /// <summary><c>GET /environments/{env}/deployments?limit=&amp;cursor=</c>: history, newest first.</summary>
    private async Task<HttpApiResponse> ListDeploymentsAsync(ApiCall call, string environment)
    {
        if (!RequestChecks.IsEnvironmentName(environment))
        {
            return ApiResults.NotFound(call.Path, $"'{environment}' is not an environment name. {RequestChecks.EnvironmentNameRule}");
        }

        var limit = DefaultPageSize;
        if (call.Request.Query("limit") is { } rawLimit
            && (!int.TryParse(rawLimit, NumberStyles.None, CultureInfo.InvariantCulture, out limit) || limit < 1 || limit > MaxPageSize))
        {
            return ApiResults.Invalid(call.Path, [new FieldProblem("$query.limit", $"limit is a whole number from 1 to {MaxPageSize}.")]);
        }

        var cursor = call.Request.Query("cursor") is { Length: > 0 } c ? c : null;
        Page<DeploymentRecord> page;
        try
        {
            page = await _services.Deployments.ListByEnvironmentAsync(environment, limit, cursor, call.Cancellation).ConfigureAwait(false);
        }
        catch (Exception ex) when (cursor is not null && ex is ArgumentException or FormatException or OverflowException)
        {
            // Cursors are opaque: one that did not come from us (or was cut short) is the client's mistake.
            return ApiResults.Invalid(call.Path, [new FieldProblem("$query.cursor", "cursor is not one this API returned; start again without it.")]);
        }

        if (page.Items.Count == 0 && cursor is null
            && await _services.Environments.GetAsync(environment, call.Cancellation).ConfigureAwait(false) is null)
        {
            return ApiResults.NotFound(call.Path, $"Environment '{environment}' has no deployments and is not registered.");
        }

        return ApiResults.Ok(HttpStatusCode.OK, new HistoryView(page.Items, page.NextCursor), ApiJsonContext.Default.HistoryView);
    }

    /// <summary>
    /// <c>POST /deployments/{id}/cancel</c>: close the record as Cancelled (its notification
    /// queued in the same transaction, then sent), then stop the execution and free the
    /// environment. Closing first means the ABORTED event that the stop causes finds the record
    /// closed, whenever it arrives. A cancel whose stop failed is repeated by asking again. The
    /// product stack is left as it is: tearing it down is a separate, deliberate request
    /// (<c>DELETE /environments/{env}/stack</c>).
    /// </summary>
    private async Task<HttpApiResponse> CancelDeploymentAsync(ApiCall call, string deploymentId)
    {
        if (!RequestChecks.IsDeploymentId(deploymentId))
        {
            return ApiResults.NotFound(call.Path, $"'{deploymentId}' is not a deployment id.");
        }

        var record = await _services.Deployments.GetAsync(deploymentId, call.Cancellation).ConfigureAwait(false);
        if (record is null)
        {
            return ApiResults.NotFound(call.Path, $"No deployment '{deploymentId}' is recorded.");
        }

        var notified = false;
        if (record.Status == DeploymentStatus.Running)
        {
            var reason = $"Cancelled through the API by {call.Caller}.";
            var closing = new RecordClosing(deploymentId, DeploymentStatus.Cancelled, null, reason, _services.Clock.UtcNow);
            var closed = await RunCloser.For(_services).CloseAsync(record, closing, notify: true, null, call.Cancellation).ConfigureAwait(false);
            record = closed.Closed ? closed.Record : await _services.Deployments.GetAsync(deploymentId, call.Cancellation).ConfigureAwait(false) ?? record;
            notified = closed.Notified;
        }

        if (record.Status != DeploymentStatus.Cancelled)
        {
            // Finished on its own before we could close it: report what it ended as.
            return AlreadyFinished(call, record);
        }

        var executionArn = record.ExecutionArn ?? ExecutionArnFor(deploymentId);
        if (await _services.Workflow.DescribeExecutionAsync(executionArn, call.Cancellation).ConfigureAwait(false) is { Status: "RUNNING" })
        {
            await _services.Workflow.StopExecutionAsync(executionArn, "Wso2.Cancelled", record.Reason ?? "Cancelled through the API.", call.Cancellation).ConfigureAwait(false);
        }

        // The ABORTED event's handler may have released it first; either way it is free of this run.
        var released = await _services.Locks.ReleaseAsync(record.Environment, deploymentId, call.Cancellation).ConfigureAwait(false)
            || (await _services.Locks.GetAsync(record.Environment, call.Cancellation).ConfigureAwait(false))?.DeploymentId != deploymentId;
        return ApiResults.Ok(HttpStatusCode.Accepted, new CancelledRun(deploymentId, DeploymentStatus.Cancelled, released, notified), ApiJsonContext.Default.CancelledRun);
    }

    private static HttpApiResponse AlreadyFinished(ApiCall call, DeploymentRecord record) =>
        ApiResults.Problem(HttpStatusCode.Conflict, ProblemTypes.Conflict, "The deployment has already finished.",
            $"Deployment '{record.DeploymentId}' ended as {record.Status}; only a running deployment can be cancelled.", call.Path);

    /// <summary>A 409 when another run holds the environment's lock and its lease is live.</summary>
    private async Task<HttpApiResponse?> BusyAsync(ApiCall call, string environment, DateTimeOffset now)
    {
        var holder = await _services.Locks.GetAsync(environment, call.Cancellation).ConfigureAwait(false);
        if (holder is null || holder.LeaseExpiresAt <= now)
        {
            return null;
        }

        return ApiResults.Problem(HttpStatusCode.Conflict, ProblemTypes.EnvironmentBusy, "The environment is busy.",
            string.Create(CultureInfo.InvariantCulture,
                $"Environment '{environment}' is held by deployment '{holder.DeploymentId}' since {holder.AcquiredAt:O}; wait for it to finish or cancel it (POST /deployments/{holder.DeploymentId}/cancel)."),
            call.Path);
    }

    private HttpApiResponse Started(ApiCall call, string deploymentId, string executionArn)
    {
        var statusUrl = $"{BaseUrl(call.Request)}/deployments/{deploymentId}";
        return ApiResults.Ok(HttpStatusCode.Accepted, new StartedRun(deploymentId, executionArn, statusUrl), ApiJsonContext.Default.StartedRun, statusUrl);
    }

    /// <summary>Where an execution of ours lives when the record does not say (teardowns run on their own machine).</summary>
    private string ExecutionArnFor(string deploymentId)
    {
        var machine = deploymentId.StartsWith("teardown-", StringComparison.Ordinal) || deploymentId.StartsWith("expire-", StringComparison.Ordinal)
            ? _services.Settings.TeardownStateMachineArn
            : _services.Settings.StateMachineArn;
        return machine.Replace(":stateMachine:", ":execution:", StringComparison.Ordinal) + ":" + deploymentId;
    }

    /// <summary>The request as the execution's input, with who started it; every other member is passed on unchanged.</summary>
    internal static string WithTrigger(JsonElement request, string trigger)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            foreach (var property in request.EnumerateObject())
            {
                if (property.NameEquals("trigger"))
                {
                    continue;
                }

                property.WriteTo(writer);
            }

            writer.WriteString("trigger", trigger);
            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }
}
