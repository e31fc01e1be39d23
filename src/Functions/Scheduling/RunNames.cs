using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Wso2Serverless.Functions.Scheduling;

/// <summary>
/// Execution names, which are also deployment ids. Step Functions allows 1-80 characters of
/// letters, digits, '-' and '_'. Requests get a new, time-sortable id; scheduled runs get a name
/// derived from the environment and the due time, so a retried tick asks for the same execution
/// again and Step Functions answers "already started" instead of starting a second run.
/// </summary>
public static class RunNames
{
    private const int MaxLength = 80;
    private const int MaxEnvironmentLength = 48;

    /// <summary>A new id for a requested run, e.g. <c>20261128-090000-3f9a1c2b</c>: sorts by start time. <paramref name="random"/> gives the suffix's bytes (default: the system's).</summary>
    public static string NewDeploymentId(DateTimeOffset now, Func<int, byte[]>? random = null) =>
        string.Create(CultureInfo.InvariantCulture, $"{now.UtcDateTime:yyyyMMdd-HHmmss}-{Convert.ToHexStringLower((random ?? RandomNumberGenerator.GetBytes)(4))}");

    /// <summary>The scheduled rebuild of <paramref name="environment"/> due at <paramref name="dueAt"/>.</summary>
    public static string ScheduledRebuild(string environment, DateTimeOffset dueAt) =>
        Compose("rebuild", environment, dueAt);

    /// <summary>The teardown of <paramref name="environment"/> because it expired at <paramref name="expiresAt"/>.</summary>
    public static string Expiry(string environment, DateTimeOffset expiresAt) =>
        Compose("expire", environment, expiresAt);

    /// <summary>A requested teardown; like a requested run it gets a new id.</summary>
    public static string NewTeardownId(DateTimeOffset now, Func<int, byte[]>? random = null) => "teardown-" + NewDeploymentId(now, random);

    private static string Compose(string kind, string environment, DateTimeOffset at)
    {
        var name = string.Create(CultureInfo.InvariantCulture, $"{kind}-{Safe(environment)}-{at.UtcDateTime:yyyyMMddTHHmm}");
        return name.Length <= MaxLength ? name : name[..MaxLength];
    }

    /// <summary>Keeps the name legal and short whatever the environment is called.</summary>
    private static string Safe(string environment)
    {
        var builder = new StringBuilder(Math.Min(environment.Length, MaxEnvironmentLength));
        foreach (var c in environment)
        {
            if (builder.Length == MaxEnvironmentLength)
            {
                break;
            }

            builder.Append(char.IsAsciiLetterOrDigit(c) || c is '-' or '_' ? c : '_');
        }

        return builder.ToString();
    }
}
