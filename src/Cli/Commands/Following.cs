using System.CommandLine;
using Spectre.Console;
using Wso2Serverless.Cli.Api;
using Wso2Serverless.Cli.Follow;
using Wso2Serverless.Cli.Output;
using Wso2Serverless.Domain.Model;

namespace Wso2Serverless.Cli.Commands;

/// <summary>Following a run to its end (watch, deploy --wait, teardown --wait) and the exit code its outcome gives.</summary>
public static class Following
{
    public static Option<TimeSpan?> Interval() =>
        GlobalOptions.Duration("--interval", "How often to poll the run (default 2s)", TimeSpan.FromSeconds(2), TimeSpan.FromMilliseconds(100));

    public static Option<TimeSpan?> Timeout() =>
        GlobalOptions.Duration("--timeout", "Give up waiting after this long (exit 6; the run goes on). Default: wait until it ends", null, TimeSpan.FromSeconds(1));

    public static async Task<int> FollowAsync(Invocation invocation, OrchestratorApi api, string deploymentId, TimeSpan? interval, TimeSpan? timeout)
    {
        ArgumentNullException.ThrowIfNull(invocation);
        var follower = new RunFollower(api, invocation.Context);
        var options = new FollowOptions { Interval = interval ?? TimeSpan.FromSeconds(2), Timeout = timeout };
        RunView final;
        if (invocation.Json)
        {
            final = await follower.FollowAsync(deploymentId, Silent.Instance, options, invocation.Cancellation).ConfigureAwait(false);
            invocation.WriteJson(follower.LastBody!);
            return ExitCodeOf(final.Deployment.Status);
        }

        if (invocation.Terminal.Interactive)
        {
            final = await LiveRunDisplay.RunAsync(invocation.Out, sink => follower.FollowAsync(deploymentId, sink, options, invocation.Cancellation)).ConfigureAwait(false);
        }
        else
        {
            final = await follower.FollowAsync(deploymentId, new PlainRunDisplay(invocation.Out), options, invocation.Cancellation).ConfigureAwait(false);
        }

        invocation.Out.WriteLine();
        RunReport.Write(invocation.Out, final);
        return ExitCodeOf(final.Deployment.Status);
    }

    /// <summary>0 succeeded (or torn down), 1 failed, 3 cancelled or aborted.</summary>
    public static int ExitCodeOf(DeploymentStatus status) => status switch
    {
        DeploymentStatus.Succeeded or DeploymentStatus.TornDown => ExitCodes.Succeeded,
        DeploymentStatus.Cancelled or DeploymentStatus.Aborted => ExitCodes.Cancelled,
        _ => ExitCodes.Failed,
    };

    private sealed class Silent : IRunSink
    {
        public static Silent Instance { get; } = new();

        public void OnEvents(IReadOnlyList<RunEvent> events, RunView snapshot)
        {
        }

        public void OnNote(string note)
        {
        }
    }
}
