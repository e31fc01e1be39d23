using System.Collections.Concurrent;
using Wso2Serverless.Domain.Ports;

namespace Wso2Serverless.StandIns.World;

/// <summary>
/// Keeps the EMF metric lines the functions emit instead of printing them, so simulate's
/// output stays readable; the report can carry them.
/// </summary>
public sealed class RecordingMetricSink : IMetricSink
{
    private readonly ConcurrentQueue<string> _lines = new();

    public IReadOnlyList<string> Lines => [.. _lines];

    public void Emit(string emfLine) => _lines.Enqueue(emfLine);
}
