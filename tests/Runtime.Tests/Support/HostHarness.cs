using System.Collections.Concurrent;

namespace Wso2Serverless.Runtime.Tests.Support;

/// <summary>
/// Runs the real <see cref="LambdaHost"/> against a <see cref="FakeRuntimeApi"/> with a fake
/// environment, a manual clock and captured stdout, and stops it when the test is done.
/// </summary>
internal sealed class HostHarness : IAsyncDisposable
{
    public static readonly DateTimeOffset Start = new(2026, 11, 28, 12, 0, 0, TimeSpan.Zero);

    private readonly CancellationTokenSource stop = new();
    private Task<int>? running;

    private HostHarness(FakeRuntimeApi api) => Api = api;

    public FakeRuntimeApi Api { get; }

    public StringWriter Output { get; } = new();

    public ManualTimeProvider Time { get; } = new(Start);

    public SecretRedactor Redactor { get; } = new();

    public Dictionary<string, string?> Environment { get; } = new(StringComparer.Ordinal);

    /// <summary>Every value the runtime set, in order, per variable.</summary>
    public ConcurrentQueue<(string Name, string? Value)> EnvironmentWrites { get; } = new();

    public TimeSpan CancellationMargin { get; set; } = LambdaHostOptions.DefaultCancellationMargin;

    public IReadOnlyList<string> OutputLines =>
        Output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    public static HostHarness Create()
    {
        var harness = new HostHarness(FakeRuntimeApi.Start());
        harness.Environment[LambdaHost.RuntimeApiVariable] = harness.Api.HostAndPort;
        harness.Environment[LambdaHost.FunctionNameVariable] = "wso2-test-function";
        return harness;
    }

    public LambdaHostOptions Options() => new()
    {
        GetEnvironment = name => Environment.GetValueOrDefault(name),
        SetEnvironment = (name, value) => EnvironmentWrites.Enqueue((name, value)),
        Output = Output,
        Time = Time,
        CancellationMargin = CancellationMargin,
        Redactor = Redactor,
    };

    /// <summary>Starts the host in the background; the test then queues events and reads posts.</summary>
    public Task<int> Run(string? handlerName, Func<string, ILambdaHandler?> resolve)
    {
        running = Task.Run(() => LambdaHost.RunAsync(handlerName, resolve, Options(), stop.Token));
        return running;
    }

    public Task<int> Run(ILambdaHandler handler) => Run("test", name => name == "test" ? handler : null);

    /// <summary>Stops the loop (between events) and returns its exit code.</summary>
    public async Task<int> StopAsync()
    {
        await stop.CancelAsync();
        return await running!.WaitAsync(TimeSpan.FromSeconds(20), TestContext.Current.CancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        if (running is { IsCompleted: false })
        {
            await stop.CancelAsync();
            await running.WaitAsync(TimeSpan.FromSeconds(20), CancellationToken.None).ContinueWith(static _ => { }, TaskScheduler.Default);
        }

        await Api.DisposeAsync();
        stop.Dispose();
        await Output.DisposeAsync();
    }
}
