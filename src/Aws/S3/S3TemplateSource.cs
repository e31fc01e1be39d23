using Wso2Serverless.Domain.Ports;

namespace Wso2Serverless.Aws.S3;

/// <summary><see cref="ITemplateSource"/> on S3: the template CloudFormation will read, read the same way.</summary>
public sealed class S3TemplateSource(S3ObjectReader reader) : ITemplateSource
{
    public Task<string> GetTemplateBodyAsync(string templateUrl, CancellationToken cancellationToken)
    {
        var location = S3ObjectLocation.Parse(templateUrl)
            ?? throw new ArgumentException($"{templateUrl} is not an S3 HTTPS URL", nameof(templateUrl));
        return reader.GetObjectTextAsync(location, cancellationToken);
    }
}
