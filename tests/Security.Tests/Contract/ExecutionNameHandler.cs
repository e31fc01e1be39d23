using System.Net;
using System.Text;
using System.Text.Json;

namespace Wso2Serverless.Security.Tests.Contract;

/// <summary>Execution names already started, per state machine.</summary>
public sealed class ExecutionNames
{
    private readonly HashSet<string> _started = new(StringComparer.Ordinal);

    /// <summary>True the first time a machine starts <paramref name="name"/>.</summary>
    public bool FirstStart(string machine, string name)
    {
        lock (_started)
        {
            return _started.Add(machine + "|" + name);
        }
    }
}

/// <summary>
/// Step Functions refuses a second StartExecution of a name with ExecutionAlreadyExists (a retried
/// scheduler tick relies on it); moto starts it again. This answers as Step Functions does.
/// </summary>
public sealed class ExecutionNameHandler(ExecutionNames names) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (request.Headers.TryGetValues("X-Amz-Target", out var target) && target.First() == "AWSStepFunctions.StartExecution")
        {
            using var body = JsonDocument.Parse(await request.Content!.ReadAsStringAsync(cancellationToken));
            var machine = body.RootElement.GetProperty("stateMachineArn").GetString()!;
            var name = body.RootElement.GetProperty("name").GetString()!;
            if (!names.FirstStart(machine, name))
            {
                return new HttpResponseMessage(HttpStatusCode.BadRequest)
                {
                    RequestMessage = request,
                    Content = new StringContent($$"""{"__type": "ExecutionAlreadyExists", "message": "Execution Already Exists: '{{name}}'"}""", Encoding.UTF8, "application/x-amz-json-1.0"),
                };
            }
        }

        return await base.SendAsync(request, cancellationToken);
    }
}
