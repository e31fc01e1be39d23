namespace Wso2Serverless.Domain.Ports;

/// <summary>EC2's AMIs, as far as preflight needs them: which exist in the region the stack goes to.</summary>
public interface IImageCatalog
{
    /// <summary>The region the catalog looks in: the stack's region.</summary>
    string Region { get; }

    /// <summary>The images among <paramref name="imageIds"/> this account can launch, with their state (available, pending, failed...); missing ones are absent.</summary>
    Task<IReadOnlyDictionary<string, string>> DescribeImagesAsync(IReadOnlyCollection<string> imageIds, CancellationToken cancellationToken);
}
