using System.Text.Json.Serialization;

namespace Wso2Serverless.Functions.Events;

/// <summary>Source-generated serializers for the event functions' results (Native AOT).</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(RouteResult))]
[JsonSerializable(typeof(ExecutionStatusResult))]
internal sealed partial class EventsJsonContext : JsonSerializerContext;
