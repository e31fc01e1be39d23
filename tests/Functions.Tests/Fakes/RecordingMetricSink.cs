using System.Collections.Concurrent;
using Wso2Serverless.Domain.Ports;

namespace Wso2Serverless.Functions.Tests.Fakes;

/// <summary>Keeps every EMF line so tests can parse what a run would have sent to CloudWatch.</summary>
public sealed class RecordingMetricSink : IMetricSink
{
    private readonly ConcurrentQueue<string> _lines = new();

    public IReadOnlyList<string> Lines => [.. _lines];

    public void Emit(string emfLine) => _lines.Enqueue(emfLine);
}
