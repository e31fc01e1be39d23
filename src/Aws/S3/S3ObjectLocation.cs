namespace Wso2Serverless.Aws.S3;

/// <summary>
/// Bucket, key and region of an S3 HTTPS URL, in the forms CloudFormation accepts for
/// <c>TemplateURL</c>: virtual-hosted (<c>bucket.s3.region.amazonaws.com/key</c>, also
/// <c>s3-region</c> and the regionless legacy host) and path-style (<c>s3.region.amazonaws.com/bucket/key</c>).
/// </summary>
public sealed record S3ObjectLocation(string Bucket, string Key, string? Region)
{
    private const string Suffix = ".amazonaws.com";

    public static S3ObjectLocation? Parse(string url)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme != Uri.UriSchemeHttps
            || !uri.Host.EndsWith(Suffix, StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        var labels = uri.Host[..^Suffix.Length].Split('.');
        var path = uri.AbsolutePath.TrimStart('/');
        var s3 = Array.FindIndex(labels, static l => l == "s3" || l.StartsWith("s3-", StringComparison.Ordinal));
        if (s3 < 0)
        {
            return null;
        }

        var region = labels[s3].StartsWith("s3-", StringComparison.Ordinal) ? labels[s3][3..]
            : s3 + 1 < labels.Length ? labels[s3 + 1]
            : null;
        if (s3 > 0)
        {
            var bucket = string.Join('.', labels[..s3]);
            return path.Length == 0 ? null : new S3ObjectLocation(bucket, Uri.UnescapeDataString(path), region);
        }

        var slash = path.IndexOf('/', StringComparison.Ordinal);
        return slash <= 0 || slash == path.Length - 1
            ? null
            : new S3ObjectLocation(path[..slash], Uri.UnescapeDataString(path[(slash + 1)..]), region);
    }
}
