using System.Text.RegularExpressions;
using Wso2Serverless.Aws;
using Wso2Serverless.Aws.CloudFormation;
using Wso2Serverless.Aws.CloudFormation.Model;
using Wso2Serverless.Aws.Http;
using Wso2Serverless.Aws.Signing;
using Wso2Serverless.Cli.Api;

namespace Wso2Serverless.Cli.Connection;

/// <summary>Where the API is and how to sign for it, from the global options and the environment.</summary>
public static partial class ApiConnection
{
    public const string StackOutputKey = "ApiUrl";
    public const string ApiUrlVariable = "WSO2CTL_API_URL";

    /// <summary>Builds the API client: URL from <c>--api-url</c>, <c>--stack</c> or WSO2CTL_API_URL; SigV4 for <c>execute-api</c>.</summary>
    public static async Task<OrchestratorApi> OpenAsync(GlobalSettings settings, CliContext context, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(context);
        // AWS_PROFILE is the SDK's own business; --profile names one explicitly.
        var credentials = context.Credentials ?? new ChainCredentialSource(settings.Profile);
        var url = settings.ApiUrl
            ?? (settings.Stack is { } stack ? await FromStackAsync(stack, settings, context, credentials, ct).ConfigureAwait(false) : null)
            ?? (context.Environment(ApiUrlVariable) is { Length: > 0 } fromEnv ? new Uri(fromEnv) : null)
            ?? throw new UsageException($"Say where the API is: --api-url URL, --stack NAME (the orchestrator stack's {StackOutputKey} output) or {ApiUrlVariable}.");
        var region = RegionFor(url, settings, context);
        var signing = CreateSigningHandler(SigV4Service, region, credentials, context.Time,
            context.Transport ?? new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) });
        var http = new HttpClient(signing, disposeHandler: true) { Timeout = settings.RequestTimeout };
        return new OrchestratorApi(http, url);
    }

    public const string SigV4Service = "execute-api";

    /// <summary>The project's SigV4 handler (AWSSDK.Core's signature), dated by the CLI's clock.</summary>
    internal static SigningHandler CreateSigningHandler(string service, string region, ICredentialSource credentials, TimeProvider time, HttpMessageHandler transport) =>
        new(service, region, credentials, new ProviderClock(time)) { InnerHandler = transport };

    private sealed class ProviderClock(TimeProvider time) : Domain.Ports.IClock
    {
        public DateTimeOffset UtcNow => time.GetUtcNow();
    }

    /// <summary>
    /// The signing region: <c>--region</c>, else the one in an <c>execute-api</c> host name, else
    /// AWS_REGION, AWS_DEFAULT_REGION, the profile's region, and us-east-1 last.
    /// </summary>
    public static string RegionFor(Uri url, GlobalSettings settings, CliContext context)
    {
        ArgumentNullException.ThrowIfNull(url);
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(context);
        if (settings.Region is { Length: > 0 } explicitRegion)
        {
            return explicitRegion;
        }

        var match = ExecuteApiHost().Match(url.Host);
        return match.Success ? match.Groups["region"].Value : DefaultRegion(settings, context);
    }

    private static string DefaultRegion(GlobalSettings settings, CliContext context) =>
        settings.Region
        ?? Nonempty(context.Environment("AWS_REGION"))
        ?? Nonempty(context.Environment("AWS_DEFAULT_REGION"))
        ?? ChainCredentialSource.ProfileRegion(settings.Profile ?? Nonempty(context.Environment("AWS_PROFILE")))
        ?? AwsEndpoints.FallbackRegion;

    /// <summary>The orchestrator stack's <c>ApiUrl</c> output, through the project's CloudFormation client (AWS_ENDPOINT_URL honoured).</summary>
    private static async Task<Uri> FromStackAsync(string stack, GlobalSettings settings, CliContext context, ICredentialSource credentials, CancellationToken ct)
    {
        var region = DefaultRegion(settings, context);
        var endpoints = new AwsEndpoints(name => name is "AWS_REGION" ? region : context.Environment(name));
        var client = CloudFormationClient.Create(endpoints, credentials);
        DescribeStacksResponse described;
        try
        {
            described = await client.DescribeStacksAsync(new DescribeStacksRequest { StackName = stack }, ct).ConfigureAwait(false);
        }
        catch (AwsServiceException ex)
        {
            throw new ApiUnavailableException($"Could not read stack '{stack}' in {region}: {ex.Message}", ex);
        }
        catch (HttpRequestException ex)
        {
            throw new ApiUnavailableException($"Could not reach CloudFormation in {region}: {ex.Message}", ex);
        }

        var output = described.Stacks.FirstOrDefault()?.Outputs.FirstOrDefault(o => o.OutputKey == StackOutputKey)?.OutputValue;
        return output is { Length: > 0 } && Uri.TryCreate(output, UriKind.Absolute, out var url)
            ? url
            : throw new ApiUnavailableException($"Stack '{stack}' in {region} has no {StackOutputKey} output; is it the orchestrator stack (serverless.template)?");
    }

    private static string? Nonempty(string? value) => value is { Length: > 0 } ? value : null;

    [GeneratedRegex(@"^[a-z0-9]+\.execute-api\.(?<region>[a-z0-9-]+)\.amazonaws\.com(\.cn)?$", RegexOptions.CultureInvariant)]
    private static partial Regex ExecuteApiHost();
}
