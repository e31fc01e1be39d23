using Wso2Serverless.Domain.Ports;

namespace Wso2Serverless.Functions.Tests.Fakes;

/// <summary>
/// Step Functions' callback and execution API in memory. A task token can be completed once;
/// afterwards (or after <see cref="Expire"/>, a timed-out task) callbacks report
/// <see cref="CallbackResult.TaskGone"/>, as the real service's TaskTimedOut / InvalidToken do.
/// </summary>
public sealed class FakeWorkflowService : IWorkflowService
{
    private readonly Lock _gate = new();
    private readonly List<TaskCallback> _callbacks = [];
    private readonly HashSet<string> _closedTokens = new(StringComparer.Ordinal);
    private readonly Dictionary<string, FakeExecution> _executions = new(StringComparer.Ordinal);
    private readonly IClock _clock;

    public FakeWorkflowService(IClock clock)
    {
        _clock = clock;
    }

    public FaultPlan Faults { get; } = new();

    /// <summary>Every delivered success or failure, in order (heartbeats are in <see cref="Heartbeats"/>).</summary>
    public IReadOnlyList<TaskCallback> Callbacks
    {
        get
        {
            lock (_gate)
            {
                return [.. _callbacks];
            }
        }
    }

    public List<string> Heartbeats { get; } = [];

    /// <summary>Runs when StopExecution stopped a running execution, before the call returns.</summary>
    public Func<FakeExecution, Task>? Stopped { get; set; }

    public IReadOnlyList<FakeExecution> Executions
    {
        get
        {
            lock (_gate)
            {
                return [.. _executions.Values];
            }
        }
    }

    public TaskCallback? CallbackFor(string taskToken)
    {
        lock (_gate)
        {
            return _callbacks.FirstOrDefault(c => c.TaskToken == taskToken);
        }
    }

    /// <summary>The task behind the token timed out or its execution ended: later callbacks are gone.</summary>
    public void Expire(string taskToken)
    {
        lock (_gate)
        {
            _closedTokens.Add(taskToken);
        }
    }

    public Task<CallbackResult> SendTaskSuccessAsync(string taskToken, string outputJson, CancellationToken cancellationToken)
    {
        Faults.Enter("SendTaskSuccess");
        return Task.FromResult(Close(new TaskCallback(taskToken, true, outputJson, null, null)));
    }

    public Task<CallbackResult> SendTaskFailureAsync(string taskToken, string error, string cause, CancellationToken cancellationToken)
    {
        Faults.Enter("SendTaskFailure");
        return Task.FromResult(Close(new TaskCallback(taskToken, false, null, error, cause)));
    }

    public Task<CallbackResult> SendTaskHeartbeatAsync(string taskToken, CancellationToken cancellationToken)
    {
        Faults.Enter("SendTaskHeartbeat");
        lock (_gate)
        {
            if (_closedTokens.Contains(taskToken))
            {
                return Task.FromResult(CallbackResult.TaskGone);
            }

            Heartbeats.Add(taskToken);
            return Task.FromResult(CallbackResult.Delivered);
        }
    }

    public Task<StartExecutionResult> StartExecutionAsync(string stateMachineArn, string name, string inputJson, CancellationToken cancellationToken)
    {
        Faults.Enter("StartExecution");
        lock (_gate)
        {
            var arn = stateMachineArn.Replace(":stateMachine:", ":execution:", StringComparison.Ordinal) + ":" + name;
            if (_executions.TryGetValue(arn, out var existing))
            {
                // As the real adapter answers: Step Functions repeats its first answer (and start date) to
                // the same name and input while the execution runs; any other use of the name is
                // ExecutionAlreadyExists, which the adapter resolves to the execution holding it.
                return Task.FromResult(new StartExecutionResult(arn, existing.StartDate,
                    AlreadyStarted: existing.InputJson != inputJson || existing.Status != "RUNNING"));
            }

            var execution = new FakeExecution(arn, name, stateMachineArn, inputJson, _clock.UtcNow);
            _executions[arn] = execution;
            return Task.FromResult(new StartExecutionResult(arn, execution.StartDate, AlreadyStarted: false));
        }
    }

    public Task StopExecutionAsync(string executionArn, string error, string cause, CancellationToken cancellationToken)
    {
        Faults.Enter("StopExecution");
        FakeExecution? execution;
        lock (_gate)
        {
            if (!_executions.TryGetValue(executionArn, out execution))
            {
                throw new FakeAwsException("ExecutionDoesNotExist", $"Execution Does Not Exist: '{executionArn}'");
            }

            if (execution.Status != "RUNNING")
            {
                return Task.CompletedTask;
            }

            execution.Status = "ABORTED";
            execution.StopDate = _clock.UtcNow;
            execution.Error = error;
            execution.Cause = cause;
        }

        // The execution's ABORTED event: a test can deliver it before StopExecution even returns.
        return Stopped?.Invoke(execution) ?? Task.CompletedTask;
    }

    public Task<ExecutionDescription?> DescribeExecutionAsync(string executionArn, CancellationToken cancellationToken)
    {
        Faults.Enter("DescribeExecution");
        lock (_gate)
        {
            return Task.FromResult(_executions.TryGetValue(executionArn, out var e)
                ? new ExecutionDescription(e.ExecutionArn, e.Name, e.Status, e.StartDate, e.StopDate, e.Error, e.Cause)
                : null);
        }
    }

    private CallbackResult Close(TaskCallback callback)
    {
        lock (_gate)
        {
            if (!_closedTokens.Add(callback.TaskToken))
            {
                return CallbackResult.TaskGone;
            }

            _callbacks.Add(callback);
            return CallbackResult.Delivered;
        }
    }
}

/// <summary>A delivered callback: success with output, or failure with error and cause.</summary>
public sealed record TaskCallback(string TaskToken, bool Succeeded, string? OutputJson, string? Error, string? Cause);

public sealed class FakeExecution(string executionArn, string name, string stateMachineArn, string inputJson, DateTimeOffset startDate)
{
    public string ExecutionArn { get; } = executionArn;
    public string Name { get; } = name;
    public string StateMachineArn { get; } = stateMachineArn;
    public string InputJson { get; } = inputJson;
    public DateTimeOffset StartDate { get; } = startDate;
    public string Status { get; set; } = "RUNNING";
    public DateTimeOffset? StopDate { get; set; }
    public string? Error { get; set; }
    public string? Cause { get; set; }
}
