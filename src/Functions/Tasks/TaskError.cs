using System.Text.Json.Serialization;

namespace Wso2Serverless.Functions.Tasks;

/// <summary>
/// An error as Step Functions shapes it in a Catch's ResultPath (<c>{"Error": ..., "Cause": ...}</c>);
/// tasks return the same shape so the failure path reads one form whatever failed.
/// </summary>
public sealed record TaskError(
    [property: JsonPropertyName("Error")] string Error,
    [property: JsonPropertyName("Cause")] string? Cause);
