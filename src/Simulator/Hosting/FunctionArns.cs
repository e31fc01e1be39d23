using System.Globalization;
using Wso2Serverless.Functions.Hosting;
using Wso2Serverless.StandIns.World;

namespace Wso2Serverless.Simulator.Hosting;

/// <summary>
/// The names the simulated account gives the functions, and the DefinitionSubstitutions the
/// state machine is deployed with: <c>${RunPuppetAgentFunctionArn}</c> becomes the ARN of
/// <c>wso2-sim-run-puppet-agent</c>, whose handler is <c>run-puppet-agent</c>.
/// </summary>
public static class FunctionArns
{
    public const string Prefix = "wso2-sim-";
    public static readonly string TopicArn = $"arn:aws:sns:{SimulatedWorld.Region}:{SimulatedWorld.Account}:wso2-sim-deployments";
    public static readonly string StateMachineArn = $"arn:aws:states:{SimulatedWorld.Region}:{SimulatedWorld.Account}:stateMachine:wso2-sim-deployment";
    public static readonly string TeardownStateMachineArn = $"arn:aws:states:{SimulatedWorld.Region}:{SimulatedWorld.Account}:stateMachine:wso2-sim-teardown";

    public static string Arn(string handler) =>
        $"arn:aws:lambda:{SimulatedWorld.Region}:{SimulatedWorld.Account}:function:{Prefix}{handler}";

    /// <summary>The handler behind a function name or ARN (qualifier ignored); null when it is not ours.</summary>
    public static string? HandlerOf(string nameOrArn)
    {
        ArgumentNullException.ThrowIfNull(nameOrArn);
        var name = nameOrArn;
        var marker = name.IndexOf(":function:", StringComparison.Ordinal);
        if (marker >= 0)
        {
            name = name[(marker + ":function:".Length)..];
            var qualifier = name.IndexOf(':', StringComparison.Ordinal);
            if (qualifier >= 0)
            {
                name = name[..qualifier];
            }
        }

        return name.StartsWith(Prefix, StringComparison.Ordinal) && FunctionCatalog.Find(name[Prefix.Length..]) is not null
            ? name[Prefix.Length..]
            : null;
    }

    /// <summary>Every <c>${...}</c> the deployment definition may use.</summary>
    public static IReadOnlyDictionary<string, string> Substitutions()
    {
        var map = new Dictionary<string, string>(StringComparer.Ordinal) { ["NotificationTopicArn"] = TopicArn };
        foreach (var function in FunctionCatalog.All)
        {
            map[Pascal(function.Handler) + "FunctionArn"] = Arn(function.Handler);
        }

        return map;
    }

    private static string Pascal(string kebab) => string.Concat(kebab.Split('-', StringSplitOptions.RemoveEmptyEntries)
        .Select(part => char.ToUpper(part[0], CultureInfo.InvariantCulture) + part[1..]));
}
