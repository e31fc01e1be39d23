using Wso2Serverless.Domain.Ports;

namespace Wso2Serverless.Aws.Sns;

/// <summary>
/// <see cref="INotifier"/> on SNS. SNS wants subjects shorter than 100 characters, on one line,
/// without control characters (and e-mail endpoints mangle non-ASCII ones); a refused
/// notification would hide the outcome it reports, so the subject is made to fit.
/// </summary>
public sealed class SnsNotifier(SnsClient client) : INotifier
{
    public const int MaxSubjectLength = 99;

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

        var printable = new string([.. subject.Select(static c => c is >= ' ' and <= '~' ? c : c is '\r' or '\n' or '\t' ? ' ' : '?')]);
        var oneLine = string.Join(' ', printable.Split(' ', StringSplitOptions.RemoveEmptyEntries));
        return oneLine.Length <= MaxSubjectLength ? oneLine : oneLine[..(MaxSubjectLength - 3)] + "...";
    }
}
