namespace Wso2Serverless.StandIns.Scheduling;

/// <summary>The scheduler's now as a <see cref="TimeProvider"/>, for code that takes one (the functions' JSON log).</summary>
public sealed class VirtualTimeProvider(Scheduler scheduler) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => scheduler.Now;
}
