using System.Text.Json;
using Wso2Serverless.Runtime.Tests.Support;

namespace Wso2Serverless.Runtime.Tests;

/// <summary>
/// End to end through the real loop: a secret in the event must reach neither stdout nor the
/// error posted to the Runtime API (which Step Functions keeps in the execution history).
/// </summary>
public sealed class RedactionTests
{
    private const string Password = "Sup3rS3cret!";

    [Fact]
    public async Task Invocation_WithPasswordInPayload_KeepsItOutOfLogsAndTheError()
    {
        await using var host = HostHarness.Create();
        _ = host.Run(DelegateHandler.Sync((payload, context) =>
        {
            context.Log.Info("received " + payload, ("payload", payload), ("dbPassword", Password), ("note", $"using {Password}"));
            context.Log.SetDeploymentId("dev-1");
            throw new InvalidOperationException($"could not connect to the database with {Password}", new IOException($"auth failed: {Password}"));
        }));

        host.Api.Enqueue("req-secret", $$"""{"environment":"dev","dbPassword":"{{Password}}"}""");
        var error = await host.Api.NextPostAsync();
        await host.StopAsync();

        var everything = host.Output + "\n" + string.Join("\n", host.Api.AllPosts.Select(p => p.Body + p.ErrorTypeHeader + p.Path));
        everything.Should().NotContain(Password);
        everything.Should().NotContain(JsonEncodedText.Encode(Password).ToString(), "the escaped form must not leak either");

        var posted = JsonSerializer.Deserialize(error.Body, RuntimeJsonContext.Default.RuntimeError)!;
        posted.ErrorMessage.Should().Be("could not connect to the database with ***");
        host.OutputLines.Should().HaveCount(2);
        using var info = JsonDocument.Parse(host.OutputLines[0]);
        info.RootElement.GetProperty("message").GetString().Should().Be("""received {"environment":"dev","dbPassword":"***"}""");
        info.RootElement.GetProperty("note").GetString().Should().Be("using ***");
        using var failure = JsonDocument.Parse(host.OutputLines[1]);
        failure.RootElement.GetProperty("exception").GetProperty("inner").GetProperty("message").GetString().Should().Be("auth failed: ***");
    }

    [Fact]
    public async Task Invocation_WithSecretRegisteredByTheHandler_MasksItInTheError()
    {
        await using var host = HostHarness.Create();
        _ = host.Run(DelegateHandler.Sync((_, _) =>
        {
            // As a handler does right after reading a SecureString from SSM.
            host.Redactor.Add("from-ssm-7h1s");
            throw new InvalidOperationException("rejected from-ssm-7h1s");
        }));

        host.Api.Enqueue("req-1", """{"environment":"dev"}""");
        var error = await host.Api.NextPostAsync();

        error.Body.Should().NotContain("from-ssm-7h1s").And.Contain("rejected ***");
        host.Output.ToString().Should().NotContain("from-ssm-7h1s");
    }

    [Fact]
    public async Task Invocation_HarvestedSecrets_DoNotOutliveTheirInvocation()
    {
        await using var host = HostHarness.Create();
        _ = host.Run(DelegateHandler.Sync((payload, context) =>
        {
            context.Log.Info("seen", ("value", "shared-value-42"));
            return "{}";
        }));

        host.Api.Enqueue("req-1", """{"password":"shared-value-42"}""");
        host.Api.Enqueue("req-2", """{"other":"x"}""");
        await host.Api.NextPostAsync();
        await host.Api.NextPostAsync();

        host.OutputLines[0].Should().NotContain("shared-value-42");
        host.OutputLines[1].Should().Contain("shared-value-42", "the second event held no secret");
    }
}
