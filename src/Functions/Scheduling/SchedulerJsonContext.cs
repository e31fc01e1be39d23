using System.Text.Json.Serialization;

namespace Wso2Serverless.Functions.Scheduling;

/// <summary>Source-generated JSON for the scheduler's input and result (Native AOT: no reflection).</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(SchedulerInput))]
[JsonSerializable(typeof(SchedulerResult))]
public sealed partial class SchedulerJsonContext : JsonSerializerContext;
