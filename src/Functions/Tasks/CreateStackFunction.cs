using Wso2Serverless.Domain.Model;
using Wso2Serverless.Domain.Outcomes;
using Wso2Serverless.Domain.Ports;
using Wso2Serverless.Domain.Preflight;
using Wso2Serverless.Domain.Workflow;
using Wso2Serverless.Functions.Hosting;

namespace Wso2Serverless.Functions.Tasks;

/// <summary>
/// Starts the product stack and waits (callback) for CloudFormation's status event. The
/// ClientRequestToken comes from deployment + phase + attempt, so a retried or duplicated
/// invocation repeats the same CreateStack call; a re-entry after Reconcile finds the stack id
/// in the phase record and only registers its new token.
/// </summary>
public sealed class CreateStackFunction(FunctionServices services)
{
    private const int Attempt = 1;

    public async Task<WaitTaskResult> HandleAsync(WaitTaskRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var d = request.Deployment;
        const string phase = PhaseNames.CreateStack;
        var waits = new WaitSupport(services);
        var journal = new PhaseJournal(services.Deployments, services.Clock);

        var opening = await waits.BeginAsync(request, phase, journal, cancellationToken).ConfigureAwait(false);
        if (opening.LeaseLost)
        {
            return new WaitTaskResult(phase, "failed", null);
        }

        var existing = opening.Existing;
        if (existing is { Status: PhaseStatus.Running } && existing.Detail.TryGetValue(DetailKeys.StackId, out var knownId))
        {
            return await ResumeAsync(request, knownId, waits, cancellationToken).ConfigureAwait(false);
        }

        // A live stack of this name that is not ours would make CreateStack fail with a bare
        // AlreadyExists; say whose it is and what to do instead.
        var live = await services.Stacks.DescribeStackAsync(d.StackName, cancellationToken).ConfigureAwait(false);
        if (live is not null && !(live.Tags.TryGetValue(ResourceTags.DeploymentId, out var owner) && owner == d.DeploymentId))
        {
            var cause = $"Stack {d.StackName} already exists (status {live.Status}, deployment {live.Tags.GetValueOrDefault(ResourceTags.DeploymentId) ?? "unknown"}); start the deployment with \"rebuild\": true to replace it";
            await journal.StartAsync(d.DeploymentId, phase, null, cancellationToken).ConfigureAwait(false);
            await journal.FinishAsync(d.DeploymentId, phase, PhaseStatus.Failed, cause, null, null, cancellationToken).ConfigureAwait(false);
            await waits.FailAsync(request.TaskToken, WorkflowErrors.StackFailed, cause, cancellationToken).ConfigureAwait(false);
            return new WaitTaskResult(phase, "failed", null);
        }

        var templateUrl = d.TemplateUrl ?? services.Settings.BundledTemplateUrl;

        // Every parameter problem at once, before anything exists: CloudFormation would name
        // only the first, after the stack was already being created. The template's own text
        // adds what its summary leaves out: AllowedPattern and the AMIs its mappings give.
        var summary = await services.Stacks.GetTemplateSummaryAsync(templateUrl, null, cancellationToken).ConfigureAwait(false);
        var withOurs = new Dictionary<string, string>(d.Parameters, StringComparer.Ordinal)
        {
            ["EnvironmentName"] = d.Environment,
            ["DeploymentId"] = d.DeploymentId,
        };
        var template = TemplateDocument.Parse(await services.Templates.GetTemplateBodyAsync(templateUrl, cancellationToken).ConfigureAwait(false));
        var preflight = await StackPreflight.CheckAsync(summary, template, withOurs, d.Secrets, services.Images, cancellationToken).ConfigureAwait(false);
        if (!preflight.Passed)
        {
            var cause = preflight.Describe();
            await journal.StartAsync(d.DeploymentId, phase, null, cancellationToken).ConfigureAwait(false);
            await journal.FinishAsync(d.DeploymentId, phase, PhaseStatus.Failed, cause, null, null, cancellationToken).ConfigureAwait(false);
            await waits.FailAsync(request.TaskToken, WorkflowErrors.PreflightFailed, cause, cancellationToken).ConfigureAwait(false);
            return new WaitTaskResult(phase, "failed", null);
        }

        await journal.StartAsync(d.DeploymentId, phase, new Dictionary<string, string> { ["templateUrl"] = templateUrl }, cancellationToken).ConfigureAwait(false);

        var stackId = await services.Stacks.CreateStackAsync(
            new CreateStackInput
            {
                StackName = d.StackName,
                TemplateUrl = templateUrl,
                Parameters = withOurs,
                Tags = new Dictionary<string, string>
                {
                    [ResourceTags.Environment] = d.Environment,
                    [ResourceTags.DeploymentId] = d.DeploymentId,
                },
                ClientRequestToken = ClientRequestTokens.For(d.DeploymentId, phase, Attempt),
                // The stack's own failure is rolled back by CloudFormation; the failure policy
                // decides about a stack that was created and failed in a later phase.
                OnFailure = "ROLLBACK",
            },
            cancellationToken).ConfigureAwait(false);

        await services.Deployments.UpdateRunningAsync(d.DeploymentId, null, stackId, null, cancellationToken).ConfigureAwait(false);
        await journal.AnnotateAsync(d.DeploymentId, phase, new Dictionary<string, string> { [DetailKeys.StackId] = stackId }, cancellationToken).ConfigureAwait(false);
        var key = CorrelationKeys.Stack(stackId);
        await waits.RegisterAsync(key, request.TaskToken, d.DeploymentId, phase, cancellationToken).ConfigureAwait(false);
        return new WaitTaskResult(phase, "started", key);
    }

    private async Task<WaitTaskResult> ResumeAsync(WaitTaskRequest request, string stackId, WaitSupport waits, CancellationToken ct)
    {
        var key = CorrelationKeys.Stack(stackId);
        await waits.RegisterAsync(key, request.TaskToken, request.Deployment.DeploymentId, PhaseNames.CreateStack, ct).ConfigureAwait(false);
        // The event that should have ended the last wait may be lost: if the stack is done, say so now.
        var stack = await services.Stacks.DescribeStackAsync(stackId, ct).ConfigureAwait(false);
        if (stack is not null && StackOutcomeResolver.IsTerminal(StackOperation.Create, stack.Status))
        {
            var events = await services.Stacks.DescribeStackEventsAsync(stackId, ct).ConfigureAwait(false);
            var resolved = StackOutcomeResolver.Resolve(StackOperation.Create, stackId, stack.Status, stack.StatusReason, events);
            if (resolved is not null)
            {
                await waits.CompleteAsync(key, resolved.Outcome, ct).ConfigureAwait(false);
            }
        }

        return new WaitTaskResult(PhaseNames.CreateStack, "resumed", key);
    }
}
