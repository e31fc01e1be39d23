using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;
using Wso2Serverless.Cli.Tests.Support;

namespace Wso2Serverless.Cli.Tests.Serve;

/// <summary>
/// wso2ctl end to end against <c>simulate --serve</c>: the real API function on loopback, the
/// real workflow in the ASL runner and the simulated world behind it; no step of a run is
/// played by the test.
/// </summary>
[Collection(ServeGroup.Name)]
public sealed class ServedDeploymentTests(ServeFixture serve)
{
    private Task<CliResult> Ctl(params string[] args) => Wso2Ctl.RunAsync(serve.ApiUrl, ServeFixture.Caller, args);

    [Fact]
    public async Task DeployWait_TheReadmeRequest_AsAProcessWithKeysFromTheEnvironment_Exits0_WithTheWorldsPhasesNodesAndTimeline()
    {
        var keys = new Dictionary<string, string> { ["AWS_ACCESS_KEY_ID"] = "testing", ["AWS_SECRET_ACCESS_KEY"] = "testing" };

        var result = await Wso2Ctl.RunProcessAsync(keys, "--api-url", serve.ApiUrl.ToString(), "--region", "us-east-1",
            "deploy", "-f", ServedRequests.Example("dev"), "--wait", "--interval", "200ms");

        result.ExitCode.Should().Be(0, $"{result}\n--- serve\n{serve.Output}");
        result.Out.Should().MatchRegex(@"started \d{8}-\d{6}-[0-9a-f]{8}");
        result.Out.Should().Contain("· verify: READY", "the simulated Puppet Master's signals arrive as sub-steps");
        result.Out.Should().MatchRegex(@"↳ i-[0-9a-f]+ Success \(exit 0\)");
        foreach (var phase in (string[])["CreateStack", "AwaitPuppetMaster", "RunDatabaseScripts", "RunPuppetAgents:apim", "RunPuppetAgents:mi", "Verify"])
        {
            result.Out.Should().MatchRegex($@"\d\d:\d\d:\d\d  {phase}\s+Succeeded in ");
        }

        result.Out.Should().Contain("deployment                 Succeeded in 1h 31m", "the world's happy run takes 91 simulated minutes");
        result.Out.Should().Contain("timeline");
        result.Out.Should().NotContain("\u001b", "stdout is not a terminal");
    }

    [Fact]
    public async Task DeployWait_InTheEnvironmentWhoseAgentFails_Exits1_WithThePhaseAndTheNodesReason()
    {
        var result = await Ctl("deploy", "-f", ServedRequests.Example(ServeFixture.Failing), "--wait", "--interval", "200ms");

        result.ExitCode.Should().Be(1, $"{result}\n--- serve\n{serve.Output}");
        result.Out.Should().Contain("outcome: Failed at RunPuppetAgents:apim");
        result.Out.Should().MatchRegex(@"↳ i-[0-9a-f]+ Failed \(exit 6\)");
        result.Out.Should().Contain("(role apim) exited 6").And.Contain("Error: Systemd start for wso2am failed!");
        result.Out.Should().NotContain("RunPuppetAgents:mi", "Micro Integrator never runs after API Manager failed");

        var history = await Ctl("history", ServeFixture.Failing, "-o", "json");
        using var listed = JsonDocument.Parse(history.Out);
        var item = listed.RootElement.GetProperty("items").EnumerateArray().Single();
        item.GetProperty("status").GetString().Should().Be("Failed");
        item.GetProperty("failedPhase").GetString().Should().Be("RunPuppetAgents:apim");
        item.GetProperty("reason").GetString().Should().Contain("exited 6");
    }

    [Fact]
    public async Task Cancel_WhileDeployWaits_CancelExits0_TheWaitExits3_AndTheExecutionIsStopped()
    {
        // The held environment's Puppet Master never reports, and these waits are the longest the
        // contract allows: ten waits of 9,900 s, so the run cannot end on its own for 27 simulated
        // hours, over 80 s of real time at the fixture's pace.
        var timeouts = new JsonObject { ["puppetMasterSeconds"] = 9900, ["puppetMasterHeartbeatSeconds"] = 9900, ["maxWaitAttempts"] = 10 };
        var file = ServedRequests.For(ServeFixture.Held, new JsonObject { ["timeouts"] = timeouts });
        var waiting = Ctl("deploy", "-f", file, "--wait", "--interval", "200ms");
        var id = await StartedAsync(ServeFixture.Held, waiting);

        var cancel = await Ctl("cancel", id);
        var result = await waiting;

        cancel.ExitCode.Should().Be(0, $"{cancel}\n--- serve\n{serve.Output}");
        cancel.Out.Should().Contain($"{id}: Cancelled; lock released: yes");
        result.ExitCode.Should().Be(3, result.ToString());
        result.Out.Should().Contain("Cancelled through the API by arn:aws:iam::123456789012:user/testing");
        var status = await Ctl("status", id, "-o", "json");
        using var shown = JsonDocument.Parse(status.Out);
        shown.RootElement.GetProperty("deployment").GetProperty("status").GetString().Should().Be("Cancelled");
    }

    [Fact]
    public async Task JsonOutput_DeployWaitStatusAndHistory_AreOneParsableDocumentEach()
    {
        const string environment = "json";
        var deployed = await Ctl("deploy", "-f", ServedRequests.For(environment), "--wait", "--interval", "200ms", "-o", "json");

        deployed.ExitCode.Should().Be(0, $"{deployed}\n--- serve\n{serve.Output}");
        using var run = JsonDocument.Parse(deployed.Out);
        var id = run.RootElement.GetProperty("deployment").GetProperty("deploymentId").GetString()!;
        run.RootElement.GetProperty("deployment").GetProperty("status").GetString().Should().Be("Succeeded");
        run.RootElement.GetProperty("phases").EnumerateArray().Select(p => p.GetProperty("phase").GetString()).Should().Equal(
            "Accept", "CreateStack", "AwaitPuppetMaster", "RunDatabaseScripts", "RunPuppetAgents:apim", "RunPuppetAgents:mi", "Verify", "Complete");

        var status = await Ctl("status", id, "--output", "json");
        using var shown = JsonDocument.Parse(status.Out);
        shown.RootElement.GetProperty("deployment").GetProperty("deploymentId").GetString().Should().Be(id);

        var history = await Ctl("history", environment, "--output", "json");
        using var listed = JsonDocument.Parse(history.Out);
        listed.RootElement.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("deploymentId").GetString()).Should().Equal(id);
    }

    [Fact]
    public async Task Deploy_BadRequestFile_Exits2_WithTheApiFieldProblemsOnePerLinePathFirst_AndNoRunStarts()
    {
        var file = Requests.Write("""
            { "environment": "bad", "stackName": "Not A Stack!", "parameters": { "DBPassword": "Pa55-never-echo" } }
            """);

        var result = await Ctl("deploy", "-f", file);

        result.ExitCode.Should().Be(2, result.ToString());
        var lines = result.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        lines[0].Should().Be($"wso2ctl: {file}: 400 The request is not valid.");
        lines.Skip(1).Should().NotBeEmpty().And.AllSatisfy(line => line.Should().MatchRegex(@"^\$[.\w\[\]]*: \S"));
        lines.Should().Contain(l => l.StartsWith("$.stackName: ", StringComparison.Ordinal));
        lines.Should().Contain(l => l.StartsWith("$.parameters.DBPassword: ", StringComparison.Ordinal));
        result.Error.Should().NotContain("Pa55-never-echo");
        var history = await Ctl("history", "bad");
        history.ExitCode.Should().Be(4, "nothing was recorded: the API knows no such environment");
        history.Error.Should().Contain("Environment 'bad' has no deployments");
    }

    [Fact]
    public async Task EveryRoute_ScheduleTeardownAndCurl_WorkAgainstTheServedApi()
    {
        const string environment = "routes";
        var request = ServedRequests.For(environment);
        (await Ctl("deploy", "-f", request, "--wait", "--interval", "200ms")).ExitCode.Should().Be(0, serve.Output);

        var set = await Ctl("schedule", "set", environment, "--cron", "0 2 * * 1-5", "-f", request);
        var get = await Ctl("schedule", "get", environment, "-o", "json");
        var teardown = await Ctl("teardown", environment, "--wait", "--interval", "200ms");
        var curl = await CurlAsync(new Uri(serve.ApiUrl, $"environments/{environment}/deployments"), signed: true);
        var unsigned = await CurlAsync(new Uri(serve.ApiUrl, $"environments/{environment}/deployments"), signed: false);

        set.ExitCode.Should().Be(0, set.ToString());
        get.ExitCode.Should().Be(0, get.ToString());
        using (var schedule = JsonDocument.Parse(get.Out))
        {
            schedule.RootElement.GetRawText().Should().Contain("0 2 * * 1-5");
        }

        teardown.ExitCode.Should().Be(0, $"{teardown}\n--- serve\n{serve.Output}");
        teardown.Out.Should().Contain("TornDown");
        curl.Should().StartWith("200 ");
        using (var listed = JsonDocument.Parse(curl[4..]))
        {
            listed.RootElement.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("status").GetString()).Should().BeEquivalentTo(["TornDown", "Succeeded"]);
        }

        unsigned.Should().StartWith("403 ", "API Gateway's IAM authorizer refuses an unsigned request");
    }

    /// <summary>The id of the run that <paramref name="waiting"/> started in <paramref name="environment"/>, once the API lists it.</summary>
    private async Task<string> StartedAsync(string environment, Task<CliResult> waiting)
    {
        var patience = Stopwatch.StartNew();
        while (patience.Elapsed < TimeSpan.FromMinutes(2))
        {
            if (waiting.IsCompleted)
            {
                throw new InvalidOperationException($"deploy --wait ended before the run was listed: {await waiting}\n--- serve\n{serve.Output}");
            }

            // Until the run is recorded the API knows no such environment (404, exit 4).
            var history = await Ctl("history", environment, "-o", "json");
            using var listed = JsonDocument.Parse(history.ExitCode == 0 ? history.Out : "{\"items\":[]}");
            if (listed.RootElement.GetProperty("items").EnumerateArray().FirstOrDefault() is { ValueKind: JsonValueKind.Object } item)
            {
                return item.GetProperty("deploymentId").GetString()!;
            }

            await Task.Delay(200);
        }

        throw new TimeoutException($"no run of {environment} was listed\n--- serve\n{serve.Output}");
    }

    /// <summary>curl, signing with --aws-sigv4 or not at all: "STATUS BODY".</summary>
    private static async Task<string> CurlAsync(Uri url, bool signed)
    {
        var start = new ProcessStartInfo("curl") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        string[] args = signed
            ? ["-s", "--aws-sigv4", "aws:amz:us-east-1:execute-api", "--user", "testing:testing", "-w", "\n%{http_code}", url.ToString()]
            : ["-s", "-w", "\n%{http_code}", url.ToString()];
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        var output = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        var split = output.LastIndexOf('\n');
        return $"{output[(split + 1)..]} {output[..split]}";
    }
}
