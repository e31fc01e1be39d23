using System.Text.Json.Nodes;

namespace Wso2Serverless.Functions.Tests.Workflow;

/// <summary>
/// The Retry blocks of the real deployment.asl.json, applied the way Step Functions does: the
/// first retrier whose ErrorEquals matches decides, up to its MaxAttempts. The driver uses it
/// so a test of "a throttled call is retried" exercises the retry the state machine defines.
/// </summary>
internal sealed class AslRetryPolicy
{
    private readonly Dictionary<string, JsonArray> _retries = new(StringComparer.Ordinal);

    public AslRetryPolicy(JsonObject definition)
    {
        Collect(definition["States"]!.AsObject());
    }

    public IReadOnlyCollection<string> StateNames => _retries.Keys;

    /// <summary>True when the state retries the error after <paramref name="attemptsSoFar"/> retries.</summary>
    public bool ShouldRetry(string state, string error, int attemptsSoFar)
    {
        if (!_retries.TryGetValue(state, out var retriers))
        {
            return false;
        }

        foreach (var retrier in retriers.Select(r => r!.AsObject()))
        {
            var names = retrier["ErrorEquals"]!.AsArray().Select(n => n!.GetValue<string>()).ToList();
            var matches = names.Contains(error) || names.Contains("States.ALL")
                || (names.Contains("States.TaskFailed") && error != "States.Timeout");
            if (matches)
            {
                var max = retrier["MaxAttempts"]?.GetValue<int>() ?? 3;
                return attemptsSoFar < max;
            }
        }

        return false;
    }

    private void Collect(JsonObject states)
    {
        foreach (var (name, node) in states)
        {
            var state = node!.AsObject();
            _retries[name] = state["Retry"]?.AsArray() ?? [];
            if (state["ItemProcessor"]?["States"] is JsonObject inner)
            {
                Collect(inner);
            }
        }
    }
}
