using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;

namespace Wso2Serverless.Functions.Tasks;

/// <summary>
/// CloudFormation ClientRequestTokens derived from the deployment, the phase and the attempt, so
/// a duplicate or retried invocation of a task repeats the same call instead of making a second
/// stack or a second delete. CloudFormation allows <c>[a-zA-Z0-9][-a-zA-Z0-9]*</c>, at most 128.
/// Every token starts with <see cref="Prefix"/>: CloudFormation stamps the token on every status
/// event of the operation, so the stack rule and the router know an operation of ours from the
/// event alone.
/// </summary>
public static partial class ClientRequestTokens
{
    public const int MaxLength = 128;

    /// <summary>The mark of this orchestrator's stack operations (the stack rule matches it).</summary>
    public const string Prefix = "wso2o-";

    public static string For(string deploymentId, string phase, int attempt)
    {
        ArgumentNullException.ThrowIfNull(deploymentId);
        ArgumentNullException.ThrowIfNull(phase);
        var room = MaxLength - Prefix.Length;
        var raw = $"{deploymentId}-{phase}-{attempt.ToString(System.Globalization.CultureInfo.InvariantCulture)}";
        var clean = NotAllowed().Replace(raw, "-");
        if (clean == raw && clean.Length <= room)
        {
            return Prefix + clean;
        }

        // Cleaning can make two ids equal ("a.b" and "a_b"), and long ids must be cut: a hash of
        // the raw text keeps the token unique and still deterministic.
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(raw)))[..16];
        var head = clean.Trim('-');
        head = head.Length > room - 17 ? head[..(room - 17)] : head;
        return head.Length == 0 ? Prefix + hash : $"{Prefix}{head}-{hash}";
    }

    /// <summary>True for a token this orchestrator made (an event's <c>client-request-token</c>).</summary>
    public static bool IsOurs(string? token) =>
        token is not null && token.Length > Prefix.Length && token.StartsWith(Prefix, StringComparison.Ordinal);

    [GeneratedRegex("[^a-zA-Z0-9-]", RegexOptions.CultureInvariant)]
    private static partial Regex NotAllowed();
}
