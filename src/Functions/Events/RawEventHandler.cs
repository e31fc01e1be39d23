using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Wso2Serverless.Runtime;

namespace Wso2Serverless.Functions.Events;

/// <summary>
/// Adapts an event function to the runtime loop. The payload goes in raw, not deserialized by
/// the adapter: a malformed event must reach the function to be logged and dropped, where a
/// typed adapter would throw and make Lambda retry an event that can never succeed.
/// </summary>
internal sealed class RawEventHandler<TResult>(
    Func<ReadOnlyMemory<byte>, IJsonLog, CancellationToken, Task<TResult>> handle,
    JsonTypeInfo<TResult> resultType) : ILambdaHandler
{
    public async Task<ReadOnlyMemory<byte>> HandleAsync(ReadOnlyMemory<byte> payload, LambdaContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var result = await handle(payload, context.Log, context.CancellationToken).ConfigureAwait(false);
        return JsonSerializer.SerializeToUtf8Bytes(result, resultType);
    }
}
