using System.Globalization;
using Wso2Serverless.Domain.Model;
using Wso2Serverless.Domain.Outcomes;
using Wso2Serverless.Domain.Ports;
using Wso2Serverless.Functions.Hosting;

namespace Wso2Serverless.Functions.Tasks;

/// <summary>
/// The shape every command phase shares: keep the lease, close the previous phase, send the
/// command once, record its id, register the token under the command id. On a re-entry (the
/// command was already sent) the command is asked directly, in case its event was lost.
/// </summary>
internal sealed class CommandWait(FunctionServices services)
{
    public const int Attempt = 1;

    public async Task<WaitTaskResult> RunAsync(WaitTaskRequest request, string phase, string role, SendCommandInput input, CancellationToken ct)
    {
        var d = request.Deployment;
        var waits = new WaitSupport(services);
        var journal = new PhaseJournal(services.Deployments, services.Clock);
        var opening = await waits.BeginAsync(request, phase, journal, ct).ConfigureAwait(false);
        if (opening.LeaseLost)
        {
            return new WaitTaskResult(phase, "failed", null);
        }

        await journal.StartAsync(d.DeploymentId, phase, new Dictionary<string, string> { ["role"] = role }, ct).ConfigureAwait(false);
        var (commandId, sent) = await new CommandLauncher(services).EnsureSentAsync(d.DeploymentId, phase, Attempt, input, ct).ConfigureAwait(false);
        await journal.AnnotateAsync(d.DeploymentId, phase, new Dictionary<string, string> { [DetailKeys.CommandId] = commandId }, ct).ConfigureAwait(false);

        var key = CorrelationKeys.Command(commandId);
        await waits.RegisterAsync(key, request.TaskToken, d.DeploymentId, phase, ct).ConfigureAwait(false);
        if (!sent)
        {
            var result = await services.Commands.GetCommandAsync(commandId, ct).ConfigureAwait(false);
            if (CommandOutcomeResolver.Resolve(result, CommandKinds.ForPhase(phase), role) is { } resolved)
            {
                await waits.CompleteAsync(key, resolved.Outcome, ct).ConfigureAwait(false);
            }
        }

        return new WaitTaskResult(phase, sent ? "started" : "resumed", key);
    }

    public static IReadOnlyList<string> Value(int number) => [number.ToString(CultureInfo.InvariantCulture)];
}
