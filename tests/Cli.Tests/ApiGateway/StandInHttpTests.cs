using System.Net;
using System.Text.Json;
using Wso2Serverless.Cli.Tests.Support;

namespace Wso2Serverless.Cli.Tests.ApiGateway;

/// <summary>The stand-in over real HTTP: what a client that does not sign (curl without --aws-sigv4) gets.</summary>
[Collection(ApiGroup.Name)]
public sealed class StandInHttpTests(ApiStandInFixture api)
{
    [Fact]
    public async Task UnsignedRequest_Is403Forbidden_BeforeTheFunctionRuns()
    {
        using var http = new HttpClient();

        using var response = await http.GetAsync(new Uri(api.ApiUrl, "environments/dev/deployments"));

        response.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        body.RootElement.GetProperty("message").GetString().Should().Be("Forbidden");
    }
}
