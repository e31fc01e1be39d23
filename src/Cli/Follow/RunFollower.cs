using System.Net;
using Wso2Serverless.Cli.Api;
using Wso2Serverless.Domain.Model;

using Wso2Serverless.Cli.Output;

namespace Wso2Serverless.Cli.Follow;

/// <summary>Where a follower reports what it sees.</summary>
public interface IRunSink
{
    void OnEvents(IReadOnlyList<RunEvent> events, RunView snapshot);

    /// <summary>Something the operator should know that is not part of the run (waiting, a failed poll).</summary>
    void OnNote(string note);
}

/// <summary>How to follow: poll interval, how long to wait at most, how many failed polls in a row to bear.</summary>
public sealed record FollowOptions
{
    public TimeSpan Interval { get; init; } = TimeSpan.FromSeconds(2);
    public TimeSpan? Timeout { get; init; }
    /// <summary>A run started seconds ago is recorded once its Accept step ran: a 404 is expected for this long.</summary>
    public TimeSpan NotRecordedGrace { get; init; } = TimeSpan.FromMinutes(2);
    public int MaxFailedPolls { get; init; } = 5;
}

/// <summary>Gave up waiting before the run ended.</summary>
public sealed class WaitTimedOutException(string deploymentId, TimeSpan waited)
    : Exception($"Gave up waiting for {deploymentId} after {Durations.Format(waited)}; the run goes on (wso2ctl watch {deploymentId}).");

/// <summary>
/// Polls <c>GET /deployments/{id}</c> until the record is no longer Running and reports what
/// changed between polls. Failed polls are retried a few times (a laptop's network blips);
/// a refused signature or a 404 past the grace period ends the wait.
/// </summary>
public sealed class RunFollower(OrchestratorApi api, CliContext context)
{
    /// <summary>The body of the last answer, as the API sent it (for <c>--output json</c>).</summary>
    public string? LastBody { get; private set; }

    public async Task<RunView> FollowAsync(string deploymentId, IRunSink sink, FollowOptions options, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(sink);
        ArgumentNullException.ThrowIfNull(options);
        var started = context.Time.GetUtcNow();
        RunView? last = null;
        var failures = 0;
        var toldNotRecorded = false;
        while (true)
        {
            try
            {
                var answer = await api.GetDeploymentAsync(deploymentId, ct).ConfigureAwait(false);
                failures = 0;
                sink.OnEvents(RunDiff.Between(last, answer.Value), answer.Value);
                last = answer.Value;
                LastBody = answer.Body;
                if (last.Deployment.Status != DeploymentStatus.Running)
                {
                    return last;
                }
            }
            catch (ApiProblemException ex) when (ex.Status == HttpStatusCode.NotFound && last is null && Elapsed(started) < options.NotRecordedGrace)
            {
                if (!toldNotRecorded)
                {
                    sink.OnNote($"{deploymentId} is not recorded yet; waiting for its Accept step");
                    toldNotRecorded = true;
                }
            }
            catch (Exception ex) when (IsTransient(ex) && ++failures < options.MaxFailedPolls)
            {
                sink.OnNote($"poll {failures} of {options.MaxFailedPolls} failed: {ex.Message}; trying again");
            }

            if (options.Timeout is { } timeout && Elapsed(started) >= timeout)
            {
                throw new WaitTimedOutException(deploymentId, timeout);
            }

            await context.Delay(options.Interval, ct).ConfigureAwait(false);
        }
    }

    private TimeSpan Elapsed(DateTimeOffset started) => context.Time.GetUtcNow() - started;

    private static bool IsTransient(Exception ex) =>
        ex is ApiUnavailableException || ex is ApiProblemException { Status: >= HttpStatusCode.InternalServerError or HttpStatusCode.TooManyRequests };
}
