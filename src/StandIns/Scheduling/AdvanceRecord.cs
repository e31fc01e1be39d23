namespace Wso2Serverless.StandIns.Scheduling;

/// <summary>
/// One move of the virtual clock, with what was still under way at that moment: flows running,
/// work ready to run, and each quiescence source's pending count. All of them are 0 when the
/// scheduler keeps its rule; the tests hold it to that.
/// </summary>
public sealed record AdvanceRecord(
    DateTimeOffset From,
    DateTimeOffset To,
    int Running,
    int Ready,
    IReadOnlyDictionary<string, long> Pending)
{
    /// <summary>Nothing was running, ready or pending when the clock moved.</summary>
    public bool WasQuiet => Running == 0 && Ready == 0 && Pending.Values.All(p => p == 0);
}
