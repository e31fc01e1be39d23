using Wso2Serverless.Runtime;

namespace Wso2Serverless.Functions.Tests.Events;

/// <summary><see cref="IJsonLog"/> that keeps every line, so tests can check what an operator would read.</summary>
internal sealed class RecordingLog : IJsonLog
{
    public List<(string Level, string Message, IReadOnlyDictionary<string, object?> Fields)> Lines { get; } = [];
    public List<string> RawLines { get; } = [];
    public string? DeploymentId { get; private set; }

    public string? Phase { get; private set; }

    public void SetDeploymentId(string deploymentId) => DeploymentId = deploymentId;

    public void SetPhase(string phase) => Phase = phase;

    public void Info(string message, params (string Key, object? Value)[] fields) => Add("info", message, fields);

    public void Warn(string message, params (string Key, object? Value)[] fields) => Add("warn", message, fields);

    public void Error(string message, Exception? exception = null, params (string Key, object? Value)[] fields) => Add("error", message, fields);

    public void Raw(string jsonLine) => RawLines.Add(jsonLine);

    /// <summary>Everything written, as one string, for "this never appears in a log" checks.</summary>
    public string All => string.Join('\n', Lines.Select(l => $"{l.Level} {l.Message} {string.Join(' ', l.Fields.Select(f => $"{f.Key}={f.Value}"))}").Concat(RawLines));

    private void Add(string level, string message, (string Key, object? Value)[] fields) =>
        Lines.Add((level, message, fields.ToDictionary(f => f.Key, f => f.Value)));
}
