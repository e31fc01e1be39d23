using Wso2Serverless.Domain.Ports;

namespace Wso2Serverless.Aws.Ec2;

/// <summary><see cref="IImageCatalog"/> on EC2 DescribeImages, in the region the functions (and the stack) run in.</summary>
public sealed class Ec2ImageCatalog(Ec2Client ec2, string region) : IImageCatalog
{
    /// <summary>A filter takes at most 200 values.</summary>
    private const int IdsPerCall = 200;

    public string Region => region;

    public async Task<IReadOnlyDictionary<string, string>> DescribeImagesAsync(IReadOnlyCollection<string> imageIds, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(imageIds);
        var found = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var chunk in imageIds.Distinct(StringComparer.Ordinal).Chunk(IdsPerCall))
        {
            var response = await ec2.DescribeImagesAsync(new DescribeImagesRequest { ImageIds = [.. chunk] }, cancellationToken).ConfigureAwait(false);
            foreach (var image in response.Images.Where(i => chunk.Contains(i.ImageId, StringComparer.Ordinal)))
            {
                found[image.ImageId] = image.State;
            }
        }

        return found;
    }
}
