using System.Text.Json;
using Wso2Serverless.StandIns.Scheduling;

namespace Wso2Serverless.Simulator.Hosting;

/// <summary>
/// The simulator's half of the quiescence handshake with the ASL runner (tools/asl-runner,
/// README "Quiescence"). Both sides count the same four things: commands written to its stdin,
/// callback requests sent to it, Lambda requests it sent, Lambda responses it read. The runner
/// reports its counts in an idle line once its promise chains have settled; while any count
/// differs, something is on its way to or from the runner, or it is still working, and the
/// scheduler chooses nothing (the runner may yet add work).
/// </summary>
public sealed class RunnerHandshake(Scheduler scheduler) : IQuiescenceSource
{
    private readonly object _lock = new();
    private long _commandsSent;
    private long _callbacksSent;
    private long _lambdaArrived;
    private long _lambdaAnswered;
    private (long Commands, long Callbacks, long LambdaSent, long LambdaAnswered) _reported;

    public string Name => "asl-runner";

    public long Pending
    {
        get
        {
            lock (_lock)
            {
                return Math.Abs(_commandsSent - _reported.Commands)
                    + Math.Abs(_callbacksSent - _reported.Callbacks)
                    + Math.Abs(_reported.LambdaSent - _lambdaArrived)
                    + Math.Abs(_lambdaAnswered - _reported.LambdaAnswered);
            }
        }
    }

    /// <summary>A command is about to be written to the runner's stdin.</summary>
    public void CommandSent() => Count(ref _commandsSent);

    /// <summary>A callback request (SendTask*, StopExecution, DescribeExecution) is about to be sent to the runner.</summary>
    public void CallbackSent() => Count(ref _callbacksSent);

    /// <summary>A callback request could not be delivered at all (no connection): the runner will not count it.</summary>
    public void CallbackNeverArrived()
    {
        lock (_lock)
        {
            _callbacksSent--;
        }

        scheduler.Signal();
    }

    /// <summary>A Lambda request of the runner's arrived and was posted to the scheduler.</summary>
    public void LambdaArrived() => Count(ref _lambdaArrived);

    /// <summary>The answer to a Lambda request was written in full.</summary>
    public void LambdaAnswered() => Count(ref _lambdaAnswered);

    /// <summary>An idle line from the runner.</summary>
    public void Report(JsonElement idle)
    {
        lock (_lock)
        {
            _reported = (idle.GetProperty("commands").GetInt64(), idle.GetProperty("callbacks").GetInt64(),
                idle.GetProperty("lambdaSent").GetInt64(), idle.GetProperty("lambdaAnswered").GetInt64());
        }

        scheduler.Signal();
    }

    private void Count(ref long counter)
    {
        lock (_lock)
        {
            counter++;
        }

        scheduler.Signal();
    }
}
