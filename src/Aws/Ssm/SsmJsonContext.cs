using System.Text.Json.Serialization;
using Wso2Serverless.Aws.Http;
using Wso2Serverless.Aws.Ssm.Model;

namespace Wso2Serverless.Aws.Ssm;

/// <summary>Source-generated (AOT) JSON for the SSM wire shapes: member names as they are, nulls left out, epoch-second times.</summary>
[JsonSourceGenerationOptions(
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    Converters = [typeof(EpochSecondsUtcConverter)])]
[JsonSerializable(typeof(SendCommandRequest))]
[JsonSerializable(typeof(SendCommandResponse))]
[JsonSerializable(typeof(ListCommandsRequest))]
[JsonSerializable(typeof(ListCommandsResponse))]
[JsonSerializable(typeof(ListCommandInvocationsRequest))]
[JsonSerializable(typeof(ListCommandInvocationsResponse))]
[JsonSerializable(typeof(GetCommandInvocationRequest))]
[JsonSerializable(typeof(GetCommandInvocationResponse))]
internal sealed partial class SsmJsonContext : JsonSerializerContext;
