using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Wso2Serverless.Domain.Preflight;

/// <summary>
/// The constraints a template declares on its parameters (AllowedPattern, MinLength, MaxLength,
/// MinValue, MaxValue), applied to the request's values before the stack exists. The template is
/// the one source: its AllowedPattern is what keeps a value that reaches a shell on the instances
/// (a database host, an Elasticsearch endpoint) from carrying anything but what it should.
/// CloudFormation matches a pattern against the whole value; so does this check.
/// </summary>
public static class ParameterConstraints
{
    private static readonly TimeSpan MatchTimeout = TimeSpan.FromSeconds(1);

    public static IReadOnlyList<PreflightProblem> Check(TemplateDocument template, IReadOnlyDictionary<string, string> parameters)
    {
        ArgumentNullException.ThrowIfNull(template);
        ArgumentNullException.ThrowIfNull(parameters);
        var problems = new List<PreflightProblem>();
        foreach (var (name, node) in template.Parameters)
        {
            if (node is not JsonObject declaration || !parameters.TryGetValue(name, out var value)
                || string.Equals(Text(declaration, "NoEcho"), "true", StringComparison.OrdinalIgnoreCase))
            {
                continue; // absent (the default applies) or NoEcho (never judged or echoed here)
            }

            var type = Text(declaration, "Type") ?? "String";
            var constraint = Text(declaration, "ConstraintDescription") is { Length: > 0 } description ? $" ({description.Trim()})" : "";
            if (Problem(declaration, type, value) is { } problem)
            {
                problems.Add(new(name, PreflightProblemKind.ConstraintViolated, problem + constraint));
            }
        }

        return problems;
    }

    private static string? Problem(JsonObject declaration, string type, string value)
    {
        if (type == "Number")
        {
            var number = double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var n) ? n : (double?)null;
            if (number is null)
            {
                return null; // the type check says so already
            }

            if (Number(declaration, "MinValue") is { } min && number < min)
            {
                return string.Create(CultureInfo.InvariantCulture, $"must be at least {min}");
            }

            return Number(declaration, "MaxValue") is { } max && number > max
                ? string.Create(CultureInfo.InvariantCulture, $"must be at most {max}")
                : null;
        }

        if (type != "String")
        {
            return null;
        }

        if (Number(declaration, "MinLength") is { } minLength && value.Length < minLength)
        {
            return string.Create(CultureInfo.InvariantCulture, $"must be at least {minLength} characters long");
        }

        if (Number(declaration, "MaxLength") is { } maxLength && value.Length > maxLength)
        {
            return string.Create(CultureInfo.InvariantCulture, $"must be at most {maxLength} characters long");
        }

        // The value is not repeated: it may be long, or carry the very characters the pattern keeps out.
        return Text(declaration, "AllowedPattern") is { } pattern && !Matches(pattern, value)
            ? $"does not match the template's AllowedPattern {pattern}"
            : null;
    }

    /// <summary>
    /// Whether the whole value matches, as CloudFormation applies AllowedPattern. <c>\z</c>, not
    /// <c>$</c>: .NET's <c>$</c> also matches before a final newline, which a shell would run.
    /// </summary>
    public static bool Matches(string pattern, string value) =>
        Regex.IsMatch(value, $"\\A(?:{pattern})\\z", RegexOptions.CultureInvariant, MatchTimeout);

    private static string? Text(JsonObject declaration, string name) => TemplateEvaluator.Text(declaration[name] as JsonValue);

    private static double? Number(JsonObject declaration, string name) =>
        double.TryParse(Text(declaration, name), NumberStyles.Float, CultureInfo.InvariantCulture, out var n) ? n : null;
}
