namespace Wso2Serverless.Aws;

/// <summary>
/// Where each AWS service lives for this process. The AWS convention is followed so that any local
/// emulator (moto in tests and <c>simulate</c>) can stand in: <c>AWS_ENDPOINT_URL_&lt;SERVICE&gt;</c>
/// first, then <c>AWS_ENDPOINT_URL</c>, then the real regional endpoint. The region comes from
/// <c>AWS_REGION</c> (set by Lambda) or <c>AWS_DEFAULT_REGION</c> (set by the CLI tooling).
/// </summary>
public sealed class AwsEndpoints
{
    /// <summary>Used only when no region variable is set (a developer machine with nothing configured).</summary>
    public const string FallbackRegion = "us-east-1";

    private readonly Func<string, string?> _get;

    /// <param name="getEnvironment">Environment lookup; tests pass a dictionary's lookup.</param>
    public AwsEndpoints(Func<string, string?>? getEnvironment = null)
    {
        _get = getEnvironment ?? Environment.GetEnvironmentVariable;
        Region = Read("AWS_REGION") ?? Read("AWS_DEFAULT_REGION") ?? FallbackRegion;
    }

    public string Region { get; }

    /// <summary>
    /// For tests that watch the wire (the IAM call recorder): the transport every thin client built
    /// from these endpoints sends through, after signing. Null (Lambda): a plain socket handler.
    /// </summary>
    public Func<HttpMessageHandler>? Transport { get; init; }

    /// <summary>Every service at one endpoint, in one region: an emulator such as moto.</summary>
    public static AwsEndpoints Emulated(Uri endpoint, string region)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        var url = endpoint.ToString();
        return new AwsEndpoints(name => name switch
        {
            "AWS_ENDPOINT_URL" => url,
            "AWS_REGION" => region,
            _ => null,
        });
    }

    /// <summary>The explicit override for <paramref name="service"/>, or null when the real endpoint applies.</summary>
    public Uri? Override(AwsService service)
    {
        ArgumentNullException.ThrowIfNull(service);
        var value = Read($"AWS_ENDPOINT_URL_{service.EndpointId}") ?? Read("AWS_ENDPOINT_URL");
        return value is null ? null : new Uri(value, UriKind.Absolute);
    }

    /// <summary>The endpoint our own clients send <paramref name="service"/>'s requests to.</summary>
    public Uri Resolve(AwsService service) =>
        Override(service) ?? new Uri(service.GlobalHost is { } global ? $"https://{global}/" : $"https://{service.HostPrefix}.{Region}.amazonaws.com/");

    /// <summary>The region <paramref name="service"/>'s signatures name: its own for a global service, else ours.</summary>
    public string SigningRegion(AwsService service)
    {
        ArgumentNullException.ThrowIfNull(service);
        return service.SigningRegion ?? Region;
    }

    private string? Read(string name) => _get(name) is { Length: > 0 } value ? value.Trim() : null;
}
