using System.Net;
using System.Text;
using System.Text.Json;
using Wso2Serverless.Domain.Model;
using Wso2Serverless.Functions.Scheduling;

namespace Wso2Serverless.Functions.Api;

public sealed partial class ApiHandler
{
    /// <summary>
    /// <c>PUT /environments/{env}</c>: registers (or replaces) the environment's rebuild
    /// configuration. The request template is checked now, so a bad one fails here and not at
    /// 3 a.m. when the scheduler starts it.
    /// </summary>
    private async Task<HttpApiResponse> PutEnvironmentAsync(ApiCall call, string environment)
    {
        var (document, problem) = RequestBody.ReadJson(call.Request, call.Path);
        if (problem is not null)
        {
            return problem;
        }

        using (document)
        {
            EnvironmentRequest? body;
            try
            {
                body = document!.RootElement.Deserialize(ApiJsonContext.Default.EnvironmentRequest);
            }
            catch (JsonException ex)
            {
                return ApiResults.Invalid(call.Path, [new FieldProblem(ex.Path ?? "$", "This member has the wrong type (schedule: string, enabled: boolean, request: object, expiresAt: ISO 8601 time).")]);
            }

            var now = _services.Clock.UtcNow;
            var problems = new List<FieldProblem>();
            if (!RequestChecks.IsEnvironmentName(environment))
            {
                problems.Add(new FieldProblem("$path.env", RequestChecks.EnvironmentNameRule));
            }

            if (body!.Schedule is not null && !RebuildSchedule.TryParse(body.Schedule, now, out _, out var scheduleError))
            {
                problems.Add(new FieldProblem("$.schedule", scheduleError!));
            }

            if (body.Request.ValueKind == JsonValueKind.Undefined || body.Request.ValueKind == JsonValueKind.Null)
            {
                problems.Add(new FieldProblem("$.request", "Required: the deployment request every scheduled rebuild starts with."));
            }
            else
            {
                problems.AddRange(RequestChecks.DeploymentRequest(body.Request, now, _services.Settings.Scope(), _services.Settings.LockLease, "$.request"));
                if (RequestChecks.EnvironmentOf(body.Request) is { } named && named != environment)
                {
                    problems.Add(new FieldProblem("$.request.environment", $"The request deploys '{named}' but is registered under '{environment}'; they must be the same."));
                }
            }

            if (body.ExpiresAt is { } expires && expires <= now)
            {
                problems.Add(new FieldProblem("$.expiresAt", "expiresAt is in the past; omit it for no expiry."));
            }

            if (problems.Count > 0)
            {
                return ApiResults.Invalid(call.Path, problems);
            }

            var existing = await _services.Environments.GetAsync(environment, call.Cancellation).ConfigureAwait(false);
            var config = new EnvironmentConfig
            {
                Environment = environment,
                Schedule = body.Schedule?.Trim(),
                Enabled = body.Enabled ?? true,
                RequestTemplate = body.Request.GetRawText(),
                ExpiresAt = body.ExpiresAt,
                // A changed schedule starts counting from now: occurrences of the new expression that
                // fell before it was registered must not fire as a catch-up.
                LastScheduledAt = existing is not null && existing.Schedule == body.Schedule?.Trim() ? existing.LastScheduledAt : null,
                UpdatedAt = now,
            };
            await _services.Environments.PutAsync(config, call.Cancellation).ConfigureAwait(false);
            return ApiResults.Ok(existing is null ? HttpStatusCode.Created : HttpStatusCode.OK, View(config, now), ApiJsonContext.Default.EnvironmentView,
                existing is null ? $"{BaseUrl(call.Request)}/environments/{environment}" : null);
        }
    }

    /// <summary><c>GET /environments/{env}</c>: the registered configuration and when it next runs.</summary>
    private async Task<HttpApiResponse> GetEnvironmentAsync(ApiCall call, string environment)
    {
        var config = RequestChecks.IsEnvironmentName(environment)
            ? await _services.Environments.GetAsync(environment, call.Cancellation).ConfigureAwait(false)
            : null;
        return config is null
            ? ApiResults.NotFound(call.Path, $"Environment '{environment}' is not registered (PUT /environments/{environment} registers it).")
            : ApiResults.Ok(HttpStatusCode.OK, View(config, _services.Clock.UtcNow), ApiJsonContext.Default.EnvironmentView);
    }

    /// <summary>
    /// <c>DELETE /environments/{env}/stack</c>: starts a teardown run of the environment's stack
    /// (<see cref="EnvironmentStacks"/>). Busy environments get a 409, as for a deployment.
    /// </summary>
    private async Task<HttpApiResponse> TeardownAsync(ApiCall call, string environment)
    {
        if (!RequestChecks.IsEnvironmentName(environment))
        {
            return ApiResults.NotFound(call.Path, $"'{environment}' is not an environment name. {RequestChecks.EnvironmentNameRule}");
        }

        var stack = await EnvironmentStacks.FindAsync(_services.Deployments, _services.Environments, environment, call.Cancellation).ConfigureAwait(false);
        if (stack.StackName is null)
        {
            return ApiResults.NotFound(call.Path, $"Environment '{environment}' has no stack to tear down ({stack.Source}).");
        }

        var now = _services.Clock.UtcNow;
        if (await BusyAsync(call, environment, now).ConfigureAwait(false) is { } busy)
        {
            return busy;
        }

        var deploymentId = RunNames.NewTeardownId(now, _services.RandomBytes);
        var input = TeardownInput(environment, stack.StackName, "api");
        var started = await _services.Workflow.StartExecutionAsync(_services.Settings.TeardownStateMachineArn, deploymentId, input, call.Cancellation).ConfigureAwait(false);
        call.Context.Log.SetDeploymentId(deploymentId);
        return Started(call, deploymentId, started.ExecutionArn);
    }

    /// <summary>The teardown workflow's input: names only, never a secret.</summary>
    internal static string TeardownInput(string environment, string stackName, string trigger)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("operation", "teardown");
            writer.WriteString("environment", environment);
            writer.WriteString("stackName", stackName);
            writer.WriteString("trigger", trigger);
            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static EnvironmentView View(EnvironmentConfig config, DateTimeOffset now)
    {
        JsonElement request;
        using (var parsed = JsonDocument.Parse(config.RequestTemplate))
        {
            request = parsed.RootElement.Clone();
        }

        DateTimeOffset? next = null;
        if (config.Enabled && config.Schedule is not null && RebuildSchedule.TryParse(config.Schedule, now, out var schedule, out _))
        {
            next = schedule!.NextAfter(now);
        }

        return new EnvironmentView
        {
            Environment = config.Environment,
            Schedule = config.Schedule,
            Enabled = config.Enabled,
            Request = request,
            ExpiresAt = config.ExpiresAt,
            LastScheduledAt = config.LastScheduledAt,
            NextRunAt = next,
            UpdatedAt = config.UpdatedAt,
        };
    }
}
