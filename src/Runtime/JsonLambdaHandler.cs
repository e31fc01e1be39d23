using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace Wso2Serverless.Runtime;

/// <summary>
/// A typed function behind the raw <see cref="ILambdaHandler"/>: the payload is read with a
/// source-generated <see cref="JsonTypeInfo{T}"/> and the result written with another, so the
/// handler never touches bytes and nothing needs reflection.
/// </summary>
public sealed class JsonLambdaHandler<TIn, TOut> : ILambdaHandler
{
    private readonly JsonTypeInfo<TIn> input;
    private readonly JsonTypeInfo<TOut> output;
    private readonly Func<TIn, LambdaContext, Task<TOut>> handle;
    private readonly string invalidInputErrorType;

    /// <param name="invalidInputErrorType">
    /// The error type of a payload that does not parse; a workflow task can pass its own Catch
    /// name (e.g. <c>Wso2.InvalidInput</c>) so bad input fails the execution the same way.
    /// </param>
    public JsonLambdaHandler(
        JsonTypeInfo<TIn> input,
        JsonTypeInfo<TOut> output,
        Func<TIn, LambdaContext, Task<TOut>> handle,
        string invalidInputErrorType = ErrorTypes.InvalidInput)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(handle);
        ArgumentException.ThrowIfNullOrEmpty(invalidInputErrorType);
        this.input = input;
        this.output = output;
        this.handle = handle;
        this.invalidInputErrorType = invalidInputErrorType;
    }

    public async Task<ReadOnlyMemory<byte>> HandleAsync(ReadOnlyMemory<byte> payload, LambdaContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        TIn? value;
        try
        {
            value = JsonSerializer.Deserialize(payload.Span, input);
        }
        catch (JsonException exception)
        {
            // JsonException names the path, line and position; never the offending value.
            throw new FunctionException(
                invalidInputErrorType,
                $"The input is not a valid {typeof(TIn).Name}: {exception.Message}",
                exception);
        }

        if (value is null)
        {
            throw new FunctionException(invalidInputErrorType, $"The input is empty or null; a {typeof(TIn).Name} object was expected.");
        }

        var result = await handle(value, context).ConfigureAwait(false);
        return JsonSerializer.SerializeToUtf8Bytes(result, output);
    }
}
