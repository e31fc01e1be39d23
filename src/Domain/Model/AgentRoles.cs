namespace Wso2Serverless.Domain.Model;

/// <summary>The node roles of pattern-1, as tagged on the instances (<see cref="ResourceTags.Role"/>).</summary>
public static class AgentRoles
{
    public const string PuppetMaster = "puppetmaster";
    public const string ApiManager = "apim";
    public const string MicroIntegrator = "mi";

    /// <summary>Roles that run a Puppet agent, in upstream's order: API Manager first.</summary>
    public static IReadOnlyList<string> Agents { get; } = [ApiManager, MicroIntegrator];
}
