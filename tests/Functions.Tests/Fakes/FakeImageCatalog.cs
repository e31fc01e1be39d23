using Wso2Serverless.Domain.Ports;

namespace Wso2Serverless.Functions.Tests.Fakes;

/// <summary><see cref="IImageCatalog"/> in which every AMI exists and is available unless a test says otherwise.</summary>
public sealed class FakeImageCatalog : IImageCatalog
{
    public string Region { get; set; } = FakeStackService.Region;

    /// <summary>AMI id to state; an id listed with a null state does not exist.</summary>
    public Dictionary<string, string?> States { get; } = new(StringComparer.Ordinal);

    public List<IReadOnlyCollection<string>> Calls { get; } = [];

    public Task<IReadOnlyDictionary<string, string>> DescribeImagesAsync(IReadOnlyCollection<string> imageIds, CancellationToken cancellationToken)
    {
        Calls.Add(imageIds);
        var found = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var id in imageIds)
        {
            var state = States.TryGetValue(id, out var s) ? s : "available";
            if (state is not null)
            {
                found[id] = state;
            }
        }

        return Task.FromResult<IReadOnlyDictionary<string, string>>(found);
    }
}
