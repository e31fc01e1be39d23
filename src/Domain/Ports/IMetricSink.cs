namespace Wso2Serverless.Domain.Ports;

/// <summary>
/// Where CloudWatch Embedded Metric Format lines go. On Lambda that is stdout (CloudWatch Logs
/// extracts the metrics); tests record them.
/// </summary>
public interface IMetricSink
{
    void Emit(string emfLine);
}

/// <summary>Writes each line to standard output, as Lambda's log capture expects.</summary>
public sealed class StdoutMetricSink : IMetricSink
{
    public static StdoutMetricSink Instance { get; } = new();

    public void Emit(string emfLine) => Console.Out.WriteLine(emfLine);
}
