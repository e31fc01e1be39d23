namespace Wso2Serverless.StandIns.Scheduling;

/// <summary>
/// The ids the simulated world hands out (stack ids, command ids, event ids, request ids),
/// drawn from the run's seed so that two runs with one seed name everything alike. Draws happen
/// in flows, one at a time, so their order is the schedule's.
/// </summary>
public sealed class SeededIds(int seed)
{
    private readonly Random _random = new(SeedStreams.Derive(seed, SeedStreams.Ids));

    /// <summary>A version-4 shaped GUID.</summary>
    public Guid NewGuid()
    {
        Span<byte> bytes = stackalloc byte[16];
        lock (_random)
        {
            _random.NextBytes(bytes);
        }

        bytes[7] = (byte)((bytes[7] & 0x0F) | 0x40);
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        return new Guid(bytes);
    }

    /// <summary><paramref name="length"/> lowercase hex digits.</summary>
    public string Hex(int length)
    {
        var bytes = new byte[(length + 1) / 2];
        lock (_random)
        {
            _random.NextBytes(bytes);
        }

        return Convert.ToHexStringLower(bytes)[..length];
    }

    /// <summary>A number in [0, 1), for jitter.</summary>
    public double NextDouble()
    {
        lock (_random)
        {
            return _random.NextDouble();
        }
    }
}
