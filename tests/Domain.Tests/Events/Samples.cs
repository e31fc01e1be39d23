namespace Wso2Serverless.Domain.Tests.Events;

/// <summary>Reads the sample events copied beside the test assembly.</summary>
internal static class Samples
{
    public static byte[] Bytes(string name) =>
        File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Events", "samples", name));
}
