namespace Wso2Serverless.Domain.Ports;

/// <summary>Time, as a port, so tests and the simulator can move it instead of sleeping.</summary>
public interface IClock
{
    DateTimeOffset UtcNow { get; }
}

public sealed class SystemClock : IClock
{
    public static SystemClock Instance { get; } = new();

    public DateTimeOffset UtcNow => DateTimeOffset.UtcNow;
}
