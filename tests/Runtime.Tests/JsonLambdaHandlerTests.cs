using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Wso2Serverless.Runtime.Tests;

public sealed partial class JsonLambdaHandlerTests
{
    [Fact]
    public async Task HandleAsync_WithValidInput_CallsTheTypedFunctionAndWritesItsResult()
    {
        var handler = Handler((input, context) => Task.FromResult(new Greeting($"hello {input.Name} ({context.RequestId})")));

        var output = await handler.HandleAsync(Bytes("""{"name":"dev"}"""), Context());

        Encoding.UTF8.GetString(output.Span).Should().Be("""{"text":"hello dev (req-1)"}""");
    }

    [Theory]
    [InlineData("""{"name":42}""", "$.name")]
    [InlineData("""{"name":"dev" """, "LineNumber")]
    [InlineData("", "LineNumber")]
    public async Task HandleAsync_WithInvalidJson_ThrowsInvalidInputNamingTheType(string payload, string detail)
    {
        var handler = Handler((_, _) => Task.FromResult(new Greeting("unreachable")));

        var thrown = await FluentActions.Awaiting(() => handler.HandleAsync(Bytes(payload), Context()))
            .Should().ThrowAsync<FunctionException>();

        thrown.Which.ErrorType.Should().Be(ErrorTypes.InvalidInput);
        thrown.Which.Message.Should().StartWith("The input is not a valid Person:").And.Contain(detail);
        thrown.Which.InnerException.Should().BeOfType<JsonException>();
    }

    [Fact]
    public async Task HandleAsync_WithNullInput_ThrowsInvalidInput()
    {
        var handler = Handler((_, _) => Task.FromResult(new Greeting("unreachable")));

        var thrown = await FluentActions.Awaiting(() => handler.HandleAsync(Bytes("null"), Context()))
            .Should().ThrowAsync<FunctionException>();

        thrown.Which.Message.Should().Contain("a Person object was expected");
    }

    [Fact]
    public async Task HandleAsync_WithACustomInvalidInputType_UsesIt()
    {
        var handler = new JsonLambdaHandler<Person, Greeting>(
            TestJsonContext.Default.Person, TestJsonContext.Default.Greeting, (_, _) => Task.FromResult(new Greeting("x")), "Wso2.InvalidInput");

        var thrown = await FluentActions.Awaiting(() => handler.HandleAsync(Bytes("[1]"), Context()))
            .Should().ThrowAsync<FunctionException>();

        thrown.Which.ErrorType.Should().Be("Wso2.InvalidInput");
    }

    [Fact]
    public async Task HandleAsync_WhenTheFunctionThrows_LetsTheExceptionThrough()
    {
        var handler = Handler((_, _) => throw new TimeoutException("SSM did not answer"));

        await FluentActions.Awaiting(() => handler.HandleAsync(Bytes("""{"name":"dev"}"""), Context()))
            .Should().ThrowAsync<TimeoutException>().WithMessage("SSM did not answer");
    }

    private static JsonLambdaHandler<Person, Greeting> Handler(Func<Person, LambdaContext, Task<Greeting>> handle) =>
        new(TestJsonContext.Default.Person, TestJsonContext.Default.Greeting, handle);

    private static ReadOnlyMemory<byte> Bytes(string text) => Encoding.UTF8.GetBytes(text);

    private static LambdaContext Context() => new()
    {
        RequestId = "req-1",
        FunctionName = "test",
        Deadline = DateTimeOffset.UnixEpoch.AddMinutes(1),
        Now = () => DateTimeOffset.UnixEpoch,
        Log = new JsonLog(TextWriter.Null, "test", "req-1", new SecretRedactor()),
    };

    internal sealed record Person(string Name);

    internal sealed record Greeting(string Text);

    [JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
    [JsonSerializable(typeof(Person))]
    [JsonSerializable(typeof(Greeting))]
    internal sealed partial class TestJsonContext : JsonSerializerContext;
}
