using Wso2Serverless.Domain.Ports;

namespace Wso2Serverless.Functions.Tests.Fakes;

/// <summary><see cref="ITemplateSource"/> answering every URL with <see cref="Body"/> (a template with nothing to check by default).</summary>
public sealed class FakeTemplateSource : ITemplateSource
{
    public string Body { get; set; } = """{ "Resources": {} }""";

    public List<string> Urls { get; } = [];

    public Task<string> GetTemplateBodyAsync(string templateUrl, CancellationToken cancellationToken)
    {
        Urls.Add(templateUrl);
        return Task.FromResult(Body);
    }
}
