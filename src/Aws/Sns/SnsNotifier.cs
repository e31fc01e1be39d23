using Wso2Serverless.Domain.Ports;

namespace Wso2Serverless.Aws.Sns;

/// <summary>
/// <see cref="INotifier"/> on SNS. SNS refuses subjects over 100 characters or with line breaks,
/// and a refused notification would hide the outcome it reports, so the subject is made to fit.
/// </summary>
public sealed class SnsNotifier(SnsClient client) : INotifier
{
    public const int MaxSubjectLength = 100;

    public async Task PublishAsync(string topicArn, string subject, string message, CancellationToken cancellationToken) =>
        await client.PublishAsync(
            new PublishRequest { TopicArn = topicArn, Subject = FitSubject(subject), Message = message },
            cancellationToken).ConfigureAwait(false);

    public static string? FitSubject(string? subject)
    {
        if (string.IsNullOrWhiteSpace(subject))
        {
            return null;
        }

        var oneLine = string.Join(' ', subject.Split(['\r', '\n', '\t'], StringSplitOptions.RemoveEmptyEntries)).Trim();
        return oneLine.Length <= MaxSubjectLength ? oneLine : oneLine[..(MaxSubjectLength - 1)] + "…";
    }
}
