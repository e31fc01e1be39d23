using System.Text.RegularExpressions;
using Wso2Serverless.Templates.Tests.Support;

namespace Wso2Serverless.Templates.Tests;

/// <summary>
/// The databases the product connects to are the ones the DB scripts document creates: WSO2's
/// params.pp and deployment.toml.erb (read from ../shared/reference) against the template's
/// engines, the Puppet Master's db.env and the document's engine branches.
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class DatabaseParityTests
{
    /// <summary>The template's DB values, one per engine, with each engine's usual port and another one.</summary>
    public static TheoryData<string, string> EngineValues() => new()
    {
        { "MySQL-8.0", "3306" },
        { "MySQL-5.7", "3307" },
        { "Postgres-15.2", "5432" },
        { "Postgres-14.6", "6432" },
        { "SQLServer-SE-15.00", "1433" },
        { "SQLServer-SE-14.00", "14330" },
    };

    private static List<string> TemplateEngines() =>
        ((YamlDotNet.RepresentationModel.YamlSequenceNode)UserData.Template.Map("Parameters").Map("DB").Get("AllowedValues")!).Children
            .Select(v => UserData.FindInMap(["DBEngineMap", v.Text()!, "Engine"])).Distinct().ToList();

    private static (List<string> Handled, string[] Refused) DocumentEngines()
    {
        var script = CommandDocument.Load(Repo.Document("run-database-scripts.yaml")).RawScript;
        var stage = script[script.IndexOf("stage=client", StringComparison.Ordinal)..script.IndexOf("stage=scripts", StringComparison.Ordinal)];
        var handled = Regex.Matches(stage, @"^\s+([a-z][a-z0-9-]*)\) client=", RegexOptions.Multiline).Select(m => m.Groups[1].Value).ToList();
        string[] refused = Regex.IsMatch(stage, @"\*\) die ""engine \$DB_ENGINE is not handled") ? ["*"] : [];
        return (handled, refused);
    }

    [Fact]
    public void Engines_TheTemplateOffers_AreThoseParamsPpConfiguresAndTheDocumentProvisions()
    {
        var modules = PuppetModules.Upstream;
        var branches = modules.Engines;
        branches.Select(b => b.Value).Should().Equal(["mysql", "oracle", "sqlserver-se", "postgres"], "params.pp's engine branches as of 4.2.0");
        var (handled, refused) = DocumentEngines();

        var offered = TemplateEngines();
        offered.Should().OnlyContain(e => branches.Any(b => b.Matches(e)), "every engine the template offers is one params.pp configures");
        offered.Should().BeEquivalentTo(handled, "the template offers exactly the engines whose schemas the document provisions");
        handled.Should().OnlyContain(e => branches.Any(b => b.Matches(e)));
        refused.Should().Equal(["*"], "any other engine is refused with a reason, never half-provisioned");
        branches.Where(b => !handled.Any(b.Matches)).Select(b => b.Value).Should().Equal(["oracle"],
            "Oracle (schemas as users on one SID) is the one configured engine left to the DBA; templates/README.md says so");
    }

    [Fact]
    public void DeploymentToml_ReadsTheApiManagerAndSharedDatabasesFromParamsPp()
    {
        var hashes = PuppetModules.TomlDatabaseHashes();
        var modules = PuppetModules.Upstream;

        hashes.Should().Equal(new Dictionary<string, string> { ["apim_db"] = "wso2_am_db", ["shared_db"] = "wso2shared_db" });
        modules.UrlVariableOf("wso2_am_db").Should().Be("wso2_am_db_url");
        modules.UrlVariableOf("wso2shared_db").Should().Be("wso2_um_db_url");
        foreach (var engine in new[] { "mysql", "postgres", "sqlserver-se" })
        {
            var branch = modules.BranchFor(engine);
            EngineBranch.Parse(branch.Url("wso2_reg_db_url")).Database.Should().Be(EngineBranch.Parse(branch.Url("wso2_um_db_url")).Database,
                "registry and user store share one database, the one shared_db points at");
        }
    }

    [Theory]
    [MemberData(nameof(EngineValues))]
    public async Task PuppetMaster_PointsTheProductAtTheDatabasesTheDocumentCreates(string db, string port)
    {
        using var pm = new PuppetMasterSandbox();

        var result = await pm.RunAsync(new Dictionary<string, string> { ["DB"] = db, ["WSO2APIMDBInstanceEndpointPort"] = port });

        result.ExitCode.Should().Be(0, result.Output);
        var env = pm.DbEnvValues;
        var rendered = PuppetModules.FromParams(pm.CommonParams);
        var branch = rendered.BranchFor(env["DB_ENGINE"]);
        var databases = new Dictionary<string, string> { ["apim_db"] = env["DB_APIM_NAME"], ["shared_db"] = env["DB_SHARED_NAME"] };
        foreach (var (section, hash) in PuppetModules.TomlDatabaseHashes())
        {
            var target = EngineBranch.Parse(branch.Url(rendered.UrlVariableOf(hash)));
            target.Database.Should().Be(databases[section], $"[database.{section}] connects to the database the document creates");
            (target.Host, target.Port).Should().Be((env["DB_HOST"], env["DB_PORT"]), $"[database.{section}] connects where the document runs");
        }

        pm.CommonParams.Should().Contain($"$db_managment_system = '{env["DB_ENGINE"]}'");
        env["DB_PORT"].Should().Be(port);
    }
}
