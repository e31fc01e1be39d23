using System.Diagnostics;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Wso2Serverless.Functions.Hosting;

namespace Wso2Serverless.Functions.Tests.StateMachine;

/// <summary>
/// The state machines are checked by asl-validator (installed by <c>npm ci --prefix tools/node</c>)
/// and against the function catalog, so a typo in a state or a placeholder fails here rather
/// than at deployment.
/// </summary>
public class AslValidatorTests
{
    public static TheoryData<string> Definitions()
    {
        var data = new TheoryData<string>();
        foreach (var file in Directory.GetFiles(Path.Combine(RepoPaths.Root, "src", "StateMachine"), "*.asl.json").Order(StringComparer.Ordinal))
        {
            data.Add(Path.GetFileName(file));
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Definitions))]
    public async Task AslValidator_AcceptsDefinition(string file)
    {
        var validator = Path.Combine(RepoPaths.Root, "tools", "node", "node_modules", ".bin", "asl-validator");
        File.Exists(validator).Should().BeTrue("asl-validator must be installed: npm ci --prefix tools/node");
        var start = new ProcessStartInfo(validator) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add("--json-path");
        start.ArgumentList.Add(RepoPaths.StateMachine(file));
        using var process = Process.Start(start)!;
        var output = await process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var error = await process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        await process.WaitForExitAsync(TestContext.Current.CancellationToken);

        process.ExitCode.Should().Be(0, output + error);
    }

    [Fact]
    public void Deployment_UsesOnlyPlaceholdersOfCatalogFunctionsAndTheTopic()
    {
        var text = File.ReadAllText(RepoPaths.StateMachine("deployment.asl.json"));
        var allowed = FunctionCatalog.All.Select(f => Pascal(f.Handler) + "FunctionArn").Append("NotificationTopicArn").ToHashSet(StringComparer.Ordinal);

        var used = Regex.Matches(text, @"\$\{([A-Za-z]+)\}").Select(m => m.Groups[1].Value).Distinct().ToList();

        used.Should().NotBeEmpty();
        used.Should().OnlyContain(name => allowed.Contains(name));
        used.Should().Contain(["AcceptFunctionArn", "CreateStackFunctionArn", "ReconcileFunctionArn", "RecordFailureFunctionArn", "NotificationTopicArn"]);
    }

    [Fact]
    public void Deployment_EveryWaitIsBoundedAndTimeoutsGoToReconcile()
    {
        var waits = Tasks(JsonNode.Parse(File.ReadAllText(RepoPaths.StateMachine("deployment.asl.json")))!["States"]!.AsObject())
            .Where(s => s.Value["Resource"]!.GetValue<string>().EndsWith(".waitForTaskToken", StringComparison.Ordinal))
            .ToList();

        waits.Should().HaveCount(5);
        foreach (var (name, state) in waits)
        {
            state["TimeoutSecondsPath"]!.GetValue<string>().Should().StartWith("$.deployment.timeouts.", name);
            state["Parameters"]!["Payload"]!["taskToken.$"]!.GetValue<string>().Should().Be("$$.Task.Token", name);
            var timeoutCatch = state["Catch"]!.AsArray().First(c => c!["ErrorEquals"]!.AsArray().Any(e => e!.GetValue<string>() == "States.Timeout"))!;
            timeoutCatch["Next"]!.GetValue<string>().Should().StartWith("Reconcile", name);
        }

        waits.Single(w => w.Key == "AwaitPuppetMaster").Value["HeartbeatSecondsPath"]!.GetValue<string>().Should().Be("$.deployment.timeouts.puppetMasterHeartbeatSeconds");
    }

    private static IEnumerable<KeyValuePair<string, JsonNode>> Tasks(JsonObject states)
    {
        foreach (var (name, node) in states)
        {
            if (node!["Type"]!.GetValue<string>() == "Task")
            {
                yield return new(name, node);
            }

            if (node["ItemProcessor"]?["States"] is JsonObject inner)
            {
                foreach (var t in Tasks(inner))
                {
                    yield return t;
                }
            }
        }
    }

    private static string Pascal(string handler) =>
        string.Concat(handler.Split('-').Select(p => char.ToUpperInvariant(p[0]) + p[1..]));
}
