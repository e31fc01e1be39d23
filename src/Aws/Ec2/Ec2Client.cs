using Wso2Serverless.Aws.Http;

namespace Wso2Serverless.Aws.Ec2;

/// <summary>
/// The one EC2 operation preflight calls, over EC2's Query dialect (API version 2016-11-15:
/// lists as <c>Name.N</c>, camel-case response fields in <c>…Set/item</c> lists). A thin client
/// instead of AWSSDK.EC2, whose size a Native AOT bootstrap would carry for one call. Names
/// follow AWSSDK.EC2.
/// </summary>
public sealed class Ec2Client
{
    public const string ApiVersion = "2016-11-15";

    private readonly QueryProtocolClient _query;

    public Ec2Client(HttpClient http)
    {
        _query = new QueryProtocolClient(http, AwsService.Ec2.SigningName, ApiVersion);
    }

    public static Ec2Client Create(AwsEndpoints endpoints, Signing.ICredentialSource? credentials = null, RetryOptions? retry = null) =>
        new(AwsHttp.CreateClient(AwsService.Ec2, endpoints, credentials, retry));

    /// <summary>
    /// The images among <see cref="DescribeImagesRequest.ImageIds"/> that exist and this account may
    /// use. They are asked for with the <c>image-id</c> filter, not the <c>ImageId</c> list: with the
    /// list, one missing id fails the whole call (InvalidAMIID.NotFound) and hides the others.
    /// </summary>
    public async Task<DescribeImagesResponse> DescribeImagesAsync(DescribeImagesRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var fields = new QueryParameters().Add("Filter.1.Name", "image-id");
        var index = 1;
        foreach (var id in request.ImageIds)
        {
            fields.Add($"Filter.1.Value.{index++}", id);
        }

        fields.Add("IncludeDeprecated", request.IncludeDeprecated);
        var response = await _query.SendForResponseAsync("DescribeImages", fields, cancellationToken).ConfigureAwait(false);
        return new DescribeImagesResponse
        {
            Images = [.. response.Members("imagesSet", "item").Select(static i => new Image
            {
                ImageId = i.Text("imageId") ?? "",
                State = i.Text("imageState") ?? "",
                Name = i.Text("name"),
                OwnerId = i.Text("imageOwnerId"),
                DeprecationTime = i.Text("deprecationTime"),
            })],
        };
    }
}

public sealed class DescribeImagesRequest
{
    public IList<string> ImageIds { get; init; } = [];
    /// <summary>Deprecated images still launch; without this flag EC2 leaves them out of the answer.</summary>
    public bool? IncludeDeprecated { get; set; } = true;
}

public sealed class DescribeImagesResponse
{
    public IList<Image> Images { get; init; } = [];
}

/// <summary>An AMI; <see cref="State"/> is available, pending, failed, deregistered, disabled...</summary>
public sealed class Image
{
    public string ImageId { get; set; } = "";
    public string State { get; set; } = "";
    public string? Name { get; set; }
    public string? OwnerId { get; set; }
    public string? DeprecationTime { get; set; }
}
