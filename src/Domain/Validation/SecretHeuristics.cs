using System.Text.RegularExpressions;

namespace Wso2Serverless.Domain.Validation;

/// <summary>
/// Recognises a stack parameter that carries a secret value instead of a reference to one.
/// Values given that way would sit in the execution history, the stack's parameters and every
/// log that prints the input, which is exactly what <c>secrets</c> (SSM parameter names) avoids.
/// </summary>
public static partial class SecretHeuristics
{
    /// <summary>Parameter names that suggest a secret: password, secret, key, token, credential.</summary>
    public static bool NameSuggestsSecret(string name) => SecretWord().IsMatch(name);

    /// <summary>
    /// True when the parameter names a secret rather than holding it: the name says so
    /// (…ParameterName, …Name, …Arn, …Id) or the value is an SSM path, an ARN or a dynamic reference.
    /// </summary>
    public static bool IsReference(string name, string value) =>
        ReferenceName().IsMatch(name)
        || value.StartsWith('/')
        || value.StartsWith("arn:", StringComparison.Ordinal)
        || value.StartsWith("{{resolve:", StringComparison.Ordinal);

    [GeneratedRegex("password|passwd|secret|key|token|credential", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex SecretWord();

    [GeneratedRegex("(ParameterName|Name|Arn|Id)$", RegexOptions.CultureInvariant)]
    private static partial Regex ReferenceName();
}
