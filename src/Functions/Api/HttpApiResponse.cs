using System.Text.Json.Serialization;

namespace Wso2Serverless.Functions.Api;

/// <summary>The response an HTTP API (payload format 2.0) expects back from a Lambda integration.</summary>
public sealed record HttpApiResponse
{
    [JsonPropertyName("statusCode")] public required int StatusCode { get; init; }
    [JsonPropertyName("headers")] public Dictionary<string, string> Headers { get; init; } = [];
    [JsonPropertyName("body")] public string? Body { get; init; }
    [JsonPropertyName("isBase64Encoded")] public bool IsBase64Encoded { get; init; }

    public string? ContentType => Headers.GetValueOrDefault("content-type");
}
