using System.Text;

namespace Wso2Serverless.Runtime.Tests.Support;

/// <summary>A raw handler from a lambda: the tests' functions are a few lines each.</summary>
internal sealed class DelegateHandler(Func<string, LambdaContext, Task<string>> handle) : ILambdaHandler
{
    public async Task<ReadOnlyMemory<byte>> HandleAsync(ReadOnlyMemory<byte> payload, LambdaContext context) =>
        Encoding.UTF8.GetBytes(await handle(Encoding.UTF8.GetString(payload.Span), context));

    public static DelegateHandler Sync(Func<string, LambdaContext, string> handle) =>
        new((payload, context) => Task.FromResult(handle(payload, context)));
}
