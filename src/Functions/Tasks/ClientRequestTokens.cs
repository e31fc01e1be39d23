using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;

namespace Wso2Serverless.Functions.Tasks;

/// <summary>
/// CloudFormation ClientRequestTokens derived from the deployment, the phase and the attempt, so
/// a duplicate or retried invocation of a task repeats the same call instead of making a second
/// stack or a second delete. CloudFormation allows <c>[a-zA-Z0-9][-a-zA-Z0-9]*</c>, at most 128.
/// </summary>
public static partial class ClientRequestTokens
{
    public const int MaxLength = 128;

    public static string For(string deploymentId, string phase, int attempt)
    {
        ArgumentNullException.ThrowIfNull(deploymentId);
        ArgumentNullException.ThrowIfNull(phase);
        var raw = $"{deploymentId}-{phase}-{attempt.ToString(System.Globalization.CultureInfo.InvariantCulture)}";
        var clean = NotAllowed().Replace(raw, "-");
        if (clean == raw && clean.Length <= MaxLength && char.IsAsciiLetterOrDigit(clean[0]))
        {
            return clean;
        }

        // Cleaning can make two ids equal ("a.b" and "a_b"), and long ids must be cut: a hash of
        // the raw text keeps the token unique and still deterministic.
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(raw)))[..16];
        var head = clean.TrimStart('-');
        head = head.Length > MaxLength - 18 ? head[..(MaxLength - 18)] : head;
        return head.Length == 0 ? "t-" + hash : $"{head}-{hash}";
    }

    [GeneratedRegex("[^a-zA-Z0-9-]", RegexOptions.CultureInvariant)]
    private static partial Regex NotAllowed();
}
