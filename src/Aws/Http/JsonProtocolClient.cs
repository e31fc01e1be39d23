using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace Wso2Serverless.Aws.Http;

/// <summary>
/// The AWS JSON protocol (1.0: Step Functions; 1.1: ACM): a POST with
/// <c>X-Amz-Target: Prefix.Operation</c> and a JSON body. Serialization goes through
/// source-generated type info only (AOT).
/// </summary>
/// <param name="jsonVersion">The protocol version the service's content type names: "1.0" or "1.1".</param>
public sealed class JsonProtocolClient(HttpClient http, string service, string targetPrefix, string jsonVersion = "1.0")
{
    private readonly MediaTypeHeaderValue _contentType = new($"application/x-amz-json-{jsonVersion}");

    public async Task<TResponse> SendAsync<TRequest, TResponse>(
        string operation,
        TRequest request,
        JsonTypeInfo<TRequest> requestType,
        JsonTypeInfo<TResponse> responseType,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(responseType);
        var body = await SendRawAsync(operation, request, requestType, cancellationToken).ConfigureAwait(false);
        return JsonSerializer.Deserialize(body.Length == 0 ? "{}" : body, responseType)
            ?? throw new AwsServiceException(service, "EmptyResponse", $"{operation} returned no body", null, System.Net.HttpStatusCode.OK);
    }

    /// <summary>For operations whose answer is an empty object.</summary>
    public async Task SendAsync<TRequest>(string operation, TRequest request, JsonTypeInfo<TRequest> requestType, CancellationToken cancellationToken) =>
        await SendRawAsync(operation, request, requestType, cancellationToken).ConfigureAwait(false);

    private async Task<string> SendRawAsync<TRequest>(string operation, TRequest request, JsonTypeInfo<TRequest> requestType, CancellationToken cancellationToken)
    {
        var payload = JsonSerializer.SerializeToUtf8Bytes(request, requestType);
        using var content = new ByteArrayContent(payload);
        // Exactly this media type, without "; charset=", which is what the service expects.
        content.Headers.ContentType = _contentType;
        using var message = new HttpRequestMessage(HttpMethod.Post, http.BaseAddress) { Content = content };
        message.Headers.TryAddWithoutValidation("X-Amz-Target", $"{targetPrefix}.{operation}");
        using var response = await http.SendAsync(message, cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            throw await AwsErrorParser.ReadAsync(service, response, cancellationToken).ConfigureAwait(false);
        }

        return await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
    }
}
