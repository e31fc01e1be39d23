using System.Text.RegularExpressions;

namespace Wso2Serverless.Templates.Tests.Support;

/// <summary>
/// WSO2's Puppet modules for pattern-1 (../shared/reference/wso2-aws-apim/puppet), read the way
/// the product uses them: which engines apim_common's params.pp configures, which JDBC URL each
/// of deployment.toml's [database.*] sections gets, and the unit name the modules install.
/// </summary>
public sealed partial class PuppetModules
{
    public static string Directory { get; } = Path.GetFullPath(Path.Combine(Repo.Root, "..", "shared", "reference", "wso2-aws-apim", "puppet"));

    public static string CommonParamsPath => Path.Combine(Directory, "apim_common", "manifests", "params.pp");

    public static string ApimDeploymentTomlPath => Path.Combine(Directory, "apim", "templates", "carbon-home", "repository", "conf", "deployment.toml.erb");

    private readonly string _params;

    private PuppetModules(string paramsText) => _params = paramsText;

    /// <summary>The modules as WSO2 ships them.</summary>
    public static PuppetModules Upstream => new(File.ReadAllText(CommonParamsPath));

    /// <summary>A params.pp after the Puppet Master's user data filled in its placeholders.</summary>
    public static PuppetModules FromParams(string paramsText) => new(paramsText);

    /// <summary>
    /// The engine branches of params.pp in order: the value compared with <c>$db_managment_system</c>
    /// and whether the comparison is a regex match (<c>=~</c>) rather than equality.
    /// </summary>
    public IReadOnlyList<EngineBranch> Engines =>
        EngineBranchPattern().Matches(_params).Select(m => new EngineBranch(m.Groups["value"].Value, m.Groups["op"].Value == "=~", Body(m))).ToList();

    /// <summary>The branch params.pp takes for an engine name as the template's DBEngineMap gives it.</summary>
    public EngineBranch BranchFor(string engine) =>
        Engines.FirstOrDefault(b => b.Matches(engine)) ?? throw new InvalidOperationException($"params.pp has no branch for engine '{engine}'.");

    /// <summary>The params.pp hash each [database.X] section of the API Manager's deployment.toml reads (apim_db: wso2_am_db).</summary>
    public static IReadOnlyDictionary<string, string> TomlDatabaseHashes()
    {
        var toml = File.ReadAllText(ApimDeploymentTomlPath);
        return TomlSectionPattern().Matches(toml).ToDictionary(m => m.Groups["section"].Value, m => m.Groups["hash"].Value);
    }

    /// <summary>The URL variable a params.pp hash takes its <c>url</c> from (wso2_am_db: wso2_am_db_url).</summary>
    public string UrlVariableOf(string hash)
    {
        var definition = Regex.Match(_params, @"\$" + Regex.Escape(hash) + @"\s*=\s*\{(?<body>[^}]*)\}");
        definition.Success.Should().BeTrue($"params.pp defines ${hash}");
        return Regex.Match(definition.Groups["body"].Value, @"url\s*=>\s*\$(?<var>\w+)").Groups["var"].Value;
    }

    /// <summary>The unit the modules install for a profile (carbon.service.erb as /etc/systemd/system/NAME.service).</summary>
    public static string ServiceNameFor(string profile)
    {
        var text = File.ReadAllText(CommonParamsPath);
        var formula = Regex.Match(text, "\\$wso2_service_name\\s*=\\s*\"(?<f>[^\"]+)\"").Groups["f"].Value;
        formula.Should().Contain("${profile}", "params.pp names the unit after the profile");
        return formula.Replace("${profile}", profile, StringComparison.Ordinal);
    }

    private static string Body(Match branch) => branch.Groups["body"].Value;

    [GeneratedRegex(@"(?:if|elsif)\s+\$db_managment_system\s*(?<op>==|=~)\s*'(?<value>[^']+)'\s*\{(?<body>[^}]*)\}")]
    private static partial Regex EngineBranchPattern();

    [GeneratedRegex(@"\[database\.(?<section>\w+)\]\s*\n\s*type\s*=\s*""<%= @(?<hash>\w+)\['type'\]")]
    private static partial Regex TomlSectionPattern();
}

/// <summary>One engine branch of params.pp and the JDBC URLs it sets.</summary>
public sealed partial record EngineBranch(string Value, bool IsRegex, string Body)
{
    public bool Matches(string engine) => IsRegex ? Regex.IsMatch(engine, Value) : engine == Value;

    /// <summary>The value params.pp assigns to a URL variable in this branch (quotes removed).</summary>
    public string Url(string variable)
    {
        var match = Regex.Match(Body, @"\$" + Regex.Escape(variable) + @"\s*=\s*['""](?<url>[^'""]+)['""]");
        match.Success.Should().BeTrue($"the '{Value}' branch sets ${variable}");
        return match.Groups["url"].Value;
    }

    /// <summary>Host, port and database of a JDBC URL (MySQL, PostgreSQL, SQL Server forms).</summary>
    public static JdbcTarget Parse(string url)
    {
        var match = JdbcPattern().Match(url);
        match.Success.Should().BeTrue($"'{url}' is a JDBC URL naming host, port and database");
        return new JdbcTarget(match.Groups["host"].Value, match.Groups["port"].Value,
            match.Groups["db"].Success ? match.Groups["db"].Value : match.Groups["mssqldb"].Value);
    }

    [GeneratedRegex(@"^jdbc:(?:mysql|postgresql|sqlserver)://(?<host>[^:/;]+):(?<port>\d+)(?:/(?<db>[^?;]+)|;databaseName=(?<mssqldb>[^;]+))")]
    private static partial Regex JdbcPattern();
}

public sealed record JdbcTarget(string Host, string Port, string Database);
