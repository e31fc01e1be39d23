using System.Globalization;
using System.Text;

namespace Wso2Serverless.StandIns.World;

/// <summary>
/// What a node prints for our two command documents, as their shell would print it: the
/// database scripts' lines (with set -x, every command traced, the password's assignment
/// included) and a Puppet agent run (with diffs on, the change to deployment.toml shows the
/// password; with the log captured, the output is the document's own lines, and on failure
/// Puppet's Error lines and the log's last 25 lines).
/// </summary>
public static class NodeOutputs
{
    private const int TailLines = 25;

    public static (int ExitCode, string Output) Database(CommandDocument document, string parameterName, string? password, string dbHost, int? failWith)
    {
        var output = new StringBuilder();
        if (document.TracesCommands)
        {
            output.Append(CultureInfo.InvariantCulture, $"+ password_parameter={parameterName}\n+ stage=password\n")
                .Append(CultureInfo.InvariantCulture, $"++ aws ssm get-parameter --region {SimulatedWorld.Region} --name {parameterName} --with-decryption --query Parameter.Value --output text\n");
            if (password is not null)
            {
                output.Append(CultureInfo.InvariantCulture, $"+ password={password}\n+ stage=connect\n")
                    .Append(CultureInfo.InvariantCulture, $"+ printf '[client]\\nuser=\"%s\"\\npassword=\"%s\"\\nhost=\"%s\"\\nport=%s\\n' wso2carbon {password} {dbHost} 3306\n");
            }
        }

        if (password is null)
        {
            output.Append(CultureInfo.InvariantCulture, $"An error occurred (ParameterNotFound) when calling the GetParameter operation: Parameter {parameterName} not found.\n")
                .Append(CultureInfo.InvariantCulture, $"FAILED: database scripts, stage password: cannot read SSM parameter {parameterName} (check ssm:GetParameter and kms:Decrypt)\n");
            return (1, output.ToString());
        }

        if (failWith is { } code)
        {
            output.Append("WSO2AM_APIMGT_DB: applying apimgt/mysql.sql\n")
                .Append(CultureInfo.InvariantCulture, $"ERROR 1045 (28000): Access denied for user 'wso2carbon'@'10.0.1.23' (using password: YES)\n")
                .Append("FAILED: database scripts, stage apply WSO2AM_APIMGT_DB: apimgt/mysql.sql failed on WSO2AM_APIMGT_DB\n");
            return (code, output.ToString());
        }

        output.Append("WSO2AM_APIMGT_DB: applying apimgt/mysql.sql\nWSO2AM_APIMGT_DB: schema verified (AM_API present)\n")
            .Append("WSO2AM_COMMON_DB: applying mysql.sql\nWSO2AM_COMMON_DB: schema verified (REG_RESOURCE UM_USER present)\n")
            .Append("OK: database scripts applied and schemas verified\n");
        return (0, output.ToString());
    }

    public static (int ExitCode, string Output) Agent(CommandDocument document, string role, string node, string? password, bool fails)
    {
        var product = role == "mi" ? "wso2mi" : "wso2am";
        var log = new List<string>
        {
            "Info: Using environment 'production'",
            "Info: Retrieving pluginfacts",
            "Info: Caching catalog for " + node,
            "Info: Applying configuration version '1767603600'",
            $"Notice: /Stage[main]/{product}::Install/Package[{product}]/ensure: created",
        };
        var toml = $"/opt/{product}/repository/conf/deployment.toml";
        if (document.PuppetShowsDiff)
        {
            log.AddRange(
            [
                $"Notice: /Stage[main]/{product}::Configure/File[{toml}]/content: ",
                $"--- {toml}\t2026-01-05 09:00:00.000000000 +0000",
                $"+++ /tmp/puppet-file20260105-2211-1kq3v0s\t2026-01-05 09:00:00.000000000 +0000",
                "@@ -41,4 +41,4 @@",
                " [database.apim_db]",
                " username = \"wso2carbon\"",
                "-password = \"wso2carbon\"",
                $"+password = \"{password ?? "CF_DB_PASSWORD"}\"",
            ]);
        }

        log.Add($"Notice: /Stage[main]/{product}::Configure/File[{toml}]/content: content changed '{{sha256}}a1e0' to '{{sha256}}9c3b'");
        if (fails)
        {
            log.AddRange(
            [
                $"Info: /Stage[main]/{product}::Configure/File[{toml}]: Scheduling refresh of Service[{product}]",
                $"Error: Systemd start for {product} failed!",
                $"Error: /Stage[main]/{product}::Service/Service[{product}]/ensure: change from 'stopped' to 'running' failed: Systemd start for {product} failed! journalctl -xe: {product}.service: Main process exited, code=exited, status=1/FAILURE",
                $"Notice: /Stage[main]/{product}::Service/Service[{product}]: Triggered 'refresh' from 1 event",
                "Notice: Applied catalog in 431.07 seconds",
            ]);
        }
        else
        {
            log.AddRange(
            [
                $"Notice: /Stage[main]/{product}::Service/Service[{product}]/ensure: ensure changed 'stopped' to 'running'",
                "Notice: Applied catalog in 512.31 seconds",
            ]);
        }

        var exit = fails ? 6 : 2;
        var output = new StringBuilder();
        output.Append(CultureInfo.InvariantCulture, $"role {role}: puppet agent --onetime (environment production{(document.PuppetShowsDiff ? "" : ", no diffs")})\n");
        if (!document.PuppetLogCaptured)
        {
            foreach (var line in log)
            {
                output.Append(line).Append('\n');
            }
        }

        if (fails)
        {
            var logFile = $"/var/log/wso2-orchestration/puppet-agent-20260105T090000Z-2211.log";
            if (document.PuppetLogCaptured)
            {
                output.Append(CultureInfo.InvariantCulture, $"--- Error lines of {logFile} ---\n");
                foreach (var line in log.Where(l => l.StartsWith("Error:", StringComparison.Ordinal)))
                {
                    output.Append(line).Append('\n');
                }

                output.Append(CultureInfo.InvariantCulture, $"--- last {TailLines} lines of {logFile} ---\n");
                foreach (var line in log.TakeLast(TailLines))
                {
                    output.Append(line).Append('\n');
                }
            }

            output.Append(CultureInfo.InvariantCulture, $"FAILED: puppet agent exited with {exit} on role {role} (full log: {logFile})\n");
            return (exit, output.ToString());
        }

        output.Append(CultureInfo.InvariantCulture, $"puppet agent: changes applied (exit {exit})\nproduct: systemctl start {product}\nOK: role {role} healthy on {node}\n");
        return (0, output.ToString());
    }
}
