using Wso2Serverless.Domain.Ports;

namespace Wso2Serverless.Functions.Hosting;

/// <summary>
/// Everything a function may talk to. Lambda builds it from the AWS adapters
/// (<c>AwsServices</c>); tests and <c>simulate</c> build it from in-memory or simulated ones.
/// </summary>
public sealed record FunctionServices
{
    public required OrchestratorSettings Settings { get; init; }
    public required IStackService Stacks { get; init; }
    public required ICommandService Commands { get; init; }
    public required IWorkflowService Workflow { get; init; }
    public required IDeploymentStore Deployments { get; init; }
    public required ILockStore Locks { get; init; }
    public required ITokenStore Tokens { get; init; }
    public required IEnvironmentStore Environments { get; init; }
    public required INotifier Notifier { get; init; }
    public required IEndpointProbe Probe { get; init; }
    /// <summary>The product stack's load balancer: target health and listener certificates (Verify).</summary>
    public required IStackLoadBalancer LoadBalancer { get; init; }
    /// <summary>Which AMIs exist in the stack's region (preflight).</summary>
    public required IImageCatalog Images { get; init; }
    /// <summary>The product template's text (preflight reads its mappings and constraints).</summary>
    public required ITemplateSource Templates { get; init; }
    public required IClock Clock { get; init; }
    /// <summary>Phase and deployment metrics (EMF); stdout unless a caller records them.</summary>
    public IMetricSink Metrics { get; init; } = StdoutMetricSink.Instance;
    /// <summary>Random bytes for new run ids; the system's, or a seeded source in <c>simulate</c> so a seed replays the names.</summary>
    public Func<int, byte[]> RandomBytes { get; init; } = System.Security.Cryptography.RandomNumberGenerator.GetBytes;
}
