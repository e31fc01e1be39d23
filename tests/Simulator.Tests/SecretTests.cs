using Wso2Serverless.Domain.Model;
using Wso2Serverless.Simulator.Scenarios;
using Wso2Serverless.StandIns.World;

namespace Wso2Serverless.Simulator.Tests;

/// <summary>
/// The database password lives in the environment's SecureString in the simulated account; the
/// Puppet Master and the database scripts read it on the instances, and a Puppet run that shows
/// diffs prints it (the change to deployment.toml). Nothing the orchestrator writes may hold it.
/// </summary>
public sealed class SecretTests(ScenarioRuns runs)
{
    [Theory]
    [MemberData(nameof(ScenarioOutcomeTests.AllScenarios), MemberType = typeof(ScenarioOutcomeTests))]
    public async Task EveryScenario_KeepsTheDatabasePasswordOutOfInputsAndLogs(string name)
    {
        var report = await runs.Report(name);

        report.SecureValues.Should().Contain(ScenarioCatalog.DatabasePassword(new ScenarioEnvironment(1, "dev", "wso2-dev")), "the world holds a real password to leak");
        PasswordLeaks.Places(report).Should().Contain(p => p.Place.StartsWith("API answer", StringComparison.Ordinal), "the API was read");
        if (report.CommandLines.Count > 0)
        {
            report.CommandLines.Should().Contain(c => c.Contains("DBPasswordParameterName=/wso2/", StringComparison.Ordinal), "the DB scripts get the parameter's name");
        }
        PasswordLeaks.Find(report).Should().BeEmpty();
    }

    [Fact]
    public async Task AgentFailure_WithDiffsShown_WouldLeakThePasswordIntoRecordsAndTheApi()
    {
        // The agent document with --no-show_diff taken out (CommandDocumentTests: it is then read so).
        var report = await ScenarioRuns.RunAsync("apim-agent-fails", "-diffs-shown", o => o with { AdjustDocument = d => d with { PuppetShowsDiff = true } });

        report.Executions.Single().Record!.FailedPhase.Should().Be(PhaseNames.Agent(AgentRoles.ApiManager));
        PasswordLeaks.Find(report).Should().Contain(["execution " + report.Executions.Single().Name + " cause and record", "API answer to GET /deployments/" + report.Executions.Single().Name]);
    }

    [Fact]
    public void NodeOutputs_FollowTheDocument_PrintingThePasswordOnlyWhereItsShellWould()
    {
        var guarded = new CommandDocument("agent", PuppetShowsDiff: false, PuppetLogCaptured: true, TracesCommands: false);
        const string password = "Db-x-s3cr3tValue";

        NodeOutputs.Agent(guarded, "apim", "apim-1", password, fails: true).Output.Should().NotContain(password);
        NodeOutputs.Agent(guarded with { PuppetShowsDiff = true }, "apim", "apim-1", password, fails: true).Output.Should().Contain(password, "the log's tail carries the diff");
        NodeOutputs.Agent(guarded with { PuppetShowsDiff = true, PuppetLogCaptured = false }, "apim", "apim-1", password, fails: false).Output.Should().Contain(password);
        NodeOutputs.Database(new CommandDocument("db", false, false, TracesCommands: false), "/wso2/x/db-password", password, "db", null).Output.Should().NotContain(password);
        NodeOutputs.Database(new CommandDocument("db", false, false, TracesCommands: true), "/wso2/x/db-password", password, "db", null).Output.Should().Contain(password);
    }
}
