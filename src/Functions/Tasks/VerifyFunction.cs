using Wso2Serverless.Domain.Model;
using Wso2Serverless.Domain.Workflow;
using Wso2Serverless.Functions.Hosting;

namespace Wso2Serverless.Functions.Tasks;

/// <summary>
/// Checks that the product answers on the URLs the stack publishes (outputs named …Url) and
/// records them on the deployment. Unhealthy endpoints fail the deployment with each problem.
/// </summary>
public sealed class VerifyFunction(FunctionServices services)
{
    /// <summary>Per endpoint; the state's own timeout bounds the whole check.</summary>
    public static readonly TimeSpan ProbeTimeout = TimeSpan.FromSeconds(10);

    public async Task<VerifyResult> HandleAsync(VerifyRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var d = request.Deployment;
        const string phase = PhaseNames.Verify;
        var journal = new PhaseJournal(services.Deployments, services.Clock);
        await journal.CloseEarlierAsync(d.DeploymentId, phase, cancellationToken).ConfigureAwait(false);
        await journal.StartAsync(d.DeploymentId, phase, null, cancellationToken).ConfigureAwait(false);

        var record = await services.Deployments.GetAsync(d.DeploymentId, cancellationToken).ConfigureAwait(false);
        var stack = await services.Stacks.DescribeStackAsync(record?.StackId ?? d.StackName, cancellationToken).ConfigureAwait(false);
        if (stack is null)
        {
            var gone = $"Stack {d.StackName} no longer exists";
            await journal.FinishAsync(d.DeploymentId, phase, PhaseStatus.Failed, gone, null, null, cancellationToken).ConfigureAwait(false);
            return new VerifyResult(false, new Dictionary<string, string>(), new TaskError(WorkflowErrors.VerifyFailed, gone));
        }

        var endpoints = stack.Outputs
            .Where(o => o.Key.EndsWith("Url", StringComparison.Ordinal) && Uri.TryCreate(o.Value, UriKind.Absolute, out var u) && (u.Scheme == Uri.UriSchemeHttps || u.Scheme == Uri.UriSchemeHttp))
            .OrderBy(o => o.Key, StringComparer.Ordinal)
            .ToDictionary(o => o.Key, o => o.Value, StringComparer.Ordinal);
        await services.Deployments.UpdateRunningAsync(d.DeploymentId, null, null, endpoints, cancellationToken).ConfigureAwait(false);

        var problems = new List<string>();
        foreach (var (name, url) in endpoints)
        {
            if (await services.Probe.ProbeAsync(new Uri(url), ProbeTimeout, cancellationToken).ConfigureAwait(false) is { } problem)
            {
                problems.Add($"{name} ({url}): {problem}");
            }
        }

        var detail = new Dictionary<string, string>
        {
            ["endpoints"] = endpoints.Count.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["unhealthy"] = problems.Count.ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
        if (problems.Count == 0)
        {
            await journal.FinishAsync(d.DeploymentId, phase, PhaseStatus.Succeeded, null, detail, null, cancellationToken).ConfigureAwait(false);
            return new VerifyResult(true, endpoints, null);
        }

        var reason = $"{problems.Count} of {endpoints.Count} endpoints unhealthy: " + string.Join("; ", problems);
        await journal.FinishAsync(d.DeploymentId, phase, PhaseStatus.Failed, reason, detail, null, cancellationToken).ConfigureAwait(false);
        return new VerifyResult(false, endpoints, new TaskError(WorkflowErrors.VerifyFailed, reason));
    }
}
