using Wso2Serverless.Runtime;

namespace Wso2Serverless.Functions.Tests.Api;

/// <summary>A Lambda context for handler tests, with its log lines kept so tests can read them.</summary>
internal sealed class TestInvocation
{
    public StringWriter LogOutput { get; } = new();

    public LambdaContext Context(DateTimeOffset now) => new()
    {
        RequestId = "req-test-1",
        FunctionName = "test",
        Deadline = now.AddSeconds(29),
        Now = () => now,
        Log = new JsonLog(LogOutput, "test", "req-test-1", new SecretRedactor()),
    };

    public string Logs => LogOutput.ToString();
}
