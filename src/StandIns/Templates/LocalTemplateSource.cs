using Wso2Serverless.Domain.Ports;

namespace Wso2Serverless.StandIns.Templates;

/// <summary><see cref="ITemplateSource"/> without S3: every template URL stands for one local file (the bundled template).</summary>
public sealed class LocalTemplateSource(string path) : ITemplateSource
{
    public Task<string> GetTemplateBodyAsync(string templateUrl, CancellationToken cancellationToken) =>
        File.ReadAllTextAsync(path, cancellationToken);
}
