using System.Globalization;
using System.Text;
using Wso2Serverless.Domain.Model;

namespace Wso2Serverless.Domain.Notifications;

/// <summary>
/// Writes the notification of a finished deployment for people (e-mail, chat): what happened,
/// where it failed and why, how long each phase took, and where the product is.
/// <code>
/// Notification NotificationComposer.Compose(DeploymentRecord record, IReadOnlyList&lt;PhaseRecord&gt; phases,
///     NotificationLinks? links = null, string? subjectPrefix = null)
/// </code>
/// Pass the record as it is (or will be) closed: its <see cref="DeploymentRecord.Status"/>,
/// <see cref="DeploymentRecord.EndedAt"/>, FailedPhase and Reason drive the text. Nothing here
/// reads secrets; the texts come from records that never hold them.
/// </summary>
public static class NotificationComposer
{
    /// <summary>SNS wants fewer than 100 characters; one spare for safety.</summary>
    public const int MaxSubjectLength = 99;

    public static Notification Compose(DeploymentRecord record, IReadOnlyList<PhaseRecord> phases, NotificationLinks? links = null, string? subjectPrefix = null)
    {
        ArgumentNullException.ThrowIfNull(record);
        ArgumentNullException.ThrowIfNull(phases);
        links ??= NotificationLinks.None;
        return new Notification(Subject(record, subjectPrefix), Body(record, phases, links));
    }

    public static string OutcomeText(DeploymentStatus status) => status switch
    {
        DeploymentStatus.Succeeded => "succeeded",
        DeploymentStatus.Failed => "FAILED",
        DeploymentStatus.Aborted => "ABORTED",
        DeploymentStatus.TimedOut => "TIMED OUT",
        DeploymentStatus.Cancelled => "cancelled",
        DeploymentStatus.Rejected => "rejected",
        DeploymentStatus.TornDown => "torn down",
        _ => "still running",
    };

    public static string Subject(DeploymentRecord record, string? prefix = null)
    {
        ArgumentNullException.ThrowIfNull(record);
        var core = $"WSO2 {record.Environment}: deployment {OutcomeText(record.Status)}";
        if (record.Status != DeploymentStatus.Succeeded && !string.IsNullOrEmpty(record.FailedPhase))
        {
            core += $" in {record.FailedPhase}";
        }

        var text = string.IsNullOrWhiteSpace(prefix) ? core : $"{prefix.Trim()} {core}";
        var withId = $"{text} ({record.DeploymentId})";
        // The id helps tell runs apart, but only when it fits whole.
        return SafeSubject(Sanitize(withId).Trim().Length <= MaxSubjectLength ? withId : text);
    }

    /// <summary>
    /// SNS subject rules: ASCII, no line breaks or control characters, starts with a letter,
    /// digit or punctuation, fewer than 100 characters.
    /// </summary>
    public static string SafeSubject(string text)
    {
        var clean = Sanitize(text).TrimStart();
        if (clean.Length > MaxSubjectLength)
        {
            clean = clean[..(MaxSubjectLength - 3)].TrimEnd() + "...";
        }

        return clean.Length == 0 ? "WSO2 deployment" : clean;
    }

    private static string Sanitize(string text)
    {
        var sb = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            sb.Append(c switch
            {
                '\r' or '\n' or '\t' => ' ',
                < ' ' or (>= (char)0x7F and <= (char)0x9F) => '\0',
                > '~' => '?',
                _ => c,
            });
        }

        return sb.Replace("\0", "").ToString();
    }

    private static string Body(DeploymentRecord record, IReadOnlyList<PhaseRecord> phases, NotificationLinks links)
    {
        var sb = new StringBuilder();
        var ic = CultureInfo.InvariantCulture;
        sb.Append(ic, $"WSO2 API Manager deployment {OutcomeText(record.Status)}").AppendLine().AppendLine();
        Line(sb, "Environment", record.Environment);
        Line(sb, "Outcome", record.Status.ToString());
        Line(sb, "Deployment", record.DeploymentId);
        Line(sb, "Stack", record.StackId is null ? record.StackName : $"{record.StackName} ({record.StackId})");
        Line(sb, "Trigger", record.Rebuild ? $"{record.Trigger} (rebuild)" : record.Trigger);
        Line(sb, "Started", Timestamp(record.StartedAt));
        if (record.EndedAt is { } ended)
        {
            Line(sb, "Ended", Timestamp(ended));
            Line(sb, "Duration", Duration(ended - record.StartedAt));
        }

        if (record.Status != DeploymentStatus.Succeeded)
        {
            Line(sb, "Failed phase", record.FailedPhase ?? "(none recorded)");
            Line(sb, "Reason", OneLine(record.Reason ?? "(none recorded)"));
        }

        if (phases.Count > 0)
        {
            sb.AppendLine().AppendLine("Phases:");
            var width = Math.Max(12, phases.Max(p => p.Phase.Length));
            foreach (var phase in phases)
            {
                var took = phase.EndedAt is { } end ? Duration(end - phase.StartedAt) : "-";
                sb.Append(ic, $"  {phase.Phase.PadRight(width)}  {phase.Status,-9}  {took,9}");
                if (phase.Attempt > 1)
                {
                    sb.Append(ic, $"  (attempt {phase.Attempt})");
                }

                sb.AppendLine();
                if (phase.Status == PhaseStatus.Failed && !string.IsNullOrEmpty(phase.Error))
                {
                    sb.Append(' ', width + 4).Append("error: ").AppendLine(OneLine(phase.Error));
                }
            }
        }

        if (record.Outputs.Count > 0)
        {
            sb.AppendLine().AppendLine("Product URLs and outputs:");
            foreach (var (key, value) in record.Outputs.OrderBy(o => o.Key, StringComparer.Ordinal))
            {
                sb.Append(ic, $"  {key}: {value}").AppendLine();
            }
        }

        if (links.StatusUrl is not null || links.ConsoleUrl is not null)
        {
            sb.AppendLine();
            if (links.StatusUrl is not null)
            {
                Line(sb, "Status", links.StatusUrl);
            }

            if (links.ConsoleUrl is not null)
            {
                Line(sb, "Console", links.ConsoleUrl);
            }
        }

        return sb.ToString();
    }

    private static void Line(StringBuilder sb, string label, string value) =>
        sb.Append(CultureInfo.InvariantCulture, $"{(label + ":").PadRight(14)}{value}").AppendLine();

    private static string OneLine(string text) => text.ReplaceLineEndings(" / ");

    private static string Timestamp(DateTimeOffset at) => at.ToUniversalTime().ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture);

    /// <summary>1h 02m 03s, 4m 05s, 12s: short enough for chat, exact enough to compare runs.</summary>
    public static string Duration(TimeSpan span)
    {
        if (span < TimeSpan.Zero)
        {
            span = TimeSpan.Zero;
        }

        var ic = CultureInfo.InvariantCulture;
        return span.TotalHours >= 1
            ? string.Create(ic, $"{(int)span.TotalHours}h {span.Minutes:00}m {span.Seconds:00}s")
            : span.TotalMinutes >= 1
                ? string.Create(ic, $"{span.Minutes}m {span.Seconds:00}s")
                : string.Create(ic, $"{span.Seconds}s");
    }
}
