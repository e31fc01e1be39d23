using System.Globalization;
using Wso2Serverless.Domain.Model;
using Wso2Serverless.Domain.Ports;
using Wso2Serverless.Domain.Verification;
using Wso2Serverless.Domain.Workflow;
using Wso2Serverless.Functions.Hosting;

namespace Wso2Serverless.Functions.Tasks;

/// <summary>
/// Judges the deployment where its health can be seen: every target group of the stack must have
/// every registered target healthy by the load balancer's own checks (run from inside the VPC,
/// on the paths the template defines). ELB sends no events for target health, so the state
/// machine loops Verify → wait → Verify; this function counts the looks on the phase record and
/// gives up after 1 + verifySeconds / verifyIntervalSeconds of them. With <c>verify.probeUrls</c>
/// it then also calls the published URLs, trusting only the stack's own listener certificates.
/// </summary>
public sealed class VerifyFunction(FunctionServices services)
{
    /// <summary>Per endpoint of the opt-in probe.</summary>
    public static readonly TimeSpan ProbeTimeout = TimeSpan.FromSeconds(10);

    private const string CheckedAtKey = "checkedAt";
    private const string ChecksKey = "checks";

    public async Task<VerifyResult> HandleAsync(VerifyRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var d = request.Deployment;
        const string phase = PhaseNames.Verify;
        var journal = new PhaseJournal(services.Deployments, services.Clock);
        var existing = await journal.CloseEarlierAsync(d.DeploymentId, phase, cancellationToken).ConfigureAwait(false);
        var (record, closed) = await LookAsync(journal, existing, d.DeploymentId, request.EnteredTime, cancellationToken).ConfigureAwait(false);
        if (closed is not null)
        {
            return closed;
        }

        var deployment = await services.Deployments.GetAsync(d.DeploymentId, cancellationToken).ConfigureAwait(false);
        var stack = await services.Stacks.DescribeStackAsync(deployment?.StackId ?? d.StackName, cancellationToken).ConfigureAwait(false);
        if (stack is null)
        {
            return await FailAsync(journal, d, $"Stack {d.StackName} no longer exists", null, cancellationToken).ConfigureAwait(false);
        }

        var endpoints = PublishedUrls(stack);
        await services.Deployments.UpdateRunningAsync(d.DeploymentId, null, null, endpoints, cancellationToken).ConfigureAwait(false);

        var maxChecks = 1 + (d.Timeouts.VerifySeconds / Math.Max(1, d.Timeouts.VerifyIntervalSeconds));
        var verdict = TargetHealthVerdict.Judge(await services.LoadBalancer.DescribeTargetHealthAsync(stack.StackId, cancellationToken).ConfigureAwait(false));
        var detail = new Dictionary<string, string>(verdict.Detail, StringComparer.Ordinal)
        {
            [ChecksKey] = string.Create(CultureInfo.InvariantCulture, $"{record.Attempt} of {maxChecks}"),
        };

        if (!verdict.Healthy)
        {
            if (record.Attempt < maxChecks)
            {
                await journal.AnnotateAsync(d.DeploymentId, phase, detail, cancellationToken).ConfigureAwait(false);
                return new VerifyResult(false, endpoints, null) { Retry = true, WaitSeconds = d.Timeouts.VerifyIntervalSeconds };
            }

            var waited = (record.Attempt - 1) * d.Timeouts.VerifyIntervalSeconds;
            var reason = string.Create(CultureInfo.InvariantCulture, $"load balancer targets not healthy after {record.Attempt} checks over {waited} s: ")
                + string.Join("; ", verdict.Problems);
            return await FailAsync(journal, d, reason, detail, cancellationToken).ConfigureAwait(false);
        }

        if (d.Verify.ProbeUrls)
        {
            var problems = await new PublishedUrlProbe(services).ProbeAsync(stack.StackId, endpoints, ProbeTimeout, cancellationToken).ConfigureAwait(false);
            detail["probedUrls"] = endpoints.Count.ToString(CultureInfo.InvariantCulture);
            if (problems.Count > 0)
            {
                var reason = $"targets healthy, but {problems.Count} of {endpoints.Count} published URLs failed: " + string.Join("; ", problems);
                return await FailAsync(journal, d, reason, detail, cancellationToken).ConfigureAwait(false);
            }
        }

        await journal.FinishAsync(d.DeploymentId, phase, PhaseStatus.Succeeded, null, detail, null, cancellationToken).ConfigureAwait(false);
        return new VerifyResult(true, endpoints, null);
    }

    /// <summary>
    /// The phase as this look sees it: started on the first look, its attempt counting looks. A
    /// duplicate of the same look (same entered time) counts once; a phase already closed answers
    /// as it was closed.
    /// </summary>
    private static async Task<(PhaseRecord Record, VerifyResult? Closed)> LookAsync(PhaseJournal journal, PhaseRecord? existing, string deploymentId, string? enteredTime, CancellationToken ct)
    {
        var entered = new Dictionary<string, string>(StringComparer.Ordinal);
        if (enteredTime is { Length: > 0 })
        {
            entered[CheckedAtKey] = enteredTime;
        }

        switch (existing)
        {
            case null:
                return (await journal.StartAsync(deploymentId, PhaseNames.Verify, entered, ct).ConfigureAwait(false), null);
            case { Status: PhaseStatus.Succeeded }:
                return (existing, new VerifyResult(true, new Dictionary<string, string>(), null));
            case { Status: not PhaseStatus.Running }:
                return (existing, new VerifyResult(false, new Dictionary<string, string>(), new TaskError(WorkflowErrors.VerifyFailed, existing.Error ?? "Verify failed")));
            case var running when enteredTime is { Length: > 0 } && running.Detail.GetValueOrDefault(CheckedAtKey) == enteredTime:
                return (running, null);
            default:
                // Without an entered time every invocation is a look of its own, so the bound still holds.
                return (await journal.SetAttemptAsync(existing, existing.Attempt + 1, entered, ct).ConfigureAwait(false), null);
        }
    }

    private static async Task<VerifyResult> FailAsync(PhaseJournal journal, Deployment d, string reason, IReadOnlyDictionary<string, string>? detail, CancellationToken ct)
    {
        await journal.FinishAsync(d.DeploymentId, PhaseNames.Verify, PhaseStatus.Failed, reason, detail, null, ct).ConfigureAwait(false);
        return new VerifyResult(false, new Dictionary<string, string>(), new TaskError(WorkflowErrors.VerifyFailed, reason));
    }

    /// <summary>The stack's outputs named …Url that are HTTP(S) URLs: what the record shows users.</summary>
    private static Dictionary<string, string> PublishedUrls(StackDescription stack) => stack.Outputs
        .Where(o => o.Key.EndsWith("Url", StringComparison.Ordinal) && Uri.TryCreate(o.Value, UriKind.Absolute, out var u) && (u.Scheme == Uri.UriSchemeHttps || u.Scheme == Uri.UriSchemeHttp))
        .OrderBy(o => o.Key, StringComparer.Ordinal)
        .ToDictionary(o => o.Key, o => o.Value, StringComparer.Ordinal);
}
