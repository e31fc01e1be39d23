namespace Wso2Serverless.StandIns.Scheduling;

/// <summary>
/// Where a piece of work came from. With the work's sequence number it gives the canonical order
/// the seeded choice picks from, so the same seed picks the same work.
/// </summary>
public enum WorkOrigin
{
    /// <summary>The world and the functions, numbered by the scheduler as they are started.</summary>
    Simulation = 0,

    /// <summary>The ASL runner, numbered by the runner (its output lines and Lambda requests).</summary>
    Runner = 1,

    /// <summary>Requests from outside the run (a person watching it live), numbered on arrival.</summary>
    External = 2,
}
