using System.Text.Json.Serialization;
using Wso2Serverless.Domain.Signals;

namespace Wso2Serverless.Domain.Events;

/// <summary>
/// Source-generated serializers for the event shapes (Native AOT: no reflection). CamelCase is
/// the policy only for the Puppet Master signal, whose record is shared and carries no
/// attributes; every AWS shape names its members explicitly.
/// </summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, PropertyNameCaseInsensitive = true)]
[JsonSerializable(typeof(EventEnvelope))]
[JsonSerializable(typeof(StackStatusChangeDetail))]
[JsonSerializable(typeof(CommandStatusChangeDetail))]
[JsonSerializable(typeof(CommandInvocationStatusChangeDetail))]
[JsonSerializable(typeof(ExecutionStatusChangeDetail))]
[JsonSerializable(typeof(PuppetMasterSignalDetail))]
internal sealed partial class EventJsonContext : JsonSerializerContext;
