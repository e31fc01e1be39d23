using System.Net;
using Wso2Serverless.StandIns.Http;

namespace Wso2Serverless.Simulator.Tests.Chaos;

/// <summary>The chaos's HTTP faults and crashes, on a stub service that counts what reached it.</summary>
public sealed class FaultInjectionTests
{
    private sealed class Service : HttpMessageHandler
    {
        public int Applied { get; private set; }

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Applied++;
            return Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent("{}") });
        }
    }

    private static HttpRequestMessage Request(string operation)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "http://127.0.0.1/") { Content = new StringContent("{}") };
        request.Headers.TryAddWithoutValidation("X-Amz-Target", $"DynamoDB_20120810.{operation}");
        return request;
    }

    private static async Task<(HttpResponseMessage Response, int Applied)> Send(HttpFault fault, string operation = "PutItem")
    {
        var service = new Service();
        using var client = new HttpClient(new FaultInjectionHandler("dynamodb", (_, _) => fault) { InnerHandler = service });
        var response = await client.SendAsync(Request(operation));
        return (response, service.Applied);
    }

    [Fact]
    public async Task AThrottle_NeverReachesTheService()
    {
        var (response, applied) = await Send(HttpFault.Throttle);

        applied.Should().Be(0);
        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await response.Content.ReadAsStringAsync()).Should().Contain("\"__type\":\"ThrottlingException\"");
    }

    [Fact]
    public async Task AServerError_NeverReachesTheService()
    {
        var (response, applied) = await Send(HttpFault.ServerError);

        applied.Should().Be(0);
        response.StatusCode.Should().Be(HttpStatusCode.InternalServerError);
    }

    [Fact]
    public async Task ALostAnswer_IsAppliedThenAnsweredWithA500()
    {
        var (response, applied) = await Send(HttpFault.LostAnswer);

        applied.Should().Be(1, "the request reached the service and was applied");
        response.StatusCode.Should().Be(HttpStatusCode.InternalServerError);
    }

    [Fact]
    public async Task NoFault_PassesTheAnswerOn()
    {
        var (response, applied) = await Send(HttpFault.None);

        applied.Should().Be(1);
        response.StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task ACrashedInvocation_SendsNothingFromItsCrashOn()
    {
        var service = new Service();
        using var client = new HttpClient(new FaultInjectionHandler("dynamodb", (_, _) => HttpFault.None) { InnerHandler = service });
        var crash = new InvocationCrash(2);
        InvocationCrash.Current = crash;
        try
        {
            await client.SendAsync(Request("GetItem"));
            await client.SendAsync(Request("PutItem"));
            var third = () => client.SendAsync(Request("UpdateItem"));
            await third.Should().ThrowAsync<LambdaCrashedException>();
            var fourth = () => client.SendAsync(Request("UpdateItem"));
            await fourth.Should().ThrowAsync<LambdaCrashedException>("a dead invocation stays dead");
        }
        finally
        {
            InvocationCrash.Current = null;
        }

        service.Applied.Should().Be(2);
        crash.Crashed.Should().BeTrue();
    }
}
