namespace Wso2Serverless.StandIns.Scheduling;

/// <summary>
/// Independent random streams from one seed: the schedule's choices, the world's ids, the
/// runner's. Adding a draw to one stream leaves the others as they were.
/// </summary>
public static class SeedStreams
{
    public const int Schedule = 1;
    public const int Ids = 2;
    public const int Runner = 3;
    /// <summary>simulate --chaos: which faults a run gets and where they strike.</summary>
    public const int Chaos = 4;

    /// <summary>A 31-bit seed for <paramref name="stream"/>, from SplitMix64 over the run's seed.</summary>
    public static int Derive(int seed, int stream)
    {
        unchecked
        {
            var z = ((ulong)(uint)seed << 8) + (ulong)stream + 0x9E3779B97F4A7C15UL;
            z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
            z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
            z ^= z >> 31;
            return (int)(z & 0x7FFFFFFF);
        }
    }
}
