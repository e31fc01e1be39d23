using Wso2Serverless.Templates.Tests.Support;

namespace Wso2Serverless.Templates.Tests;

/// <summary>The deployed run-database-scripts script, run under bash against stand-in clients.</summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class DatabaseDocumentTests : IDisposable
{
    // Characters an option file or pgpass must escape, and a '$' a careless shell would expand.
    private const string Password = "Sup3r\"secret\\pa:ss$1";
    private const string ParameterName = "/wso2/dev/db-password";

    private readonly ShellSandbox _sandbox = new();
    private readonly CommandDocument _document = CommandDocument.Load(Repo.Document("run-database-scripts.yaml"));

    public DatabaseDocumentTests()
    {
        _sandbox.Environment["STANDIN_SECRET"] = Password;
        var scripts = Path.Combine(_sandbox.Directory, "dbscripts");
        Directory.CreateDirectory(Path.Combine(scripts, "apimgt"));
        foreach (var engine in new[] { "mysql", "postgresql" })
        {
            File.WriteAllText(Path.Combine(scripts, $"{engine}.sql"), "CREATE TABLE REG_RESOURCE (ID INT);");
            File.WriteAllText(Path.Combine(scripts, "apimgt", $"{engine}.sql"), "CREATE TABLE AM_API (ID INT);");
        }
    }

    private void Configure(string engine) => _sandbox.WriteConf("db.env", $"""
        REGION=eu-west-1
        DB_ENGINE={engine}
        DB_ENGINE_VERSION=8.0
        DB_HOST=db.example.internal
        DB_PORT=3306
        DB_USERNAME=wso2carbon
        DB_APIM_NAME=WSO2AM_DB
        DB_SHARED_NAME=WSO2AM_SHARED_DB
        DB_SCRIPTS_DIR={_sandbox.Directory}/dbscripts

        """);

    private Task<ProcessResult> RunAsync() =>
        _sandbox.RunAsync(_document.Render(new Dictionary<string, string> { ["DBPasswordParameterName"] = ParameterName }));

    [Fact]
    public async Task Run_OnMySql_AppliesBothSchemasThroughAnOptionFile()
    {
        Configure("mysql");

        var result = await RunAsync();

        result.ExitCode.Should().Be(0, result.Output);
        result.LastLine.Should().Be("OK: database scripts applied and schemas verified");
        _sandbox.RecordedArgv.Should().Contain($"aws ssm get-parameter --region eu-west-1 --name {ParameterName} --with-decryption");
        File.ReadAllText(Path.Combine(_sandbox.Directory, "mysql-option-file"))
            .Should().Contain("password=\"Sup3r\\\"secret\\\\pa:ss$1\"", "quotes and backslashes are escaped for the option file");
        AssertPasswordNeverExposed(result);
    }

    [Fact]
    public async Task Run_WhenSchemasExist_DoesNotApplyScriptsAgain()
    {
        Configure("mysql");
        File.WriteAllText(Path.Combine(_sandbox.Directory, "applied-WSO2AM_DB"), "");
        File.WriteAllText(Path.Combine(_sandbox.Directory, "applied-WSO2AM_SHARED_DB"), "");

        var result = await RunAsync();

        result.ExitCode.Should().Be(0, result.Output);
        result.Output.Should().Contain("WSO2AM_DB: schema already present");
        result.Output.Should().NotContain("applying");
    }

    [Fact]
    public async Task Run_WhenScriptFails_ExitsNonZeroWithClearLastLine()
    {
        Configure("mysql");
        _sandbox.Environment["STANDIN_MYSQL_APPLY_EXIT"] = "1";

        var result = await RunAsync();

        result.ExitCode.Should().NotBe(0);
        result.LastLine.Should().Be("FAILED: database scripts, stage apply WSO2AM_DB: mysql.sql failed on WSO2AM_DB");
        AssertPasswordNeverExposed(result);
    }

    [Fact]
    public async Task Run_WhenScriptLeavesNoTables_FailsVerification()
    {
        Configure("mysql");
        _sandbox.Environment["STANDIN_MYSQL_NO_TABLES"] = "1";

        var result = await RunAsync();

        result.ExitCode.Should().NotBe(0);
        result.LastLine.Should().Be("FAILED: database scripts, stage verify WSO2AM_DB: table AM_API is missing from WSO2AM_DB after the script ran");
    }

    [Fact]
    public async Task Run_WhenSecretCannotBeRead_SaysWhichParameterAndPermissions()
    {
        Configure("mysql");
        _sandbox.Environment["STANDIN_AWS_EXIT"] = "254";

        var result = await RunAsync();

        result.ExitCode.Should().NotBe(0);
        result.LastLine.Should().Contain($"cannot read SSM parameter {ParameterName}").And.Contain("kms:Decrypt");
        _sandbox.RecordedArgv.Should().NotContain("mysql");
    }

    [Fact]
    public async Task Run_WithoutPuppetMasterConfiguration_FailsBeforeReadingTheSecret()
    {
        var result = await RunAsync();

        result.ExitCode.Should().NotBe(0);
        result.LastLine.Should().Contain("db.env not found");
        _sandbox.RecordedArgv.Should().BeEmpty();
    }

    [Fact]
    public async Task Run_OnPostgres_PassesPasswordThroughPgpassFile()
    {
        Configure("postgres");

        var result = await RunAsync();

        result.ExitCode.Should().Be(0, result.Output);
        File.ReadAllText(Path.Combine(_sandbox.Directory, "pgpass"))
            .Should().Be("db.example.internal:3306:*:wso2carbon:Sup3r\"secret\\\\pa\\:ss$1\n");
        AssertPasswordNeverExposed(result);
    }

    [Fact]
    public async Task Run_OnOracle_FailsWithAClearReason()
    {
        Configure("oracle-se2");

        var result = await RunAsync();

        result.ExitCode.Should().NotBe(0);
        result.LastLine.Should().Contain("engine oracle-se2 is not handled by this document");
    }

    private void AssertPasswordNeverExposed(ProcessResult result)
    {
        _sandbox.RecordedArgv.Should().NotBeEmpty();
        _sandbox.RecordedArgv.Should().NotContain("Sup3r", "the password must never be an argument of any command");
        result.Output.Should().NotContain("Sup3r", "the password must never be printed");
    }

    public void Dispose() => _sandbox.Dispose();
}
