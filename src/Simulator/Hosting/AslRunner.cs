using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Wso2Serverless.Simulator.Hosting;

/// <summary>
/// The Node process that executes the state machine (tools/asl-runner). Commands go in on stdin,
/// one JSON object per line; progress and results come back on stdout the same way and are
/// raised through <see cref="LineReceived"/>. Its callback endpoint is where the Step Functions
/// client sends SendTaskSuccess and friends.
/// </summary>
public sealed class AslRunner : IAsyncDisposable
{
    private readonly Process _process;
    private readonly TaskCompletionSource<Uri> _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly ConcurrentDictionary<string, TaskCompletionSource<JsonElement>> _ended = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<string> _stderr = new();
    private readonly string _workDirectory;

    private AslRunner(Process process, string workDirectory)
    {
        _process = process;
        _workDirectory = workDirectory;
    }

    /// <summary>Every line the runner reports, as parsed JSON.</summary>
    public event Action<JsonElement>? LineReceived;

    public Uri CallbackEndpoint { get; private set; } = new("http://127.0.0.1/");

    public static async Task<AslRunner> StartAsync(RepoPaths paths, IReadOnlyDictionary<string, string> substitutions, Uri lambdaEndpoint, double scale, DateTimeOffset simOrigin, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(paths);
        var work = Directory.CreateTempSubdirectory("wso2-sim-").FullName;
        var substitutionsFile = Path.Combine(work, "substitutions.json");
        var map = new JsonObject();
        foreach (var (key, value) in substitutions)
        {
            map[key] = value;
        }

        await File.WriteAllTextAsync(substitutionsFile, map.ToJsonString(), cancellationToken).ConfigureAwait(false);
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("NODE") ?? "node")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = paths.RunnerDirectory,
        };
        // aws-local-stepfunctions wants Node 22; the polyfill gives Node 20 what it misses.
        start.Environment["NODE_OPTIONS"] = "--require " + Path.Combine(paths.RunnerDirectory, "polyfill.cjs");
        foreach (var arg in new[]
        {
            Path.Combine(paths.RunnerDirectory, "runner.mjs"),
            "--definition", paths.Definition,
            "--substitutions", substitutionsFile,
            "--lambda-endpoint", lambdaEndpoint.ToString().TrimEnd('/'),
            "--scale", scale.ToString(CultureInfo.InvariantCulture),
            "--sim-origin-ms", simOrigin.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture),
            "--state-machine-arn", FunctionArns.StateMachineArn,
        })
        {
            start.ArgumentList.Add(arg);
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("node did not start.");
        var runner = new AslRunner(process, work);
        process.OutputDataReceived += (_, e) => runner.OnLine(e.Data);
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                runner._stderr.Enqueue(e.Data);
            }
        };
        process.EnableRaisingEvents = true;
        process.Exited += (_, _) => runner._ready.TrySetException(new InvalidOperationException("asl-runner exited: " + string.Join('\n', runner._stderr)));
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        runner.CallbackEndpoint = await runner._ready.Task.WaitAsync(TimeSpan.FromSeconds(60), cancellationToken).ConfigureAwait(false);
        return runner;
    }

    /// <summary>What the runner wrote on stderr (engine warnings, crashes).</summary>
    public IReadOnlyList<string> Stderr => [.. _stderr];

    public Task<JsonElement> StartExecution(string name, string inputJson)
    {
        var completion = _ended.GetOrAdd(name, _ => new TaskCompletionSource<JsonElement>(TaskCreationOptions.RunContinuationsAsynchronously));
        Send(new JsonObject { ["op"] = "start", ["name"] = name, ["input"] = JsonNode.Parse(inputJson) });
        return completion.Task;
    }

    public void StopExecution(string name, string error, string cause) =>
        Send(new JsonObject { ["op"] = "stop", ["name"] = name, ["error"] = error, ["cause"] = cause });

    private void Send(JsonObject command)
    {
        lock (_process)
        {
            _process.StandardInput.WriteLine(command.ToJsonString());
            _process.StandardInput.Flush();
        }
    }

    private void OnLine(string? line)
    {
        if (string.IsNullOrWhiteSpace(line) || line[0] != '{')
        {
            return;
        }

        JsonElement element;
        try
        {
            using var document = JsonDocument.Parse(line);
            element = document.RootElement.Clone();
        }
        catch (JsonException)
        {
            _stderr.Enqueue(line);
            return;
        }

        var type = element.TryGetProperty("type", out var t) ? t.GetString() : null;
        if (type == "ready")
        {
            _ready.TrySetResult(new Uri(element.GetProperty("callbackEndpoint").GetString()!));
            return;
        }

        LineReceived?.Invoke(element);
        if (type == "execution-ended" && element.TryGetProperty("execution", out var name))
        {
            _ended.GetOrAdd(name.GetString()!, _ => new TaskCompletionSource<JsonElement>(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult(element);
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!_process.HasExited)
            {
                Send(new JsonObject { ["op"] = "shutdown" });
                _process.StandardInput.Close();
                await _process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(5)).ConfigureAwait(false);
            }
        }
        catch (Exception e) when (e is TimeoutException or IOException or InvalidOperationException)
        {
            _process.Kill(entireProcessTree: true);
        }

        _process.Dispose();
        try
        {
            Directory.Delete(_workDirectory, recursive: true);
        }
        catch (IOException)
        {
            // A temp directory left behind is harmless.
        }
    }
}
