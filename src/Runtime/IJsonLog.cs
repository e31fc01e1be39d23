namespace Wso2Serverless.Runtime;

/// <summary>
/// Structured logging: one JSON object per line on stdout with Powertools' standard keys
/// (level, message, timestamp, service, cold_start, function_name, function_request_id,
/// xray_trace_id) and, once a handler knows them, the deployment id and phase. Values pass
/// through the secret redactor before they are written.
/// </summary>
public interface IJsonLog
{
    /// <summary>Attaches the deployment id to every later line of this invocation.</summary>
    void SetDeploymentId(string deploymentId);

    /// <summary>Attaches the phase (e.g. <c>CreateStack</c>, <c>RunPuppetAgents:apim</c>) to every later line of this invocation.</summary>
    void SetPhase(string phase);

    void Info(string message, params (string Key, object? Value)[] fields);
    void Warn(string message, params (string Key, object? Value)[] fields);
    void Error(string message, Exception? exception = null, params (string Key, object? Value)[] fields);

    /// <summary>Writes a raw line (CloudWatch Embedded Metric Format objects).</summary>
    void Raw(string jsonLine);
}
