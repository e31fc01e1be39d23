using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Wso2Serverless.StandIns.Scheduling;

namespace Wso2Serverless.Simulator.Hosting;

/// <summary>
/// The Node process that executes state machines (tools/asl-runner; its README describes the
/// protocol). Commands go in on stdin, one JSON object per line, each with the virtual now;
/// progress comes back on stdout the same way and is raised through <see cref="LineReceived"/>.
/// The runner's timers are kept by the <see cref="Scheduler"/>, which fires them by command, and
/// its idle lines feed the <see cref="RunnerHandshake"/>. Its callback endpoint is where the Step
/// Functions client sends SendTaskSuccess and friends.
/// </summary>
public sealed class AslRunner : IAsyncDisposable
{
    private readonly Process _process;
    private readonly Scheduler _scheduler;
    private readonly RunnerHandshake _handshake;
    private readonly TaskCompletionSource<Uri> _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly ConcurrentQueue<string> _stderr = new();
    private readonly string _workDirectory;

    private AslRunner(Process process, Scheduler scheduler, RunnerHandshake handshake, string workDirectory)
    {
        _process = process;
        _scheduler = scheduler;
        _handshake = handshake;
        _workDirectory = workDirectory;
    }

    /// <summary>Every progress line the runner reports (not its idle and timer lines), parsed, in the runner's order.</summary>
    public event Action<JsonElement>? LineReceived;

    /// <summary>Every line as written, idle and timer lines included (for digging into one run).</summary>
    public event Action<string>? RawLineReceived;

    public Uri CallbackEndpoint { get; private set; } = new("http://127.0.0.1/");

    /// <summary>Starts the runner with state machines by ARN (the first is the default) and waits until it listens.</summary>
    public static async Task<AslRunner> StartAsync(RunnerStart start, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(start);
        var work = Directory.CreateTempSubdirectory("wso2-sim-").FullName;
        var substitutionsFile = Path.Combine(work, "substitutions.json");
        var map = new JsonObject();
        foreach (var (key, value) in start.Substitutions)
        {
            map[key] = value;
        }

        await File.WriteAllTextAsync(substitutionsFile, map.ToJsonString(), cancellationToken).ConfigureAwait(false);
        var info = new ProcessStartInfo(Environment.GetEnvironmentVariable("NODE") ?? "node")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = start.Paths.RunnerDirectory,
        };
        // aws-local-stepfunctions wants Node 22; the polyfill gives Node 20 what it misses.
        info.Environment["NODE_OPTIONS"] = "--require " + Path.Combine(start.Paths.RunnerDirectory, "polyfill.cjs");
        info.ArgumentList.Add(Path.Combine(start.Paths.RunnerDirectory, "runner.mjs"));
        foreach (var (arn, file) in start.Machines)
        {
            info.ArgumentList.Add("--machine");
            info.ArgumentList.Add($"{arn}={file}");
        }

        foreach (var arg in new[]
        {
            "--substitutions", substitutionsFile,
            "--lambda-endpoint", start.LambdaEndpoint.ToString().TrimEnd('/'),
            "--origin-ms", start.Scheduler.Now.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture),
            "--seed", SeedStreams.Derive(start.Scheduler.Options.Seed, SeedStreams.Runner).ToString(CultureInfo.InvariantCulture),
        })
        {
            info.ArgumentList.Add(arg);
        }

        var process = Process.Start(info) ?? throw new InvalidOperationException("node did not start.");
        var runner = new AslRunner(process, start.Scheduler, start.Handshake, work);
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

    /// <summary>StartExecution on the default state machine (or the one named); its end comes as an execution-ended line.</summary>
    public void StartExecution(string name, string inputJson, string? stateMachineArn = null) =>
        Send(new JsonObject { ["op"] = "start", ["name"] = name, ["input"] = JsonNode.Parse(inputJson), ["stateMachineArn"] = stateMachineArn });

    public void StopExecution(string name, string error, string cause) =>
        Send(new JsonObject { ["op"] = "stop", ["name"] = name, ["error"] = error, ["cause"] = cause });

    /// <summary>The transport for a Step Functions client that calls this runner's callback API.</summary>
    public HttpMessageHandler CallbackTransport() => new RunnerCallHandler(_scheduler, _handshake);

    private void Fire(long id) => Send(new JsonObject { ["op"] = "fire", ["id"] = id });

    private void Send(JsonObject command)
    {
        command["now"] = _scheduler.Now.ToUnixTimeMilliseconds();
        lock (_process)
        {
            _handshake.CommandSent();
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

        RawLineReceived?.Invoke(line);
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

        switch (element.TryGetProperty("type", out var t) ? t.GetString() : null)
        {
            case "ready":
                _ready.TrySetResult(new Uri(element.GetProperty("callbackEndpoint").GetString()!));
                break;
            case "idle":
                _handshake.Report(element);
                break;
            case "timer":
                var id = element.GetProperty("id").GetInt64();
                _scheduler.SetTimer(WorkOrigin.Runner, id, DateTimeOffset.FromUnixTimeMilliseconds(element.GetProperty("due").GetInt64()), $"runner timer {id}", () => Fire(id));
                break;
            case "timer-cleared":
                _scheduler.ClearTimer(WorkOrigin.Runner, element.GetProperty("id").GetInt64());
                break;
            case "protocol-error":
                _stderr.Enqueue(line);
                LineReceived?.Invoke(element);
                break;
            default:
                LineReceived?.Invoke(element);
                break;
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

/// <summary>What the runner needs: its state machines by ARN (first: the default), the substitutions, where Lambda is, the scheduler.</summary>
public sealed record RunnerStart(
    RepoPaths Paths,
    IReadOnlyDictionary<string, string> Machines,
    IReadOnlyDictionary<string, string> Substitutions,
    Uri LambdaEndpoint,
    Scheduler Scheduler,
    RunnerHandshake Handshake);
