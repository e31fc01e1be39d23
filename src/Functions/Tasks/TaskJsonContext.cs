using System.Text.Json;
using System.Text.Json.Serialization;
using Wso2Serverless.Domain.Model;

namespace Wso2Serverless.Functions.Tasks;

/// <summary>
/// Source-generated JSON for the workflow tasks' payloads. camelCase, because the state machine
/// addresses these fields by JSONPath (<c>$.deployment.timeouts.createStackSeconds</c>).
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    PropertyNameCaseInsensitive = true,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    Converters = [typeof(FailurePolicyJsonConverter)])]
[JsonSerializable(typeof(AcceptRequest))]
[JsonSerializable(typeof(AcceptResult))]
[JsonSerializable(typeof(WaitTaskRequest))]
[JsonSerializable(typeof(WaitTaskResult))]
[JsonSerializable(typeof(ReconcileRequest))]
[JsonSerializable(typeof(ReconcileResult))]
[JsonSerializable(typeof(VerifyRequest))]
[JsonSerializable(typeof(VerifyResult))]
[JsonSerializable(typeof(CompleteRequest))]
[JsonSerializable(typeof(RecordFailureRequest))]
[JsonSerializable(typeof(CloseResult))]
[JsonSerializable(typeof(Deployment))]
public sealed partial class TaskJsonContext : JsonSerializerContext;

/// <summary>"keep" / "delete" in the JSON, as the input contract spells them.</summary>
public sealed class FailurePolicyJsonConverter : JsonStringEnumConverter<FailurePolicy>
{
    public FailurePolicyJsonConverter()
        : base(JsonNamingPolicy.CamelCase, allowIntegerValues: false)
    {
    }
}
