using Wso2Serverless.Functions.Hosting;

namespace Wso2Serverless.Functions.Tests.Fakes;

/// <summary>
/// Every port as an in-memory fake, wired into one <see cref="FunctionServices"/>: what unit
/// tests of handlers start from. Settings name the documents and template the handlers use.
/// </summary>
public sealed class FakeWorld
{
    public FakeWorld(OrchestratorSettings? settings = null)
    {
        Clock = new FakeClock();
        Workflow = new FakeWorkflowService(Clock);
        Commands = new FakeCommandService(Clock);
        Settings = settings ?? new OrchestratorSettings
        {
            TableName = "wso2-serverless-test",
            StateMachineArn = $"arn:aws:states:{FakeStackService.Region}:{FakeStackService.Account}:stateMachine:wso2-deployment",
            TeardownStateMachineArn = $"arn:aws:states:{FakeStackService.Region}:{FakeStackService.Account}:stateMachine:wso2-teardown",
            TopicArn = $"arn:aws:sns:{FakeStackService.Region}:{FakeStackService.Account}:wso2-deployments",
            BundledTemplateUrl = "https://wso2-artifacts.s3.us-east-1.amazonaws.com/templates/pattern-1.yaml",
            DatabaseDocumentName = "wso2-run-database-scripts",
            AgentDocumentName = "wso2-run-puppet-agent",
            StackRoleArn = $"arn:aws:iam::{FakeStackService.Account}:role/wso2-stack",
            ApiBaseUrl = "https://api.example.test/prod",
        };
    }

    public FakeClock Clock { get; }
    public OrchestratorSettings Settings { get; }
    public FakeStackService Stacks { get; } = new();
    public FakeCommandService Commands { get; }
    public FakeWorkflowService Workflow { get; }
    public InMemoryDeploymentStore Deployments { get; } = new();
    public InMemoryLockStore Locks { get; } = new();
    public InMemoryTokenStore Tokens { get; } = new();
    public InMemoryEnvironmentStore Environments { get; } = new();
    public RecordingNotifier Notifier { get; } = new();
    public ScriptedEndpointProbe Probe { get; } = new();
    public FakeLoadBalancer LoadBalancer { get; } = new();
    public FakeImageCatalog Images { get; } = new();
    public FakeTemplateSource Templates { get; } = new();
    public RecordingMetricSink Metrics { get; } = new();

    /// <summary>Every fake's fault plan by service, so a test can count the AWS calls a handler made.</summary>
    public IReadOnlyDictionary<string, FaultPlan> Calls => new Dictionary<string, FaultPlan>(StringComparer.Ordinal)
    {
        ["cloudformation"] = Stacks.Faults,
        ["ssm"] = Commands.Faults,
        ["states"] = Workflow.Faults,
        ["dynamodb:deployments"] = Deployments.Faults,
        ["dynamodb:locks"] = Locks.Faults,
        ["dynamodb:tokens"] = Tokens.Faults,
        ["dynamodb:environments"] = Environments.Faults,
    };

    /// <summary>All calls to every fake AWS service so far.</summary>
    public int AwsCalls => Calls.Values.Sum(f => f.TotalCalls);

    /// <summary>"service.Operation=n" for every call made, for failure messages.</summary>
    public string DescribeCalls() => string.Join(", ", Calls.SelectMany(c => c.Value.CallsByOperation.Select(o => $"{c.Key}.{o.Key}={o.Value}")));

    public FunctionServices Services => new()
    {
        Settings = Settings,
        Stacks = Stacks,
        Commands = Commands,
        Workflow = Workflow,
        Deployments = Deployments,
        Locks = Locks,
        Tokens = Tokens,
        Environments = Environments,
        Notifier = Notifier,
        Probe = Probe,
        LoadBalancer = LoadBalancer,
        Images = Images,
        Templates = Templates,
        Clock = Clock,
        Metrics = Metrics,
    };
}
