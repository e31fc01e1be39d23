using System.Text.Json;
using Wso2Serverless.Runtime.Tests.Support;

namespace Wso2Serverless.Runtime.Tests;

public sealed class JsonLogTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 28, 9, 30, 15, 123, TimeSpan.Zero);

    private readonly StringWriter output = new();
    private readonly JsonLog log;

    public JsonLogTests() => log = new JsonLog(output, "create-stack", "req-7", new SecretRedactor(), new ManualTimeProvider(Now));

    private string[] Lines => output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    [Fact]
    public void Info_WritesOneJsonObjectWithTheFixedFieldsFirst()
    {
        log.Info("stack created", ("stackName", "wso2-dev"), ("attempt", 2), ("resumed", true));

        var line = Lines.Should().ContainSingle().Subject;
        using var json = JsonDocument.Parse(line);
        json.RootElement.EnumerateObject().Select(p => p.Name).Should().Equal(
            "level", "message", "timestamp", "service", "cold_start", "function_name", "function_request_id", "stackName", "attempt", "resumed");
        json.RootElement.GetProperty("timestamp").GetString().Should().Be("2026-11-28T09:30:15.1230000Z");
        json.RootElement.GetProperty("level").GetString().Should().Be("Information");
        json.RootElement.GetProperty("message").GetString().Should().Be("stack created");
        json.RootElement.GetProperty("service").GetString().Should().Be(JsonLog.DefaultServiceName);
        json.RootElement.GetProperty("cold_start").GetBoolean().Should().BeFalse();
        json.RootElement.GetProperty("function_name").GetString().Should().Be("create-stack");
        json.RootElement.GetProperty("function_request_id").GetString().Should().Be("req-7");
        json.RootElement.GetProperty("stackName").GetString().Should().Be("wso2-dev");
        json.RootElement.GetProperty("attempt").GetInt32().Should().Be(2);
        json.RootElement.GetProperty("resumed").GetBoolean().Should().BeTrue();
    }

    [Fact]
    public void SetDeploymentId_AddsItToLaterLines()
    {
        log.Info("before");
        log.SetDeploymentId("dev-20261128-0930");
        log.Warn("after");

        using var before = JsonDocument.Parse(Lines[0]);
        using var after = JsonDocument.Parse(Lines[1]);
        before.RootElement.TryGetProperty("deploymentId", out _).Should().BeFalse();
        after.RootElement.GetProperty("deploymentId").GetString().Should().Be("dev-20261128-0930");
        after.RootElement.GetProperty("level").GetString().Should().Be("Warning");
    }

    [Fact]
    public void Scope_ColdStartTraceDeploymentAndPhase_AreThePowertoolsAndRunKeys()
    {
        var scoped = new JsonLog(output, "wso2-dev-create-stack", "req-8", new SecretRedactor(), new ManualTimeProvider(Now))
        {
            ColdStart = true,
            TraceHeader = "Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1",
            Service = "orchestrator",
        };
        scoped.SetDeploymentId("20261128-093015-3f9a1c2b");
        scoped.SetPhase("CreateStack");

        scoped.Info("stack create started");

        using var json = JsonDocument.Parse(Lines.Single());
        json.RootElement.EnumerateObject().Select(p => p.Name).Should().Equal(JsonLog.StandardKeys);
        json.RootElement.GetProperty("cold_start").GetBoolean().Should().BeTrue();
        json.RootElement.GetProperty("xray_trace_id").GetString().Should().Be("1-5759e988-bd862e3fe1be46a994272793");
        json.RootElement.GetProperty("service").GetString().Should().Be("orchestrator");
        json.RootElement.GetProperty("deploymentId").GetString().Should().Be("20261128-093015-3f9a1c2b");
        json.RootElement.GetProperty("phase").GetString().Should().Be("CreateStack");
    }

    [Fact]
    public void FieldNamedPhaseOrDeploymentId_SetsThatKeyForTheLine_WithoutChangingTheScope()
    {
        log.SetPhase("Complete");
        log.Info("phase ended", ("phase", "RunPuppetAgents:apim"), ("durationMs", 1200));
        log.Info("task finished");

        using var first = JsonDocument.Parse(Lines[0]);
        using var second = JsonDocument.Parse(Lines[1]);
        first.RootElement.GetProperty("phase").GetString().Should().Be("RunPuppetAgents:apim");
        first.RootElement.EnumerateObject().Count(p => p.Name.EndsWith("phase", StringComparison.Ordinal)).Should().Be(1);
        second.RootElement.GetProperty("phase").GetString().Should().Be("Complete");
    }

    [Theory]
    [InlineData(null, null)]
    [InlineData("Sampled=1", null)]
    [InlineData("Root=1-67891233-abcdef012345678912345678", "1-67891233-abcdef012345678912345678")]
    [InlineData("Self=1-1-1;Root=1-5759e988-bd862e3fe1be46a994272793;Sampled=0", "1-5759e988-bd862e3fe1be46a994272793")]
    public void TraceIdOf_TakesTheRootOfTheTraceHeader(string? header, string? expected) =>
        JsonLog.TraceIdOf(header).Should().Be(expected);

    [Fact]
    public void Error_WritesTheExceptionTypeMessageAndErrorType()
    {
        Exception thrown;
        try
        {
            throw new FunctionException("Wso2.CommandFailed", "puppet agent exited 1", new IOException("pipe closed"));
        }
        catch (FunctionException e)
        {
            thrown = e;
        }

        log.Error("phase failed", thrown, ("phase", "RunPuppetAgents"));

        using var json = JsonDocument.Parse(Lines.Single());
        var exception = json.RootElement.GetProperty("exception");
        json.RootElement.GetProperty("level").GetString().Should().Be("Error");
        exception.GetProperty("type").GetString().Should().Be("Wso2Serverless.Runtime.FunctionException");
        exception.GetProperty("errorType").GetString().Should().Be("Wso2.CommandFailed");
        exception.GetProperty("message").GetString().Should().Be("puppet agent exited 1");
        exception.GetProperty("stackTrace").GetString().Should().Contain(nameof(Error_WritesTheExceptionTypeMessageAndErrorType));
        exception.GetProperty("inner").GetProperty("type").GetString().Should().Be("System.IO.IOException");
    }

    [Fact]
    public void Info_WithValuesOfManyTypes_WritesThemAsJson()
    {
        log.Info("values",
            ("missing", null),
            ("ratio", 0.25),
            ("notANumber", double.NaN),
            ("at", new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.FromHours(2))),
            ("took", TimeSpan.FromSeconds(90)),
            ("outcome", DayOfWeek.Friday),
            ("ids", new[] { "a", "b" }));

        using var json = JsonDocument.Parse(Lines.Single());
        var root = json.RootElement;
        root.GetProperty("missing").ValueKind.Should().Be(JsonValueKind.Null);
        root.GetProperty("ratio").GetDouble().Should().Be(0.25);
        root.GetProperty("notANumber").GetString().Should().Be("NaN");
        root.GetProperty("at").GetString().Should().Be("2026-01-02T01:04:05.0000000+00:00");
        root.GetProperty("took").GetString().Should().Be("00:01:30");
        root.GetProperty("outcome").GetString().Should().Be("Friday");
        root.GetProperty("ids").EnumerateArray().Select(e => e.GetString()).Should().Equal("a", "b");
    }

    [Fact]
    public void Info_WithAFieldNamedLikeAFixedOne_KeepsTheFixedOne()
    {
        log.Info("real message", ("message", "impostor"), ("level", "DEBUG"));

        using var json = JsonDocument.Parse(Lines.Single());
        json.RootElement.GetProperty("message").GetString().Should().Be("real message");
        json.RootElement.GetProperty("level").GetString().Should().Be("Information");
        json.RootElement.GetProperty("field.message").GetString().Should().Be("impostor");
    }

    [Fact]
    public void Info_WithSecretLookingKeys_MasksTheirValues()
    {
        log.Info("callback stored", ("taskToken", "AQCEAAAAKgAAAAMAAAAAAAAAAf1"), ("dbPassword", "hunter22"), ("correlationKey", "stack#arn:1"));

        var line = Lines.Single();
        line.Should().NotContain("AQCEAAAAKgAAAAMAAAAAAAAAAf1").And.NotContain("hunter22");
        using var json = JsonDocument.Parse(line);
        json.RootElement.GetProperty("taskToken").GetString().Should().Be(SecretRedactor.Mask);
        json.RootElement.GetProperty("dbPassword").GetString().Should().Be(SecretRedactor.Mask);
        json.RootElement.GetProperty("correlationKey").GetString().Should().Be("stack#arn:1");
    }

    [Fact]
    public void Info_KeepsQuotesAndPlusReadable()
    {
        log.Info("stack 'wso2-dev' is UPDATE_COMPLETE + verified <ok>");

        Lines.Single().Should().Contain("\"message\":\"stack 'wso2-dev' is UPDATE_COMPLETE + verified <ok>\"");
    }

    [Fact]
    public void Raw_WritesTheLineAsItIsOnOneLine()
    {
        log.Raw("""{"_aws":{"Timestamp":1},"PhaseDuration":12}""");
        log.Raw("{\"a\":\n1}");
        log.Raw("   ");

        Lines.Should().Equal("""{"_aws":{"Timestamp":1},"PhaseDuration":12}""", """{"a": 1}""");
    }

    [Fact]
    public void Info_FromManyThreads_WritesWholeLines()
    {
        Parallel.For(0, 200, i => log.Info("parallel", ("i", i)));

        Lines.Should().HaveCount(200);
        Lines.Select(l => JsonDocument.Parse(l).RootElement.GetProperty("i").GetInt32()).Should().BeEquivalentTo(Enumerable.Range(0, 200));
    }
}
