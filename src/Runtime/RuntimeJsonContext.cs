using System.Text.Json.Serialization;

namespace Wso2Serverless.Runtime;

/// <summary>Source-generated JSON for what the runtime itself sends to the Runtime API.</summary>
[JsonSerializable(typeof(RuntimeError))]
public sealed partial class RuntimeJsonContext : JsonSerializerContext;
