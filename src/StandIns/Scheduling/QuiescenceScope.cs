namespace Wso2Serverless.StandIns.Scheduling;

/// <summary>What a quiescence source's pending work holds up.</summary>
public enum QuiescenceScope
{
    /// <summary>Every choice of the next piece of work: the source may still add work (the ASL runner).</summary>
    EveryChoice,

    /// <summary>Only the clock: the work waiting on it is already ready (requests to moto).</summary>
    Clock,
}
