namespace Wso2Serverless.StandIns.ApiGateway;

/// <summary>
/// One HTTP request as it reached the stand-in: method, the raw target (path and query exactly as
/// sent), every header with its values in arrival order, the body bytes and the peer's address.
/// </summary>
public sealed record ReceivedRequest(
    string Method,
    string RawTarget,
    IReadOnlyList<KeyValuePair<string, string>> Headers,
    byte[] Body,
    string SourceIp,
    string Protocol)
{
    public string RawPath => RawTarget.Split('?', 2)[0];

    public string RawQueryString => RawTarget.Split('?', 2) is [_, var query] ? query : "";

    /// <summary>Every value of a header (case-insensitive name), in arrival order.</summary>
    public IReadOnlyList<string> Values(string name) =>
        [.. Headers.Where(h => string.Equals(h.Key, name, StringComparison.OrdinalIgnoreCase)).Select(h => h.Value)];

    /// <summary>A header's values joined with commas, as HTTP allows and API Gateway does; null when absent.</summary>
    public string? Header(string name) => Values(name) is { Count: > 0 } values ? string.Join(',', values) : null;
}
