using System.Text.Json;
using System.Text.Json.Nodes;

namespace Wso2Serverless.Domain.Preflight;

/// <summary>
/// Evaluates the intrinsic functions whose value is known before a stack exists: <c>Ref</c> to a
/// parameter (the request's value, else the template's default) or to <c>AWS::Region</c>,
/// <c>Fn::FindInMap</c>, <c>Fn::If</c> and the condition functions. Anything else (an attribute
/// of a resource not yet created, <c>Fn::Sub</c>...) is unknown: null, never a guess.
/// </summary>
public sealed class TemplateEvaluator
{
    private readonly TemplateDocument _template;
    private readonly IReadOnlyDictionary<string, string> _parameters;
    private readonly Dictionary<string, bool?> _conditions = new(StringComparer.Ordinal);

    /// <param name="parameters">The request's parameter values; the template's defaults fill the rest.</param>
    public TemplateEvaluator(TemplateDocument template, IReadOnlyDictionary<string, string> parameters, string region)
    {
        ArgumentNullException.ThrowIfNull(template);
        ArgumentNullException.ThrowIfNull(parameters);
        _template = template;
        _parameters = parameters;
        Region = region;
    }

    public string Region { get; }

    /// <summary>The value a parameter will have: the request's, else the template's default; null when neither.</summary>
    public string? Parameter(string name)
    {
        if (_parameters.TryGetValue(name, out var value))
        {
            return value;
        }

        return _template.Parameters[name] is JsonObject declaration && declaration["Default"] is JsonValue d ? Text(d) : null;
    }

    /// <summary>The string value of an expression, or null when it cannot be known before the stack exists.</summary>
    public string? Evaluate(JsonNode? node)
    {
        switch (node)
        {
            case JsonValue value:
                return Text(value);
            case JsonObject { Count: 1 } function:
                var (name, argument) = function.First();
                return name switch
                {
                    "Ref" => Ref(Evaluate(argument)),
                    "Fn::FindInMap" when argument is JsonArray { Count: 3 } a => FindInMap(Evaluate(a[0]), Evaluate(a[1]), Evaluate(a[2])),
                    "Fn::If" when argument is JsonArray { Count: 3 } a => Condition(Evaluate(a[0])) switch
                    {
                        true => Evaluate(a[1]),
                        false => Evaluate(a[2]),
                        null => null,
                    },
                    _ => null,
                };
            default:
                return null;
        }
    }

    /// <summary>A named condition of the template; null when it depends on something unknown.</summary>
    public bool? Condition(string? name)
    {
        if (name is null || _template.Conditions[name] is not { } definition)
        {
            return null;
        }

        if (_conditions.TryGetValue(name, out var known))
        {
            return known;
        }

        _conditions[name] = null; // a cycle evaluates to unknown
        var result = Test(definition);
        _conditions[name] = result;
        return result;
    }

    /// <summary>A condition expression (Fn::Equals, Fn::Not, Fn::And, Fn::Or, Condition).</summary>
    public bool? Test(JsonNode? node)
    {
        if (node is not JsonObject { Count: 1 } function)
        {
            return null;
        }

        var (name, argument) = function.First();
        var items = argument as JsonArray;
        switch (name)
        {
            case "Condition":
                return Condition(Evaluate(argument));
            case "Fn::Equals" when items is { Count: 2 }:
                var left = Evaluate(items[0]);
                var right = Evaluate(items[1]);
                return left is null || right is null ? null : string.Equals(left, right, StringComparison.Ordinal);
            case "Fn::Not" when items is { Count: 1 }:
                return !Test(items[0]);
            case "Fn::And" when items is not null:
                var all = items.Select(Test).ToList();
                return all.Contains(false) ? false : all.Contains(null) ? null : true;
            case "Fn::Or" when items is not null:
                var any = items.Select(Test).ToList();
                return any.Contains(true) ? true : any.Contains(null) ? null : false;
            default:
                return null;
        }
    }

    /// <summary>The parameters an expression reads through Ref, conditions included (who can change its value).</summary>
    public IReadOnlyList<string> ParametersIn(JsonNode? node)
    {
        var found = new List<string>();
        Collect(node, found, new HashSet<string>(StringComparer.Ordinal));
        return found;
    }

    private void Collect(JsonNode? node, List<string> found, HashSet<string> seenConditions)
    {
        switch (node)
        {
            case JsonObject { Count: 1 } o when o.First() is ("Ref", JsonValue v) && Text(v) is { } name && _template.Parameters.ContainsKey(name):
                if (!found.Contains(name))
                {
                    found.Add(name);
                }

                break;
            case JsonObject { Count: 1 } o when o.First() is ("Condition", JsonValue v) && Text(v) is { } condition && seenConditions.Add(condition):
                Collect(_template.Conditions[condition], found, seenConditions);
                break;
            case JsonObject { Count: 1 } o when o.First() is ("Fn::If", JsonArray { Count: 3 } a) && Text(a[0] as JsonValue) is { } condition:
                if (seenConditions.Add(condition))
                {
                    Collect(_template.Conditions[condition], found, seenConditions);
                }

                Collect(a[1], found, seenConditions);
                Collect(a[2], found, seenConditions);
                break;
            case JsonObject o:
                foreach (var (_, child) in o)
                {
                    Collect(child, found, seenConditions);
                }

                break;
            case JsonArray a:
                foreach (var child in a)
                {
                    Collect(child, found, seenConditions);
                }

                break;
        }
    }

    private string? Ref(string? name) => name switch
    {
        null => null,
        "AWS::Region" => Region,
        _ => _template.Parameters.ContainsKey(name) ? Parameter(name) : null,
    };

    private string? FindInMap(string? map, string? first, string? second) =>
        map is null || first is null || second is null ? null
        : _template.Mappings[map]?[first]?[second] is JsonValue value ? Text(value) : null;

    /// <summary>A scalar as CloudFormation reads it: strings as they are, numbers and booleans as their JSON text.</summary>
    public static string? Text(JsonValue? value) => value is null ? null : value.GetValueKind() switch
    {
        JsonValueKind.String => value.GetValue<string>(),
        JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False => value.ToJsonString(),
        _ => null,
    };
}
