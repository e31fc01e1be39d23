namespace Wso2Serverless.Domain.Validation;

/// <summary>
/// Operating system values the orchestrator refuses, with the reason, whatever a template allows:
/// a node on them fails its bootstrap. What is supported is the template's AllowedValues for
/// <see cref="ParameterName"/> (Ubuntu).
/// </summary>
public static class OperatingSystems
{
    /// <summary>The product template's parameter that picks the nodes' operating system.</summary>
    public const string ParameterName = "OperatingSystem";

    private static readonly Dictionary<string, string> Retired = new(StringComparer.Ordinal)
    {
        ["CentOS7"] = "CentOS 7 reached end of life on 30 June 2024: its package repositories are archived, so the nodes' 'yum install epel-release' fails and the bootstrap stops; use Ubuntu",
        ["CentOS8"] = "CentOS 8 reached end of life on 31 December 2021: its package repositories are archived; use Ubuntu",
    };

    /// <summary>Every refused value, spelled as the template spells it (the input schema lists the same).</summary>
    public static IReadOnlyCollection<string> Refused => Retired.Keys;

    /// <summary>Why <paramref name="value"/> is refused, or null when the orchestrator has nothing against it.</summary>
    public static string? WhyUnsupported(string? value) =>
        value is not null && Retired.TryGetValue(value, out var reason) ? reason : null;
}
