namespace Wso2Serverless.StandIns.Scheduling;

/// <summary>
/// Work the scheduler does not run itself but must wait for: messages the ASL runner has not
/// processed yet (it may still add work, so the scheduler waits for them before every choice),
/// requests in flight to moto (they only hold the clock: the flows waiting on them are already
/// counted as ready). A source calls <see cref="Scheduler.Signal"/> whenever
/// <see cref="Pending"/> may have dropped.
/// </summary>
public interface IQuiescenceSource
{
    /// <summary>A short name for diagnostics ("moto", "asl-runner").</summary>
    string Name { get; }

    /// <summary>How much of its work is still under way; 0 when it is quiet.</summary>
    long Pending { get; }
}
