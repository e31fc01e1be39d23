namespace Wso2Serverless.Runtime;

/// <summary>
/// Structured logging: one JSON object per line on stdout with timestamp, level, message,
/// function, request id and, once a handler knows it, the deployment id. Values pass through
/// the secret redactor before they are written.
/// </summary>
public interface IJsonLog
{
    /// <summary>Attaches the deployment id to every later line of this invocation.</summary>
    void SetDeploymentId(string deploymentId);

    void Info(string message, params (string Key, object? Value)[] fields);
    void Warn(string message, params (string Key, object? Value)[] fields);
    void Error(string message, Exception? exception = null, params (string Key, object? Value)[] fields);

    /// <summary>Writes a raw line (CloudWatch Embedded Metric Format objects).</summary>
    void Raw(string jsonLine);
}
