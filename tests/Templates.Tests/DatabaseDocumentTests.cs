using System.IO.Compression;
using Wso2Serverless.Templates.Tests.Support;

namespace Wso2Serverless.Templates.Tests;

/// <summary>The deployed run-database-scripts script, run under bash against stand-in clients.</summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class DatabaseDocumentTests : IDisposable
{
    // Characters an option file or pgpass must escape, and a '$' a careless shell would expand.
    private const string Password = "Sup3r\"secret\\pa:ss$1";
    private const string ParameterName = "/wso2/dev/db-password";
    private const string ApimDb = "WSO2AM_APIMGT_DB";
    private const string CommonDb = "WSO2AM_COMMON_DB";

    private readonly ShellSandbox _sandbox = new();
    private readonly CommandDocument _document = CommandDocument.Load(Repo.Document("run-database-scripts.yaml"));

    public DatabaseDocumentTests() => _sandbox.Environment["STANDIN_SECRET"] = Password;

    /// <summary>The script names the product ships per engine: dbscripts/apimgt/NAME.sql and dbscripts/NAME.sql.</summary>
    public static TheoryData<string, string, string> Engines() => new()
    {
        { "mysql", "mysql", "mysql" },
        { "postgres", "postgresql", "psql" },
        { "sqlserver-se", "mssql", "sqlcmd" },
    };

    /// <summary>What the scripts create: API-M tables, and the registry and user store of the shared database.</summary>
    private static readonly Dictionary<string, string> Scripts = new()
    {
        ["apimgt"] = "CREATE TABLE IF NOT EXISTS AM_SUBSCRIBER (ID INT);\nCREATE TABLE IF NOT EXISTS AM_API (ID INT);",
        ["shared"] = "CREATE TABLE IF NOT EXISTS REG_RESOURCE (ID INT);\nCREATE TABLE IF NOT EXISTS UM_USER (ID INT);",
    };

    private static string ScriptText(string relative, string body) => $"-- script: {relative}\n{body}\n";

    private string UnpackedScripts(string scriptName, string? sharedBody = null)
    {
        var dir = Path.Combine(_sandbox.Directory, "wso2am-4.2.0", "dbscripts");
        Directory.CreateDirectory(Path.Combine(dir, "apimgt"));
        File.WriteAllText(Path.Combine(dir, "apimgt", $"{scriptName}.sql"), ScriptText($"apimgt/{scriptName}.sql", Scripts["apimgt"]));
        File.WriteAllText(Path.Combine(dir, $"{scriptName}.sql"), ScriptText($"{scriptName}.sql", sharedBody ?? Scripts["shared"]));
        return dir;
    }

    /// <summary>The product zip as the Puppet modules keep it: one top directory, dbscripts among the rest.</summary>
    private string ProductZip(string scriptName)
    {
        var path = Path.Combine(_sandbox.Directory, "installers", "wso2am-4.2.0.zip");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        using var zip = ZipFile.Open(path, ZipArchiveMode.Create);
        void Add(string name, string text)
        {
            using var writer = new StreamWriter(zip.CreateEntry(name).Open());
            writer.Write(text);
        }

        Add("wso2am-4.2.0/bin/api-manager.sh", "#!/bin/sh\n");
        Add($"wso2am-4.2.0/dbscripts/apimgt/{scriptName}.sql", ScriptText($"apimgt/{scriptName}.sql", Scripts["apimgt"]));
        Add($"wso2am-4.2.0/dbscripts/{scriptName}.sql", ScriptText($"{scriptName}.sql", Scripts["shared"]));
        Add("wso2am-4.2.0/dbscripts/identity/mysql.sql", "-- script: identity/mysql.sql\nCREATE TABLE IDN_X (ID INT);\n");
        return path;
    }

    private void Configure(string engine, string? scriptsDir, string? productZip = null) => _sandbox.WriteConf("db.env", $"""
        REGION=eu-west-1
        DB_ENGINE={engine}
        DB_ENGINE_VERSION=8.0
        DB_HOST=db.example.internal
        DB_PORT=3306
        DB_USERNAME=wso2carbon
        DB_APIM_NAME={ApimDb}
        DB_SHARED_NAME={CommonDb}
        DB_SCRIPTS_DIR={scriptsDir ?? Path.Combine(_sandbox.Directory, "no-unpacked-product", "dbscripts")}
        PRODUCT_ZIP={productZip ?? Path.Combine(_sandbox.Directory, "no-zip", "wso2am-4.2.0.zip")}

        """);

    private Task<ProcessResult> RunAsync() =>
        _sandbox.RunAsync(_document.Render(new Dictionary<string, string> { ["DBPasswordParameterName"] = ParameterName }));

    private string DbPath(string db, string file) => Path.Combine(_sandbox.Directory, "db", db, file);

    private string[] Applied(string db) => File.Exists(DbPath(db, "applied")) ? File.ReadAllLines(DbPath(db, "applied")) : [];

    private void AssertEachScriptInItsDatabase(string scriptName)
    {
        Applied(ApimDb).Should().Equal([$"apimgt/{scriptName}.sql"], "the API-M scripts go into the API-M database (params.pp's apim_db)");
        Applied(CommonDb).Should().Equal([$"{scriptName}.sql"], "registry and user store go into the common database (shared_db)");
    }

    [Theory]
    [MemberData(nameof(Engines))]
    public async Task Run_PutsEachScriptIntoItsDatabase_AndVerifiesTheirTables(string engine, string scriptName, string client)
    {
        Configure(engine, UnpackedScripts(scriptName));

        var result = await RunAsync();

        result.ExitCode.Should().Be(0, result.Output);
        result.LastLine.Should().Be("OK: database scripts applied and schemas verified");
        AssertEachScriptInItsDatabase(scriptName);
        result.Output.Should().Contain($"{CommonDb}: schema verified (REG_RESOURCE UM_USER present)");
        _sandbox.RecordedArgv.Should().Contain(client);
        AssertPasswordNeverExposed(result);
    }

    [Theory]
    [MemberData(nameof(Engines))]
    public async Task Run_WithTheProductOnlyAsAZip_UnpacksItsScripts(string engine, string scriptName, string client)
    {
        Configure(engine, scriptsDir: null, ProductZip(scriptName));

        var result = await RunAsync();

        result.ExitCode.Should().Be(0, result.Output);
        // apimgt/NAME.sql and NAME.sql share a file name: flattening the zip would mix them up.
        AssertEachScriptInItsDatabase(scriptName);
        _sandbox.RecordedArgv.Should().Contain(client);
    }

    [Fact]
    public async Task Run_WithNeitherUnpackedScriptsNorZip_NamesBothPlaces()
    {
        Configure("mysql", scriptsDir: null);

        var result = await RunAsync();

        result.ExitCode.Should().NotBe(0);
        result.LastLine.Should().StartWith("FAILED: database scripts, stage scripts: DB scripts not found")
            .And.Contain("no-unpacked-product/dbscripts").And.Contain("no-zip/wso2am-4.2.0.zip");
    }

    [Theory]
    [MemberData(nameof(Engines))]
    public async Task Run_WithoutTheEnginesClient_SaysWhichClientIsMissing(string engine, string scriptName, string client)
    {
        Configure(engine, UnpackedScripts(scriptName));
        // psql is installed on this machine: hide it (and the stand-in) from the script's PATH.
        _sandbox.Hidden.Add(client);

        var result = await RunAsync();

        result.ExitCode.Should().NotBe(0);
        result.LastLine.Should().StartWith($"FAILED: database scripts, stage client: the {client} client is not installed on the Puppet Master");
        result.Output.Should().NotContain("cannot create database");
        _sandbox.RecordedArgv.Should().NotContain("ssm get-parameter", "nothing is read before the client is known to be there");
    }

    [Fact]
    public async Task Run_OnMySql_PassesThePasswordThroughAnOptionFile()
    {
        Configure("mysql", UnpackedScripts("mysql"));

        var result = await RunAsync();

        result.ExitCode.Should().Be(0, result.Output);
        _sandbox.RecordedArgv.Should().Contain($"aws ssm get-parameter --region eu-west-1 --name {ParameterName} --with-decryption");
        File.ReadAllText(Path.Combine(_sandbox.Directory, "mysql-option-file"))
            .Should().Contain("password=\"Sup3r\\\"secret\\\\pa:ss$1\"", "quotes and backslashes are escaped for the option file");
        AssertPasswordNeverExposed(result);
    }

    [Fact]
    public async Task Run_OnMySql_CreatesTheApiManagerDatabaseInLatin1()
    {
        Configure("mysql", UnpackedScripts("mysql"));

        var result = await RunAsync();

        result.ExitCode.Should().Be(0, result.Output);
        // WSO2's MySQL guide: the API-M database in latin1, or MySQL 8 refuses its index keys (ERROR 1071).
        File.ReadAllLines(Path.Combine(_sandbox.Directory, "db", "created.log"))
            .Should().Contain($"CREATE DATABASE IF NOT EXISTS `{ApimDb}` CHARACTER SET latin1")
            .And.Contain($"CREATE DATABASE IF NOT EXISTS `{CommonDb}`");
    }

    [Fact]
    public async Task Run_OnPostgres_PassesThePasswordThroughAPgpassFile()
    {
        Configure("postgres", UnpackedScripts("postgresql"));

        var result = await RunAsync();

        result.ExitCode.Should().Be(0, result.Output);
        File.ReadAllText(Path.Combine(_sandbox.Directory, "pgpass"))
            .Should().Be("db.example.internal:3306:*:wso2carbon:Sup3r\"secret\\\\pa\\:ss$1\n");
        AssertPasswordNeverExposed(result);
    }

    [Fact]
    public async Task Run_OnSqlServer_PassesThePasswordThroughTheEnvironment()
    {
        Configure("sqlserver-se", UnpackedScripts("mssql"));

        var result = await RunAsync();

        result.ExitCode.Should().Be(0, result.Output);
        File.ReadAllText(Path.Combine(_sandbox.Directory, "sqlcmd-password")).Should().Be(Password);
        AssertPasswordNeverExposed(result);
    }

    [Fact]
    public async Task Run_WhenSchemasExist_DoesNotApplyScriptsAgain()
    {
        Configure("mysql", UnpackedScripts("mysql"));
        (await RunAsync()).ExitCode.Should().Be(0);

        var again = await RunAsync();

        again.ExitCode.Should().Be(0, again.Output);
        again.Output.Should().Contain($"{ApimDb}: schema already present").And.NotContain("applying");
        AssertEachScriptInItsDatabase("mysql");
    }

    [Fact]
    public async Task Run_WhenScriptFails_ExitsNonZeroWithClearLastLine()
    {
        Configure("mysql", UnpackedScripts("mysql"));
        _sandbox.Environment["STANDIN_APPLY_EXIT"] = "1";

        var result = await RunAsync();

        result.ExitCode.Should().NotBe(0);
        result.LastLine.Should().Be($"FAILED: database scripts, stage apply {ApimDb}: apimgt/mysql.sql failed on {ApimDb}");
        AssertPasswordNeverExposed(result);
    }

    [Fact]
    public async Task Run_WhenDatabaseCannotBeCreated_NamesDatabaseAndUser()
    {
        Configure("mysql", UnpackedScripts("mysql"));
        _sandbox.Environment["STANDIN_CREATE_EXIT"] = "1";

        var result = await RunAsync();

        result.LastLine.Should().Be($"FAILED: database scripts, stage create {ApimDb}: cannot create database {ApimDb} on db.example.internal:3306 as wso2carbon");
    }

    [Fact]
    public async Task Run_WhenScriptLeavesNoTables_FailsVerification()
    {
        Configure("mysql", UnpackedScripts("mysql"));
        _sandbox.Environment["STANDIN_NO_TABLES"] = "1";

        var result = await RunAsync();

        result.ExitCode.Should().NotBe(0);
        result.LastLine.Should().Be($"FAILED: database scripts, stage verify {ApimDb}: table AM_API is missing from {ApimDb} after the script ran");
    }

    [Fact]
    public async Task Run_WhenTheSharedScriptLacksTheUserStore_FailsNamingTheTable()
    {
        Configure("mysql", UnpackedScripts("mysql", sharedBody: "CREATE TABLE REG_RESOURCE (ID INT);"));

        var result = await RunAsync();

        result.ExitCode.Should().NotBe(0);
        result.LastLine.Should().Be($"FAILED: database scripts, stage verify {CommonDb}: table UM_USER is missing from {CommonDb} after the script ran");
    }

    [Fact]
    public async Task Run_WhenSecretCannotBeRead_SaysWhichParameterAndPermissions()
    {
        Configure("mysql", UnpackedScripts("mysql"));
        _sandbox.Environment["STANDIN_AWS_EXIT"] = "254";

        var result = await RunAsync();

        result.ExitCode.Should().NotBe(0);
        result.LastLine.Should().Contain($"cannot read SSM parameter {ParameterName}").And.Contain("kms:Decrypt");
        _sandbox.RecordedArgv.Should().NotContain("mysql --");
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
    public async Task Run_OnOracle_FailsWithAClearReason()
    {
        Configure("oracle-se2", UnpackedScripts("oracle"));

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
