namespace Wso2Serverless.Domain.Model;

/// <summary>
/// The phases of one deployment, in the order the workflow runs them. The names are the
/// contract between the state machine, the phase records in DynamoDB, the metrics and the
/// notifications: change one, change all.
/// </summary>
public static class PhaseNames
{
    public const string Accept = "Accept";
    public const string RemoveOld = "RemoveOld";
    public const string CreateStack = "CreateStack";
    public const string AwaitPuppetMaster = "AwaitPuppetMaster";
    public const string RunDatabaseScripts = "RunDatabaseScripts";
    public const string RunPuppetAgents = "RunPuppetAgents";
    public const string Verify = "Verify";
    public const string Complete = "Complete";
    public const string Teardown = "Teardown";

    /// <summary>Agent runs are recorded one phase per role, e.g. <c>RunPuppetAgents:apim</c>.</summary>
    public static string Agent(string role) => $"{RunPuppetAgents}:{role}";

    public static IReadOnlyList<string> Ordered { get; } =
    [
        Accept, RemoveOld, CreateStack, AwaitPuppetMaster, RunDatabaseScripts, RunPuppetAgents, Verify, Complete,
    ];
}
