using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Wso2Serverless.Functions.Tasks;

/// <summary>
/// The SSM command comment that names one phase attempt's command, so a task that finds its
/// claim in flight (a crashed or concurrent duplicate) can look the command up instead of
/// sending it twice. SSM comments hold at most 100 characters.
/// </summary>
public static class CommandComments
{
    public const int MaxLength = 100;

    public static string For(string deploymentId, string phase, int attempt)
    {
        ArgumentNullException.ThrowIfNull(deploymentId);
        var text = string.Create(CultureInfo.InvariantCulture, $"wso2 {deploymentId} {phase} #{attempt}");
        if (text.Length <= MaxLength)
        {
            return text;
        }

        // Execution names go up to 80 characters: fall back to a hash of the id, still unique.
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(deploymentId)))[..24];
        text = string.Create(CultureInfo.InvariantCulture, $"wso2 {hash} {phase} #{attempt}");
        return text.Length <= MaxLength ? text : text[..MaxLength];
    }

    /// <summary>The phase a comment of ours names (<c>wso2 &lt;id&gt; &lt;phase&gt; #&lt;n&gt;</c>); null for a command we did not send.</summary>
    public static string? PhaseOf(string? comment)
    {
        var parts = comment?.Split(' ') ?? [];
        return parts.Length == 4 && parts[0] == "wso2" && parts[3].StartsWith('#') && parts[2].Length > 0 ? parts[2] : null;
    }
}
