using Wso2Serverless.Domain.Model;

namespace Wso2Serverless.Domain.Outcomes;

/// <summary>
/// Which exit-code rule a command's result is read by. A Puppet agent run reports Puppet's
/// detailed exit codes (2 = changes applied, a success); the database scripts document is a plain
/// shell script whose only success is 0 (templates/ssm/run-database-scripts.yaml).
/// </summary>
public enum CommandKind
{
    PuppetAgent,
    DatabaseScripts,
}

public static class CommandKinds
{
    /// <summary>RunDatabaseScripts runs the database document; every other command phase a Puppet agent.</summary>
    public static CommandKind ForPhase(string? phase) =>
        phase == PhaseNames.RunDatabaseScripts ? CommandKind.DatabaseScripts : CommandKind.PuppetAgent;

    /// <summary>Whether one instance's exit code is a success under the kind's rule.</summary>
    public static bool IsSuccessCode(CommandKind kind, int exitCode) =>
        kind == CommandKind.DatabaseScripts ? exitCode == 0 : PuppetExitCodes.IsSuccess(exitCode);

    /// <summary>What an exit code means, for the failure's cause.</summary>
    public static string Describe(CommandKind kind, int exitCode) =>
        kind == CommandKind.DatabaseScripts ? "script failed" : PuppetExitCodes.Describe(exitCode);
}
