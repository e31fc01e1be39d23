using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Wso2Serverless.Functions.Hosting;
using Wso2Serverless.Simulator.Hosting;
using Wso2Serverless.StandIns.ApiGateway;
using Wso2Serverless.StandIns.World;

namespace Wso2Serverless.Simulator.Scenarios;

/// <summary>
/// What a scripted scenario (<see cref="Scenario.Script"/>) does for one environment, as a flow
/// of the run: calls the HTTP API as an operator's client would (the real API function, invoked
/// with API Gateway's payload 2.0 event), waits for executions the functions started, and lets
/// virtual time pass. The world's EventBridge schedule ticks meanwhile when the scenario runs it.
/// </summary>
public sealed class ScenarioDriver
{
    /// <summary>The IAM user the scenario's API calls come from.</summary>
    public static readonly ApiPrincipal Operator = new("AKIASIMOPERATOR00001", "unused", SimulatedWorld.Account,
        $"arn:aws:iam::{SimulatedWorld.Account}:user/operator", "AIDASIMOPERATOR00001");

    private readonly FunctionDispatcher _dispatcher;
    private readonly Func<string, Task> _ended;
    private readonly List<ApiAnswer> _answers;

    internal ScenarioDriver(ScenarioEnvironment environment, SimulatedWorld world, FunctionDispatcher dispatcher, Func<string, Task> ended, List<ApiAnswer> answers)
    {
        Environment = environment;
        World = world;
        _dispatcher = dispatcher;
        _ended = ended;
        _answers = answers;
    }

    public ScenarioEnvironment Environment { get; }
    public SimulatedWorld World { get; }
    public DateTimeOffset Now => World.Clock.UtcNow;

    /// <summary>The request a console user would paste for this environment.</summary>
    public JsonObject StandardInput() => ScenarioCatalog.StandardInput(Environment);

    /// <summary>One call of the HTTP API through the real API function; the answer is kept for the report.</summary>
    public async Task<ApiAnswer> ApiAsync(string method, string path, JsonNode? body = null)
    {
        var answer = await CallApiAsync(_dispatcher, method, path, body, Now).ConfigureAwait(false);
        lock (_answers)
        {
            _answers.Add(answer);
        }

        return answer;
    }

    /// <summary>Starts a deployment through <c>POST /deployments</c> and returns its id; anything but 202 is a broken scenario.</summary>
    public async Task<string> StartDeploymentAsync(JsonObject request)
    {
        var answer = await ApiAsync("POST", "/deployments", request).ConfigureAwait(false);
        return answer.StatusCode == 202 && answer.Json?["deploymentId"]?.GetValue<string>() is { } id
            ? id
            : throw new InvalidOperationException($"POST /deployments answered {answer.StatusCode}: {answer.Body}");
    }

    /// <summary>Parks this flow until the execution has ended (and Step Functions' status-change event is on its way).</summary>
    public Task WaitForEndAsync(string execution) => _ended(execution);

    /// <summary>Lets virtual time pass.</summary>
    public Task DelayAsync(TimeSpan duration) => World.Clock.DelayAsync(duration, CancellationToken.None);

    /// <summary>Invokes the API function with the event API Gateway sends for this request (IAM-authorised as <see cref="Operator"/>).</summary>
    internal static async Task<ApiAnswer> CallApiAsync(FunctionDispatcher dispatcher, string method, string path, JsonNode? body, DateTimeOffset now)
    {
        var bytes = body is null ? [] : Encoding.UTF8.GetBytes(body.ToJsonString());
        var headers = new List<KeyValuePair<string, string>>
        {
            new("host", "api.wso2-sim.example"),
            new("user-agent", "wso2-sim-operator"),
            new("x-amzn-trace-id", "Root=1-" + now.ToUnixTimeSeconds().ToString("x8", CultureInfo.InvariantCulture) + "-000000000000000000000000"),
        };
        if (body is not null)
        {
            headers.Add(new("content-type", "application/json"));
        }

        var request = new ReceivedRequest(method, path, headers, bytes, "10.0.0.10", "HTTP/1.1");
        var payload = HttpApiEvent.Build(request, "$default", null, Operator, new HttpApiEvent.Site(SimulatedWorld.Account, "wso2sim"), now);
        var result = await dispatcher.InvokeAsync(HandlerNames.Api, payload, "API Gateway", null).ConfigureAwait(false);
        if (result.ErrorType is not null)
        {
            return new ApiAnswer(method, path, 500, Encoding.UTF8.GetString(result.Payload));
        }

        using var response = JsonDocument.Parse(result.Payload);
        var status = response.RootElement.GetProperty("statusCode").GetInt32();
        var text = response.RootElement.TryGetProperty("body", out var b) && b.ValueKind == JsonValueKind.String ? b.GetString()! : "";
        return new ApiAnswer(method, path, status, text);
    }
}

/// <summary>One answer of the HTTP API: the request line, the status and the body as the client got it.</summary>
public sealed record ApiAnswer(string Method, string Path, int StatusCode, string Body)
{
    public JsonNode? Json => Body.Length > 0 && Body[0] == '{' ? JsonNode.Parse(Body) : null;
}
