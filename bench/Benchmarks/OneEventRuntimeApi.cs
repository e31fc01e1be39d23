namespace Wso2Serverless.Benchmarks;

/// <summary>
/// A Lambda Runtime API on a loopback port that hands out exactly one event and waits for the
/// function's answer to it, as Lambda does on a cold start. Further <c>/next</c> polls are left
/// unanswered, so the function idles exactly as it would between invocations.
/// </summary>
internal sealed class OneEventRuntimeApi(string eventJson) : LoopbackRuntimeApi(eventJson)
{
    /// <summary>The answer the function posted: its path kind and body.</summary>
    public sealed record Answer(string Kind, string Body);

    /// <summary>
    /// Serves the event and returns when the function posts its response (or an error);
    /// <paramref name="onFirstPoll"/> marks the end of the function's init (its first /next);
    /// <paramref name="onAnswer"/> runs before the POST is acknowledged, while the process is
    /// certainly alive, so that its memory can be read at that moment.
    /// </summary>
    public async Task<Answer> ServeAsync(Action onFirstPoll, Action onAnswer, TimeSpan timeout)
    {
        var served = false;
        using var cancel = new CancellationTokenSource(timeout);
        while (true)
        {
            var context = await NextRequestAsync(cancel.Token).ConfigureAwait(false);
            if (IsNextPoll(context))
            {
                if (served)
                {
                    continue; // the second poll: never answered, the process is killed
                }

                served = true;
                onFirstPoll();
                SetInvocationHeaders(context, "bench-request", TimeSpan.FromMinutes(1), "Root=1-00000000-000000000000000000000000");
                await SendEventAsync(context, cancel.Token).ConfigureAwait(false);
                continue;
            }

            if (context.Request.HttpMethod == "POST")
            {
                onAnswer();
                var (kind, body) = await ReceiveAnswerAsync(context, cancel.Token).ConfigureAwait(false);
                return new Answer(kind, body);
            }

            NotFound(context);
        }
    }
}
