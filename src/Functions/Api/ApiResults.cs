using System.Net;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace Wso2Serverless.Functions.Api;

/// <summary>Builds the API's responses: JSON bodies and RFC 9457 problems.</summary>
public static class ApiResults
{
    public const string Json = "application/json";
    public const string ProblemJson = "application/problem+json";

    public static HttpApiResponse Ok<T>(HttpStatusCode status, T body, JsonTypeInfo<T> typeInfo, string? location = null)
    {
        var headers = new Dictionary<string, string>(StringComparer.Ordinal) { ["content-type"] = Json, ["cache-control"] = "no-store" };
        if (location is not null)
        {
            headers["location"] = location;
        }

        return new HttpApiResponse { StatusCode = (int)status, Headers = headers, Body = JsonSerializer.Serialize(body, typeInfo) };
    }

    public static HttpApiResponse Problem(
        HttpStatusCode status, string type, string title, string? detail, string? instance,
        IReadOnlyList<FieldProblem>? errors = null, IReadOnlyDictionary<string, string>? headers = null)
    {
        var problem = new Problem
        {
            Type = type,
            Title = title,
            Status = (int)status,
            Detail = detail,
            Instance = instance,
            Errors = errors is { Count: > 0 } ? errors : null,
        };
        var all = new Dictionary<string, string>(StringComparer.Ordinal) { ["content-type"] = ProblemJson, ["cache-control"] = "no-store" };
        if (headers is not null)
        {
            foreach (var (key, value) in headers)
            {
                all[key] = value;
            }
        }

        return new HttpApiResponse { StatusCode = (int)status, Headers = all, Body = JsonSerializer.Serialize(problem, ApiJsonContext.Default.Problem) };
    }

    public static HttpApiResponse Invalid(string instance, IReadOnlyList<FieldProblem> errors, string? detail = null) =>
        Problem(HttpStatusCode.BadRequest, ProblemTypes.InvalidRequest, "The request is not valid.",
            detail ?? (errors.Count == 1 ? errors[0].Message : $"{errors.Count} fields are not valid; see errors."), instance, errors);

    public static HttpApiResponse NotFound(string instance, string detail) =>
        Problem(HttpStatusCode.NotFound, ProblemTypes.NotFound, "Not found.", detail, instance);
}
