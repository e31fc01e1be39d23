using System.Text.Json.Serialization;

namespace Wso2Serverless.Functions.Api;

/// <summary>Source-generated JSON for the API's envelopes and bodies (Native AOT: no reflection).</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    UseStringEnumConverter = true,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(HttpApiRequest))]
[JsonSerializable(typeof(HttpApiResponse))]
[JsonSerializable(typeof(Problem))]
[JsonSerializable(typeof(StartedRun))]
[JsonSerializable(typeof(DeploymentView))]
[JsonSerializable(typeof(HistoryView))]
[JsonSerializable(typeof(CancelledRun))]
[JsonSerializable(typeof(EnvironmentRequest))]
[JsonSerializable(typeof(EnvironmentView))]
public sealed partial class ApiJsonContext : JsonSerializerContext;
