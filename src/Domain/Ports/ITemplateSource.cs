namespace Wso2Serverless.Domain.Ports;

/// <summary>The body of a product template, read from where CloudFormation will read it (S3).</summary>
public interface ITemplateSource
{
    Task<string> GetTemplateBodyAsync(string templateUrl, CancellationToken cancellationToken);
}
