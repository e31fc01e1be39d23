using System.Collections.Concurrent;
using System.Text.Json;
using System.Threading.Channels;
using Wso2Serverless.Domain.Model;
using Wso2Serverless.Domain.Ports;

namespace Wso2Serverless.Cli.Tests.Support;

/// <summary>
/// Step Functions for the end-to-end tests: a started execution does what Accept does (takes the
/// environment's lock and writes the Running record in the real store) and is then left to the
/// test, which drives its phases through <see cref="RunDriver"/>.
/// </summary>
public sealed class ScriptedWorkflow(IDeploymentStore deployments, ILockStore locks) : IWorkflowService
{
    private const string Account = "123456789012";
    private readonly ConcurrentDictionary<string, string> _status = new(StringComparer.Ordinal);
    private readonly Channel<(string Name, string Input)> _started = Channel.CreateUnbounded<(string, string)>();

    /// <summary>The next execution started, with its input; the test drives it from there.</summary>
    public async Task<string> NextStartedAsync(string environment, TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);
        while (true)
        {
            var (name, input) = await _started.Reader.ReadAsync(cancel.Token);
            using var document = JsonDocument.Parse(input);
            if (document.RootElement.GetProperty("environment").GetString() == environment)
            {
                return name;
            }

            // Another test's run: put it back for its reader.
            await _started.Writer.WriteAsync((name, input));
            await Task.Delay(20, cancel.Token);
        }
    }

    public bool WasStopped(string name) => _status.TryGetValue(name, out var s) && s == "ABORTED";

    public async Task<StartExecutionResult> StartExecutionAsync(string stateMachineArn, string name, string inputJson, CancellationToken cancellationToken)
    {
        using var input = JsonDocument.Parse(inputJson);
        var root = input.RootElement;
        var environment = root.GetProperty("environment").GetString()!;
        var now = DateTimeOffset.UtcNow;
        await locks.AcquireAsync(environment, name, now, TimeSpan.FromHours(3), cancellationToken);
        await deployments.CreateAsync(new DeploymentRecord
        {
            DeploymentId = name,
            Environment = environment,
            StackName = root.TryGetProperty("stackName", out var stack) ? stack.GetString()! : "wso2-" + environment,
            Status = DeploymentStatus.Running,
            StartedAt = now,
            ExecutionArn = Arn(stateMachineArn, name),
            Trigger = root.TryGetProperty("trigger", out var trigger) ? trigger.GetString()! : "api",
        }, cancellationToken);
        _status[name] = "RUNNING";
        await _started.Writer.WriteAsync((name, inputJson), cancellationToken);
        return new StartExecutionResult(Arn(stateMachineArn, name), now, false);
    }

    public Task StopExecutionAsync(string executionArn, string error, string cause, CancellationToken cancellationToken)
    {
        _status[executionArn[(executionArn.LastIndexOf(':') + 1)..]] = "ABORTED";
        return Task.CompletedTask;
    }

    public Task<ExecutionDescription?> DescribeExecutionAsync(string executionArn, CancellationToken cancellationToken)
    {
        var name = executionArn[(executionArn.LastIndexOf(':') + 1)..];
        return Task.FromResult(_status.TryGetValue(name, out var status)
            ? new ExecutionDescription(executionArn, name, status, DateTimeOffset.UtcNow, null, null, null)
            : null);
    }

    public Task<CallbackResult> SendTaskSuccessAsync(string taskToken, string outputJson, CancellationToken cancellationToken) => throw Unused();

    public Task<CallbackResult> SendTaskFailureAsync(string taskToken, string error, string cause, CancellationToken cancellationToken) => throw Unused();

    public Task<CallbackResult> SendTaskHeartbeatAsync(string taskToken, CancellationToken cancellationToken) => throw Unused();

    private static string Arn(string stateMachineArn, string name) =>
        (stateMachineArn.Length > 0 ? stateMachineArn : $"arn:aws:states:us-east-1:{Account}:stateMachine:wso2-deployment")
            .Replace(":stateMachine:", ":execution:", StringComparison.Ordinal) + ":" + name;

    private static NotSupportedException Unused() => new("The API never calls task callbacks.");
}
