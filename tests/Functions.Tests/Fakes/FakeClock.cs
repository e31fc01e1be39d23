using Wso2Serverless.Domain.Ports;

namespace Wso2Serverless.Functions.Tests.Fakes;

/// <summary>A clock tests move by hand, so leases, timeouts and durations never need real waiting.</summary>
public sealed class FakeClock(DateTimeOffset start) : IClock
{
    public FakeClock()
        : this(new DateTimeOffset(2026, 11, 28, 9, 0, 0, TimeSpan.Zero))
    {
    }

    public DateTimeOffset UtcNow { get; private set; } = start;

    public void Advance(TimeSpan by) => UtcNow += by;

    public void Set(DateTimeOffset at) => UtcNow = at;
}
