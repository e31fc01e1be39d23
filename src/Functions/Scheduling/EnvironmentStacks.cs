using System.Text.Json;
using Wso2Serverless.Domain.Model;
using Wso2Serverless.Domain.Ports;

namespace Wso2Serverless.Functions.Scheduling;

/// <summary>
/// Which stack is an environment's, the one rule teardown (API), expiry (scheduler) and the
/// teardown's Accept share: the stack of the environment's newest run that may have created
/// one (a run rejected, or failed in Accept, never did); none when that run tore it down; with
/// no such run in the history (records expire), the stack its registered request names.
/// </summary>
public static class EnvironmentStacks
{
    /// <summary>How far back the history is read: runs that never touched a stack rarely pile up beyond a few.</summary>
    private const int MaxRecords = 100;

    /// <summary>The environment's stack name, or null when it has none to tear down.</summary>
    public static async Task<EnvironmentStackAnswer> FindAsync(IDeploymentStore deployments, IEnvironmentStore environments, string environment, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(deployments);
        ArgumentNullException.ThrowIfNull(environments);
        string? cursor = null;
        var read = 0;
        do
        {
            var page = await deployments.ListByEnvironmentAsync(environment, 25, cursor, ct).ConfigureAwait(false);
            foreach (var record in page.Items)
            {
                if (MayHaveCreatedAStack(record))
                {
                    return record.Status == DeploymentStatus.TornDown
                        ? new EnvironmentStackAnswer(null, $"torn down by {record.DeploymentId}")
                        : new EnvironmentStackAnswer(record.StackName, $"deployment {record.DeploymentId}");
                }
            }

            read += page.Items.Count;
            cursor = page.NextCursor;
        }
        while (cursor is not null && read < MaxRecords);

        var registered = await environments.GetAsync(environment, ct).ConfigureAwait(false) is { } config ? StackNameOf(config.RequestTemplate) : null;
        return registered is null
            ? new EnvironmentStackAnswer(null, "no deployment of this environment is recorded")
            : new EnvironmentStackAnswer(registered, "the registered request");
    }

    private static bool MayHaveCreatedAStack(DeploymentRecord record) =>
        record.Status != DeploymentStatus.Rejected
        && record.FailedPhase != PhaseNames.Accept
        && record.StackName is { Length: > 0 } and not "unknown";

    /// <summary>The <c>stackName</c> of a registered request; null when it names none or does not parse.</summary>
    public static string? StackNameOf(string requestTemplate)
    {
        try
        {
            using var template = JsonDocument.Parse(requestTemplate);
            return template.RootElement.ValueKind == JsonValueKind.Object
                && template.RootElement.TryGetProperty("stackName", out var s) && s.ValueKind == JsonValueKind.String
                && s.GetString() is { Length: > 0 } name
                    ? name
                    : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}

/// <summary>The environment's stack (null: none to tear down) and what says so.</summary>
public sealed record EnvironmentStackAnswer(string? StackName, string Source);
