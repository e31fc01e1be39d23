using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Wso2Serverless.Domain.Model;

namespace Wso2Serverless.Domain.Validation;

/// <summary>
/// Checks a deployment request (the state machine's input, see src/StateMachine/README.md) and
/// normalises it into a <see cref="Deployment"/> with every default filled in. It works on the
/// raw <see cref="JsonElement"/> rather than a deserialised object so that it can say "expected
/// a string, got a number" at the exact path, and it collects every problem before answering.
/// Messages never repeat a submitted value: a misplaced password must not be echoed into the
/// execution history, a log or a notification.
/// </summary>
public static partial class DeploymentRequestValidator
{
    public const string BundledTemplate = "bundled";

    /// <summary>Parameters the orchestrator sets itself; a request may not override them.</summary>
    public static IReadOnlyList<string> ReservedParameters { get; } = ["EnvironmentName", "DeploymentId"];

    private static readonly HashSet<string> TopLevel = new(StringComparer.Ordinal)
    {
        "environment", "stackName", "template", "parameters", "secrets", "rebuild", "agents",
        "timeouts", "failurePolicy", "notification", "trigger", "verify",
    };

    private static readonly string[] Triggers = ["console", "api", "schedule"];

    public static RequestValidation Validate(JsonElement request, string deploymentId, DateTimeOffset requestedAt)
    {
        var problems = new List<ValidationProblem>();
        if (request.ValueKind != JsonValueKind.Object)
        {
            problems.Add(new("$", $"expected a JSON object with at least environment and stackName, got {Kind(request)}"));
            return new RequestValidation(null, problems);
        }

        foreach (var property in request.EnumerateObject())
        {
            if (!TopLevel.Contains(property.Name))
            {
                problems.Add(new($"$.{property.Name}", "unknown property; expected one of " + string.Join(", ", TopLevel)));
            }
        }

        var environment = RequiredString(request, "environment", problems, EnvironmentPattern(),
            "expected 1-32 characters: lower-case letters, digits and '-', starting with a letter (e.g. \"dev\")");
        var stackName = RequiredString(request, "stackName", problems, StackNamePattern(),
            "expected 1-24 characters: letters, digits and '-', starting with a letter (resource names derive from it and have tight limits)");
        var templateUrl = Template(request, problems);
        var parameters = Parameters(request, problems);
        var secrets = Secrets(request, problems, parameters);
        var rebuild = OptionalBool(request, "rebuild", problems) ?? false;
        var agents = Agents(request, problems);
        var timeouts = Timeouts(request, problems);
        var failurePolicy = FailurePolicyOf(request, problems);
        var notification = Notification(request, problems);
        var verify = VerifyOptionsOf(request, problems);
        var trigger = OptionalString(request, "trigger", problems) ?? "console";
        if (!Triggers.Contains(trigger, StringComparer.Ordinal))
        {
            problems.Add(new("$.trigger", "expected one of console, api, schedule"));
        }

        if (problems.Count > 0 || environment is null || stackName is null)
        {
            return new RequestValidation(null, problems);
        }

        var merged = new Dictionary<string, string>(parameters, StringComparer.Ordinal);
        foreach (var (logical, parameterName) in secrets)
        {
            merged[SecretParameterName(logical)] = parameterName;
        }

        return new RequestValidation(
            new Deployment
            {
                DeploymentId = deploymentId,
                Environment = environment,
                StackName = stackName,
                TemplateUrl = templateUrl,
                Parameters = merged,
                Secrets = secrets,
                Rebuild = rebuild,
                Agents = agents,
                Timeouts = timeouts,
                FailurePolicy = failurePolicy,
                Notification = notification,
                RequestedAt = requestedAt,
                Trigger = trigger,
                Verify = verify,
            },
            problems);
    }

    /// <summary>The stack parameter a secret reference is passed in: <c>DBPassword</c> → <c>DBPasswordParameterName</c>.</summary>
    public static string SecretParameterName(string logicalName)
    {
        ArgumentNullException.ThrowIfNull(logicalName);
        return logicalName.EndsWith("ParameterName", StringComparison.Ordinal) ? logicalName : logicalName + "ParameterName";
    }

    private static string? Template(JsonElement request, List<ValidationProblem> problems)
    {
        var template = OptionalString(request, "template", problems);
        if (template is null || template == BundledTemplate)
        {
            return null;
        }

        // CloudFormation only reads TemplateURL from S3 over HTTPS; anything else fails later and worse.
        if (!TemplateUrlPattern().IsMatch(template))
        {
            problems.Add(new("$.template", "expected \"bundled\" or an S3 HTTPS URL (https://BUCKET.s3.REGION.amazonaws.com/KEY)"));
            return null;
        }

        return template;
    }

    private static Dictionary<string, string> Parameters(JsonElement request, List<ValidationProblem> problems)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        if (!TryOptionalObject(request, "parameters", problems, out var parameters))
        {
            return result;
        }

        foreach (var p in parameters.EnumerateObject())
        {
            var path = "$.parameters." + p.Name;
            if (!ParameterNamePattern().IsMatch(p.Name))
            {
                problems.Add(new(path, "expected a CloudFormation parameter name (letters and digits only)"));
                continue;
            }

            if (ReservedParameters.Contains(p.Name, StringComparer.Ordinal))
            {
                problems.Add(new(path, "is set by the orchestrator; remove it from the request"));
                continue;
            }

            if (p.Value.ValueKind != JsonValueKind.String)
            {
                problems.Add(new(path, $"expected a string (CloudFormation parameter values are strings), got {Kind(p.Value)}"));
                continue;
            }

            var value = p.Value.GetString()!;
            if (SecretHeuristics.NameSuggestsSecret(p.Name) && !SecretHeuristics.IsReference(p.Name, value))
            {
                problems.Add(new(path,
                    "looks like a secret value; secrets must not be sent in the request. Store it as an SSM SecureString " +
                    $"and pass its parameter name under secrets instead, e.g. \"secrets\": {{ \"{p.Name}\": \"/wso2/ENV/{p.Name}\" }}"));
                continue;
            }

            if (p.Name == OperatingSystems.ParameterName && OperatingSystems.WhyUnsupported(value) is { } why)
            {
                problems.Add(new(path, "unsupported operating system: " + why));
                continue;
            }

            result[p.Name] = value;
        }

        return result;
    }

    private static Dictionary<string, string> Secrets(JsonElement request, List<ValidationProblem> problems, Dictionary<string, string> parameters)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        if (!TryOptionalObject(request, "secrets", problems, out var secrets))
        {
            return result;
        }

        foreach (var s in secrets.EnumerateObject())
        {
            var path = "$.secrets." + s.Name;
            if (!ParameterNamePattern().IsMatch(s.Name))
            {
                problems.Add(new(path, "expected a logical name of letters and digits (it becomes the stack parameter NAMEParameterName)"));
                continue;
            }

            if (s.Value.ValueKind != JsonValueKind.String || !SsmParameterNamePattern().IsMatch(s.Value.GetString()!))
            {
                // Whatever was sent may be the secret itself: say what is expected, never what was given.
                problems.Add(new(path, "expected the NAME of an SSM SecureString parameter, a path starting with '/' (e.g. \"/wso2/dev/db-password\"), not its value"));
                continue;
            }

            if (parameters.ContainsKey(SecretParameterName(s.Name)))
            {
                problems.Add(new(path, $"conflicts with $.parameters.{SecretParameterName(s.Name)}; give the reference in one place only"));
                continue;
            }

            result[s.Name] = s.Value.GetString()!;
        }

        return result;
    }

    private static List<AgentStep> Agents(JsonElement request, List<ValidationProblem> problems)
    {
        var defaults = AgentRoles.Agents.Select(r => new AgentStep(r)).ToList();
        if (!request.TryGetProperty("agents", out var agents) || agents.ValueKind == JsonValueKind.Null)
        {
            return defaults;
        }

        if (agents.ValueKind != JsonValueKind.Array)
        {
            problems.Add(new("$.agents", $"expected an array of {{ \"role\": \"apim\" | \"mi\", \"maxConcurrency\": \"1\" }} in run order, got {Kind(agents)}"));
            return defaults;
        }

        var result = new List<AgentStep>();
        var index = 0;
        foreach (var item in agents.EnumerateArray())
        {
            var path = $"$.agents[{index++}]";
            string? role = null;
            var concurrency = "1";
            if (item.ValueKind == JsonValueKind.String)
            {
                role = item.GetString();
            }
            else if (item.ValueKind == JsonValueKind.Object)
            {
                foreach (var p in item.EnumerateObject())
                {
                    if (p.Name is not ("role" or "maxConcurrency"))
                    {
                        problems.Add(new($"{path}.{p.Name}", "unknown property; expected role or maxConcurrency"));
                    }
                }

                if (!item.TryGetProperty("role", out var r) || r.ValueKind != JsonValueKind.String)
                {
                    problems.Add(new($"{path}.role", "required: expected \"apim\" or \"mi\""));
                    continue;
                }

                role = r.GetString();
                if (item.TryGetProperty("maxConcurrency", out var mc))
                {
                    var text = mc.ValueKind switch
                    {
                        JsonValueKind.Number when TryGetWhole(mc, out var n) => n.ToString(CultureInfo.InvariantCulture),
                        JsonValueKind.String => mc.GetString(),
                        _ => null,
                    };
                    if (text is null || !ConcurrencyPattern().IsMatch(text))
                    {
                        problems.Add(new($"{path}.maxConcurrency", "expected a positive number of nodes (\"2\") or a percentage (\"50%\")"));
                    }
                    else
                    {
                        concurrency = text;
                    }
                }
            }
            else
            {
                problems.Add(new(path, $"expected an object {{ \"role\": ..., \"maxConcurrency\": ... }}, got {Kind(item)}"));
                continue;
            }

            if (!AgentRoles.Agents.Contains(role, StringComparer.Ordinal))
            {
                problems.Add(new(item.ValueKind == JsonValueKind.String ? path : $"{path}.role", "expected one of " + string.Join(", ", AgentRoles.Agents)));
                continue;
            }

            if (result.Any(a => a.Role == role))
            {
                // A list-wide rule, reported on the list (as the schema's "at most once" is).
                problems.Add(new("$.agents", $"role {role} is listed more than once; each role runs once"));
                continue;
            }

            result.Add(new AgentStep(role!, concurrency));
        }

        if (index == 0)
        {
            problems.Add(new("$.agents", "expected at least one role; omit agents to run " + string.Join(" then ", AgentRoles.Agents)));
        }

        return result;
    }

    private static PhaseTimeouts Timeouts(JsonElement request, List<ValidationProblem> problems)
    {
        var t = new PhaseTimeouts();
        if (!TryOptionalObject(request, "timeouts", problems, out var timeouts))
        {
            return t;
        }

        foreach (var p in timeouts.EnumerateObject())
        {
            var path = "$.timeouts." + p.Name;
            var isAttempts = p.Name == "maxWaitAttempts";
            var (min, max) = isAttempts ? (1, 10) : p.Name == "verifyIntervalSeconds" ? (10, 3600) : (60, 86_400);
            if (!TimeoutNames.Contains(p.Name))
            {
                problems.Add(new(path, "unknown timeout; expected one of " + string.Join(", ", TimeoutNames)));
                continue;
            }

            if (p.Value.ValueKind != JsonValueKind.Number || !TryGetWhole(p.Value, out var value) || value < min || value > max)
            {
                problems.Add(new(path, string.Create(CultureInfo.InvariantCulture, $"expected a whole number from {min} to {max}{(isAttempts ? "" : " (seconds)")}")));
                continue;
            }

            t = p.Name switch
            {
                "removeOldSeconds" => t with { RemoveOldSeconds = value },
                "createStackSeconds" => t with { CreateStackSeconds = value },
                "puppetMasterSeconds" => t with { PuppetMasterSeconds = value },
                "puppetMasterHeartbeatSeconds" => t with { PuppetMasterHeartbeatSeconds = value },
                "databaseScriptsSeconds" => t with { DatabaseScriptsSeconds = value },
                "agentSeconds" => t with { AgentSeconds = value },
                "verifySeconds" => t with { VerifySeconds = value },
                "verifyIntervalSeconds" => t with { VerifyIntervalSeconds = value },
                _ => t with { MaxWaitAttempts = value },
            };
        }

        if (t.PuppetMasterHeartbeatSeconds > t.PuppetMasterSeconds)
        {
            problems.Add(new("$.timeouts.puppetMasterHeartbeatSeconds", "expected at most puppetMasterSeconds: a heartbeat longer than the whole wait never fires"));
        }

        if (t.VerifyIntervalSeconds > t.VerifySeconds)
        {
            problems.Add(new("$.timeouts.verifyIntervalSeconds", "expected at most verifySeconds: Verify would never look again"));
        }

        return t;
    }

    private static readonly string[] TimeoutNames =
    [
        "removeOldSeconds", "createStackSeconds", "puppetMasterSeconds", "puppetMasterHeartbeatSeconds",
        "databaseScriptsSeconds", "agentSeconds", "verifySeconds", "verifyIntervalSeconds", "maxWaitAttempts",
    ];

    private static FailurePolicy FailurePolicyOf(JsonElement request, List<ValidationProblem> problems)
    {
        var text = OptionalString(request, "failurePolicy", problems);
        switch (text)
        {
            case null or "keep":
                return FailurePolicy.Keep;
            case "delete":
                return FailurePolicy.Delete;
            default:
                problems.Add(new("$.failurePolicy", "expected \"keep\" (leave a failed stack for debugging) or \"delete\""));
                return FailurePolicy.Keep;
        }
    }

    private static VerifyOptions VerifyOptionsOf(JsonElement request, List<ValidationProblem> problems)
    {
        if (!TryOptionalObject(request, "verify", problems, out var v))
        {
            return new VerifyOptions();
        }

        foreach (var p in v.EnumerateObject())
        {
            if (p.Name != "probeUrls")
            {
                problems.Add(new("$.verify." + p.Name, "unknown property; expected probeUrls"));
            }
        }

        return new VerifyOptions(OptionalBool(v, "probeUrls", problems, "$.verify.") ?? false);
    }

    private static NotificationOptions? Notification(JsonElement request, List<ValidationProblem> problems)
    {
        if (!TryOptionalObject(request, "notification", problems, out var n))
        {
            return null;
        }

        foreach (var p in n.EnumerateObject())
        {
            if (p.Name is not ("topicArn" or "notifyOnSuccess" or "subjectPrefix"))
            {
                problems.Add(new("$.notification." + p.Name, "unknown property; expected topicArn, notifyOnSuccess or subjectPrefix"));
            }
        }

        var topic = OptionalString(n, "topicArn", problems, "$.notification.");
        if (topic is not null && !SnsTopicArnPattern().IsMatch(topic))
        {
            problems.Add(new("$.notification.topicArn", "expected an SNS topic ARN (arn:aws:sns:REGION:ACCOUNT:NAME)"));
        }

        var prefix = OptionalString(n, "subjectPrefix", problems, "$.notification.");
        if (prefix is not null && (prefix.EnumerateRunes().Count() > 40 || prefix.Any(char.IsControl)))
        {
            problems.Add(new("$.notification.subjectPrefix", "expected at most 40 characters on one line"));
        }

        var onSuccess = OptionalBool(n, "notifyOnSuccess", problems, "$.notification.") ?? true;
        return new NotificationOptions(topic, onSuccess, prefix);
    }

    private static string? RequiredString(JsonElement obj, string name, List<ValidationProblem> problems, Regex pattern, string expected)
    {
        if (!obj.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            problems.Add(new("$." + name, "required: " + expected));
            return null;
        }

        if (value.ValueKind != JsonValueKind.String)
        {
            problems.Add(new("$." + name, $"expected a string, got {Kind(value)}"));
            return null;
        }

        var text = value.GetString()!;
        if (!pattern.IsMatch(text))
        {
            problems.Add(new("$." + name, expected));
            return null;
        }

        return text;
    }

    private static string? OptionalString(JsonElement obj, string name, List<ValidationProblem> problems, string prefix = "$.")
    {
        if (!obj.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.String)
        {
            problems.Add(new(prefix + name, $"expected a string, got {Kind(value)}"));
            return null;
        }

        return value.GetString();
    }

    private static bool? OptionalBool(JsonElement obj, string name, List<ValidationProblem> problems, string prefix = "$.")
    {
        if (!obj.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (value.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
        {
            problems.Add(new(prefix + name, $"expected true or false, got {Kind(value)}"));
            return null;
        }

        return value.GetBoolean();
    }

    private static bool TryOptionalObject(JsonElement obj, string name, List<ValidationProblem> problems, out JsonElement value)
    {
        if (!obj.TryGetProperty(name, out value) || value.ValueKind == JsonValueKind.Null)
        {
            return false;
        }

        if (value.ValueKind != JsonValueKind.Object)
        {
            problems.Add(new("$." + name, $"expected an object, got {Kind(value)}"));
            return false;
        }

        return true;
    }

    /// <summary>A whole number however it is written (60, 60.0, 6e1), as JSON Schema's "integer" means it.</summary>
    private static bool TryGetWhole(JsonElement value, out int whole)
    {
        whole = 0;
        if (!value.TryGetDouble(out var number) || number != Math.Floor(number) || number is < int.MinValue or > int.MaxValue)
        {
            return false;
        }

        whole = (int)number;
        return true;
    }

    /// <summary>The JSON type of a value, for "got …" (the value itself is never shown).</summary>
    private static string Kind(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        JsonValueKind.Null => "null",
        _ => "nothing",
    };

    [GeneratedRegex("^[a-z][a-z0-9-]{0,31}$", RegexOptions.CultureInvariant)]
    private static partial Regex EnvironmentPattern();

    [GeneratedRegex("^[A-Za-z][A-Za-z0-9-]{0,23}$", RegexOptions.CultureInvariant)]
    private static partial Regex StackNamePattern();

    [GeneratedRegex("^[A-Za-z0-9]{1,255}$", RegexOptions.CultureInvariant)]
    private static partial Regex ParameterNamePattern();

    /// <summary>
    /// An SSM parameter name as the product template's <c>DBPasswordParameterName</c> requires it,
    /// written as its AllowedPattern (whole-value match; tests hold the template and the input
    /// schema to it): '/' then letters, digits and . - _ /. No spaces, which also keeps most
    /// pasted passwords out.
    /// </summary>
    public const string SsmParameterNameRule = @"/[A-Za-z0-9_.\-/]{1,1010}";

    // \z, not $: .NET's $ also matches before a final newline.
    [GeneratedRegex(@"\A(?:" + SsmParameterNameRule + @")\z", RegexOptions.CultureInvariant)]
    private static partial Regex SsmParameterNamePattern();

    [GeneratedRegex("^[1-9][0-9]{0,3}%?$", RegexOptions.CultureInvariant)]
    private static partial Regex ConcurrencyPattern();

    [GeneratedRegex(@"^arn:aws[a-z-]*:sns:[a-z0-9-]+:\d{12}:[A-Za-z0-9_-]{1,256}$", RegexOptions.CultureInvariant)]
    private static partial Regex SnsTopicArnPattern();

    // The same pattern as deployment-input.schema.json's: an HTTPS URL of an object in S3.
    [GeneratedRegex(@"^https://[A-Za-z0-9.-]*s3[A-Za-z0-9.-]*\.amazonaws\.com/\S+$", RegexOptions.CultureInvariant)]
    private static partial Regex TemplateUrlPattern();
}
