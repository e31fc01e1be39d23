using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace Wso2Serverless.Aws.Http;

/// <summary>
/// The AWS JSON protocols (1.0: Step Functions, DynamoDB; 1.1: SSM, ACM): a POST with
/// <c>X-Amz-Target: Prefix.Operation</c> and a JSON body. Serialization goes through
/// source-generated type info only (AOT). A service with modelled errors turns the parsed
/// <see cref="AwsServiceException"/> and the error body into its own exception type.
/// </summary>
public sealed class JsonProtocolClient
{
    private readonly HttpClient http;
    private readonly string service;
    private readonly string targetPrefix;
    private readonly MediaTypeHeaderValue contentType;
    private readonly Func<AwsServiceException, string, Exception>? mapError;

    /// <param name="jsonVersion">"1.0" or "1.1", as the service's protocol says.</param>
    /// <param name="mapError">Builds the exception to throw from the parsed error and the raw body; null throws the parsed error.</param>
    public JsonProtocolClient(HttpClient http, string service, string targetPrefix, string jsonVersion = "1.0", Func<AwsServiceException, string, Exception>? mapError = null)
    {
        ArgumentNullException.ThrowIfNull(http);
        this.http = http;
        this.service = service;
        this.targetPrefix = targetPrefix;
        // Exactly this media type, without "; charset=", which is what the services expect.
        contentType = new MediaTypeHeaderValue($"application/x-amz-json-{jsonVersion}");
        this.mapError = mapError;
    }

    public async Task<TResponse> SendAsync<TRequest, TResponse>(
        string operation,
        TRequest request,
        JsonTypeInfo<TRequest> requestType,
        JsonTypeInfo<TResponse> responseType,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(responseType);
        var body = await SendRawAsync(operation, request, requestType, cancellationToken).ConfigureAwait(false);
        return JsonSerializer.Deserialize(body.Length == 0 ? "{}"u8 : body, responseType)
            ?? throw new AwsServiceException(service, "EmptyResponse", $"{operation} returned no body", null, System.Net.HttpStatusCode.OK);
    }

    /// <summary>For operations whose answer is an empty object.</summary>
    public async Task SendAsync<TRequest>(string operation, TRequest request, JsonTypeInfo<TRequest> requestType, CancellationToken cancellationToken) =>
        await SendRawAsync(operation, request, requestType, cancellationToken).ConfigureAwait(false);

    private async Task<byte[]> SendRawAsync<TRequest>(string operation, TRequest request, JsonTypeInfo<TRequest> requestType, CancellationToken cancellationToken)
    {
        var payload = JsonSerializer.SerializeToUtf8Bytes(request, requestType);
        using var content = new ByteArrayContent(payload);
        content.Headers.ContentType = contentType;
        using var message = new HttpRequestMessage(HttpMethod.Post, http.BaseAddress) { Content = content };
        message.Headers.TryAddWithoutValidation("X-Amz-Target", $"{targetPrefix}.{operation}");
        using var response = await http.SendAsync(message, cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            var (error, body) = await AwsErrorParser.ReadWithBodyAsync(service, response, cancellationToken).ConfigureAwait(false);
            throw mapError?.Invoke(error, body) ?? error;
        }

        return await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
    }
}
