using Wso2Serverless.Domain.Ports;

namespace Wso2Serverless.StandIns.World;

/// <summary>EC2's AMIs in the simulated region: every AMI exists and is available, except those a test names as gone.</summary>
public sealed class SimulatedImageCatalog : IImageCatalog
{
    /// <summary>AMIs that were deregistered (or never shared with the account).</summary>
    public IReadOnlySet<string> Missing { get; init; } = new HashSet<string>(StringComparer.Ordinal);

    public string Region => SimulatedWorld.Region;

    public Task<IReadOnlyDictionary<string, string>> DescribeImagesAsync(IReadOnlyCollection<string> imageIds, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(imageIds);
        IReadOnlyDictionary<string, string> found = imageIds.Where(id => !Missing.Contains(id)).Distinct(StringComparer.Ordinal).ToDictionary(id => id, _ => "available", StringComparer.Ordinal);
        return Task.FromResult(found);
    }
}
