using System.Text.Json;
using System.Text.Json.Nodes;

namespace Wso2Serverless.StandIns.Iam;

/// <summary>
/// The calls recorded while functions run. Each invocation runs inside <see cref="As"/> (the
/// function whose role makes the calls); requests outside any function (test set-up) are not
/// recorded.
/// </summary>
public sealed class IamCallLog
{
    private readonly AsyncLocal<string?> _function = new();
    private readonly List<IamCall> _calls = [];

    public IamCallLog(CallerContext at, AwsCallMap.StackLookup? stacks = null, AwsCallMap.TagLookup? tags = null)
    {
        At = at;
        Stacks = stacks ?? (_ => Task.FromResult<string?>(null));
        Tags = tags ?? (_ => Task.FromResult<IReadOnlyDictionary<string, string>?>(null));
    }

    public CallerContext At { get; }

    public AwsCallMap.StackLookup Stacks { get; set; }

    public AwsCallMap.TagLookup Tags { get; set; }

    /// <summary>The function whose calls are being recorded now; null outside any.</summary>
    public string? Current => _function.Value;

    public IReadOnlyList<IamCall> Calls
    {
        get
        {
            lock (_calls)
            {
                return [.. _calls];
            }
        }
    }

    /// <summary>Records the calls made until the scope ends as <paramref name="function"/>'s.</summary>
    public IDisposable As(string function)
    {
        var previous = _function.Value;
        _function.Value = function;
        return new Scope(() => _function.Value = previous);
    }

    /// <summary>Maps a request made in the current function's scope and keeps its calls.</summary>
    public async Task RecordAsync(AwsRequest request)
    {
        if (_function.Value is not { } function)
        {
            return;
        }

        var calls = await AwsCallMap.MapAsync(function, request, At, Stacks, Tags).ConfigureAwait(false);
        lock (_calls)
        {
            _calls.AddRange(calls);
        }
    }

    /// <summary>The calls as JSON lines, for the evaluator.</summary>
    public static string ToJsonLines(IEnumerable<IamCall> calls) =>
        string.Concat(calls.Select(c => new JsonObject
        {
            ["function"] = c.Function,
            ["action"] = c.Action,
            ["resource"] = c.Resource,
            ["context"] = new JsonObject(c.Context.Select(kv => KeyValuePair.Create(kv.Key, (JsonNode?)new JsonArray([.. kv.Value.Select(v => (JsonNode)v)])))),
            ["cause"] = c.Cause,
            ["implied"] = c.Implied,
        }.ToJsonString(Options) + "\n"));

    private static readonly JsonSerializerOptions Options = new() { WriteIndented = false };

    private sealed class Scope(Action end) : IDisposable
    {
        public void Dispose() => end();
    }
}
