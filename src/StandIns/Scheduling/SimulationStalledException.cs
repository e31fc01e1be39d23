namespace Wso2Serverless.StandIns.Scheduling;

/// <summary>The run cannot go on: nothing is left to do before it finished, work hung, or the clock ran past its horizon.</summary>
public sealed class SimulationStalledException : Exception
{
    public SimulationStalledException()
    {
    }

    public SimulationStalledException(string message)
        : base(message)
    {
    }

    public SimulationStalledException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
