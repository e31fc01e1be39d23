using System.Globalization;
using Wso2Serverless.Domain.Ports;
using Wso2Serverless.Domain.Validation;

namespace Wso2Serverless.Domain.Preflight;

/// <summary>
/// Checks a stack request's parameters against the template's declarations before anything is
/// created: CloudFormation itself reports only the first problem, and only after the lock is
/// taken and an old stack possibly deleted.
/// </summary>
public static class StackPreflight
{
    /// <param name="template">The template's parameter declarations (GetTemplateSummary or a local reader).</param>
    /// <param name="parameters">The request's parameters; secret references already merged in under their parameter names.</param>
    /// <param name="secrets">Secret references of the request: logical name to SSM SecureString parameter name.</param>
    public static PreflightReport Check(
        TemplateSummary template,
        IReadOnlyDictionary<string, string> parameters,
        IReadOnlyDictionary<string, string>? secrets = null)
    {
        ArgumentNullException.ThrowIfNull(template);
        ArgumentNullException.ThrowIfNull(parameters);
        secrets ??= new Dictionary<string, string>();

        var problems = new List<PreflightProblem>();
        var declared = new HashSet<string>(StringComparer.Ordinal);
        foreach (var parameter in template.Parameters)
        {
            declared.Add(parameter.Name);
            if (!parameters.TryGetValue(parameter.Name, out var value))
            {
                if (parameter.DefaultValue is null)
                {
                    problems.Add(new(parameter.Name, PreflightProblemKind.MissingRequired, "required (the template has no default): " + Expectation(parameter)));
                }

                continue;
            }

            if (parameter.NoEcho)
            {
                // A literal here would travel through the execution input and history in clear
                // text; the request must name an SSM SecureString instead. An empty value
                // reveals nothing and is how an optional secret is left out.
                if (value.Length > 0 && !IsSecretReference(value, secrets))
                {
                    problems.Add(new(parameter.Name, PreflightProblemKind.LiteralSecret,
                        "NoEcho parameter given a literal value; pass the name of an SSM SecureString parameter under 'secrets' instead, so the value never enters the execution history"));
                }

                // Its value (literal or reference) is not checked against AllowedValues nor
                // echoed in a message.
                continue;
            }

            if (parameter.AllowedValues.Count > 0 && !parameter.AllowedValues.Contains(value, StringComparer.Ordinal))
            {
                problems.Add(new(parameter.Name, PreflightProblemKind.NotAllowed,
                    $"'{value}' is not allowed; expected one of: {string.Join(", ", parameter.AllowedValues)}"));
                continue;
            }

            if (TypeProblem(parameter.Type, value) is { } typeProblem)
            {
                problems.Add(new(parameter.Name, PreflightProblemKind.InvalidType, $"'{value}' {typeProblem}"));
            }
        }

        foreach (var name in parameters.Keys.Where(n => !declared.Contains(n)).Order(StringComparer.Ordinal))
        {
            problems.Add(new(name, PreflightProblemKind.UnknownParameter,
                "the template declares no such parameter; known: " + string.Join(", ", template.Parameters.Select(p => p.Name))));
        }

        return new PreflightReport(problems);
    }

    /// <summary>
    /// Everything preflight can know before the stack exists: <see cref="Check"/> on the summary,
    /// then what only the template's text says (constraints such as AllowedPattern, the AMIs it
    /// will launch for this region) and the operating systems the orchestrator refuses.
    /// </summary>
    public static async Task<PreflightReport> CheckAsync(
        TemplateSummary summary,
        TemplateDocument template,
        IReadOnlyDictionary<string, string> parameters,
        IReadOnlyDictionary<string, string>? secrets,
        IImageCatalog images,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(images);
        var problems = Check(summary, parameters, secrets).Problems.ToList();
        var reported = problems.Select(p => p.Parameter).ToHashSet(StringComparer.Ordinal);
        problems.AddRange(ParameterConstraints.Check(template, parameters).Where(p => !reported.Contains(p.Parameter)));

        var evaluator = new TemplateEvaluator(template, parameters, images.Region);
        if (template.Parameters.ContainsKey(OperatingSystems.ParameterName)
            && OperatingSystems.WhyUnsupported(evaluator.Parameter(OperatingSystems.ParameterName)) is { } why)
        {
            problems.Add(new(OperatingSystems.ParameterName, PreflightProblemKind.Unsupported, why));
        }

        problems.AddRange(await ImagePreflight.CheckAsync(template, evaluator, images, cancellationToken).ConfigureAwait(false));
        return new PreflightReport(problems);
    }

    /// <summary>A reference is a value the request listed among its secrets (an SSM parameter name).</summary>
    private static bool IsSecretReference(string value, IReadOnlyDictionary<string, string> secrets) =>
        secrets.Values.Contains(value, StringComparer.Ordinal);

    private static string Expectation(TemplateParameter parameter)
    {
        if (parameter.NoEcho)
        {
            return "a secret reference (SSM SecureString parameter name) under 'secrets'";
        }

        var expectation = parameter.AllowedValues.Count > 0
            ? $"one of: {string.Join(", ", parameter.AllowedValues)}"
            : $"a value of type {parameter.Type}";
        return string.IsNullOrWhiteSpace(parameter.Description) ? expectation : $"{expectation} ({parameter.Description.Trim()})";
    }

    /// <summary>The checks CloudFormation would make on the value's form, where they are cheap and certain.</summary>
    private static string? TypeProblem(string type, string value)
    {
        return type switch
        {
            "Number" => double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out _) ? null : "is not a number",
            "List<Number>" => value.Split(',').All(v => double.TryParse(v.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out _))
                ? null : "is not a comma-separated list of numbers",
            "AWS::EC2::VPC::Id" => Prefixed(value, "vpc-") ? null : "is not a VPC id (vpc-...)",
            "AWS::EC2::Subnet::Id" => Prefixed(value, "subnet-") ? null : "is not a subnet id (subnet-...)",
            "AWS::EC2::SecurityGroup::Id" => Prefixed(value, "sg-") ? null : "is not a security group id (sg-...)",
            "AWS::EC2::Image::Id" => Prefixed(value, "ami-") ? null : "is not an AMI id (ami-...)",
            "List<AWS::EC2::Subnet::Id>" => value.Split(',').All(v => Prefixed(v.Trim(), "subnet-")) ? null : "is not a list of subnet ids",
            "AWS::EC2::KeyPair::KeyName" => value.Length > 0 ? null : "is empty; a key pair name is required",
            _ => null,
        };
    }

    private static bool Prefixed(string value, string prefix) =>
        value.Length > prefix.Length && value.StartsWith(prefix, StringComparison.Ordinal);
}
