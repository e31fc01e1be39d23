namespace Wso2Serverless.Functions.Hosting.Permissions;

/// <summary>
/// One IAM statement a function's role holds: allow <see cref="Actions"/> on <see cref="Resources"/>,
/// under <see cref="Conditions"/>. Declared beside the function in the catalog; serverless.template
/// carries exactly these (a test regenerates and compares them).
/// </summary>
public sealed record Grant(string Sid, IReadOnlyList<string> Actions, IReadOnlyList<TemplateText> Resources)
{
    public IReadOnlyList<GrantCondition> Conditions { get; init; } = [];

    public Grant When(string conditionOperator, string key, params TemplateText[] values) =>
        this with { Conditions = [.. Conditions, new GrantCondition(conditionOperator, key, values)] };
}

/// <summary>One condition of a statement: <c>{ operator: { key: value(s) } }</c>.</summary>
public sealed record GrantCondition(string Operator, string Key, IReadOnlyList<TemplateText> Values);
