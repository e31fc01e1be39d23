namespace Wso2Serverless.Runtime;

/// <summary>
/// A function as the runtime loop sees it: raw JSON in, raw JSON out. Typed handlers adapt to
/// this with a source-generated <c>JsonTypeInfo</c> (see <see cref="JsonLambdaHandler{TIn,TOut}"/>).
/// Throwing reports an invocation error; the loop carries on with the next event.
/// </summary>
public interface ILambdaHandler
{
    Task<ReadOnlyMemory<byte>> HandleAsync(ReadOnlyMemory<byte> payload, LambdaContext context);
}
