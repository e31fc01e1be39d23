using Wso2Serverless.Aws.DynamoDb;
using Wso2Serverless.Domain.Ports;
using Wso2Serverless.Functions.Hosting;
using Wso2Serverless.Runtime;
using Wso2Serverless.StandIns.ApiGateway;
using Wso2Serverless.StandIns.Moto;

namespace Wso2Serverless.Cli.Tests.Support;

/// <summary>
/// The API the CLI talks to in these tests: the API Gateway stand-in (SigV4 checked, payload 2.0
/// events, the routes serverless.template declares) in front of the real API handler from the
/// function catalog, with the real DynamoDB stores on moto and a scripted workflow. The tests
/// only use <see cref="ApiUrl"/> and the principals, so they can be pointed at another API.
/// </summary>
public sealed class ApiStandInFixture : IAsyncLifetime
{
    public const string Region = "us-east-1";
    public const string Account = "123456789012";

    /// <summary>The operator the in-process tests sign as.</summary>
    public static ApiPrincipal Operator { get; } = new("AKIDOPERATOR", "operator-secret", Account, $"arn:aws:iam::{Account}:user/operator", "AIDAOPERATOR");

    private MotoServer? _moto;
    private FunctionServices? _services;
    private readonly TextWriter _log;

    public ApiStandInFixture() => _log = TextWriter.Synchronized(FunctionLog);
    private HttpApiStandIn? _api;
    private readonly List<ApiPrincipal> _principals = [Operator];

    public Uri ApiUrl => _api!.Endpoint;
    /// <summary>moto, for what the CLI reads from CloudFormation (<c>--stack</c>).</summary>
    public Uri MotoEndpoint => _moto!.Endpoint;
    public ScriptedWorkflow Workflow { get; private set; } = null!;
    public IDeploymentStore Deployments { get; private set; } = null!;
    public ILockStore Locks { get; private set; } = null!;
    /// <summary>The API function's log lines (JSON, one per line).</summary>
    public StringWriter FunctionLog { get; } = new();

    /// <summary>Lets another caller in (the process tests add keys from env, a profile, a container endpoint).</summary>
    public void Allow(ApiPrincipal principal)
    {
        lock (_principals)
        {
            _principals.Add(principal);
        }
    }

    public RunDriver Driver(string deploymentId) => new(Deployments, Locks, deploymentId);

    public async ValueTask InitializeAsync()
    {
        _moto = await MotoServer.StartAsync(serializeRequests: true);
        var dynamo = MotoClients.DynamoDb(_moto.Endpoint);
        var options = new PhaseStoreOptions { TableName = "cli-" + Guid.NewGuid().ToString("N")[..10] };
        await PhaseTable.CreateAsync(dynamo, options.TableName);
        Deployments = new DynamoDeploymentStore(dynamo, options);
        Locks = new DynamoLockStore(dynamo, options);
        Workflow = new ScriptedWorkflow(Deployments, Locks);
        _services = new FunctionServices
        {
            Settings = new OrchestratorSettings
            {
                TableName = options.TableName,
                StateMachineArn = $"arn:aws:states:{Region}:{Account}:stateMachine:wso2-deployment",
                TeardownStateMachineArn = $"arn:aws:states:{Region}:{Account}:stateMachine:wso2-teardown",
            },
            Stacks = UnusedPorts.Instance,
            Commands = UnusedPorts.Instance,
            Workflow = Workflow,
            Deployments = Deployments,
            Locks = Locks,
            Tokens = new DynamoTokenStore(dynamo, options),
            Environments = new DynamoEnvironmentStore(dynamo, options),
            Notifier = UnusedPorts.Instance,
            Probe = UnusedPorts.Instance,
            LoadBalancer = UnusedPorts.Instance,
            Images = UnusedPorts.Instance,
            Templates = UnusedPorts.Instance,
            Clock = SystemClock.Instance,
            Metrics = new DiscardedMetrics(),
        };
        var handler = FunctionCatalog.Find(HandlerNames.Api)!.Create(_services);
        var log = _log;
        _api = HttpApiStandIn.Start(new HttpApiStandInOptions
        {
            Integration = (payload, ct) => InvokeAsync(handler, payload, log, ct),
            Principals = new PrincipalView(_principals),
            Routes = new HttpApiRoutes(TemplateRoutes.Read()),
            Region = Region,
            Site = new HttpApiEvent.Site(Account, "standin"),
        });
    }

    /// <summary>Invokes another function of the catalog on the same stores and log (the workflow's tasks).</summary>
    public Task<ReadOnlyMemory<byte>> InvokeFunctionAsync(string handler, string payload) =>
        InvokeAsync(FunctionCatalog.Find(handler)!.Create(_services!), System.Text.Encoding.UTF8.GetBytes(payload), _log, CancellationToken.None, "wso2-orchestrator-" + handler);

    /// <summary>As the Lambda bootstrap invokes a function: a fresh context and JSON log per request.</summary>
    private static async Task<ReadOnlyMemory<byte>> InvokeAsync(ILambdaHandler handler, ReadOnlyMemory<byte> payload, TextWriter log, CancellationToken ct, string functionName = "wso2-orchestrator-api")
    {
        var requestId = Guid.NewGuid().ToString();
        var context = new LambdaContext
        {
            RequestId = requestId,
            FunctionName = functionName,
            Deadline = DateTimeOffset.UtcNow.AddSeconds(30),
            CancellationToken = ct,
            Now = () => DateTimeOffset.UtcNow,
            Log = new JsonLog(log, functionName, requestId, SecretRedactor.Default),
        };
        return await handler.HandleAsync(payload, context);
    }

    public async ValueTask DisposeAsync()
    {
        if (_api is not null)
        {
            await _api.DisposeAsync();
        }

        if (_moto is not null)
        {
            await _moto.DisposeAsync();
        }
    }

    private sealed class DiscardedMetrics : IMetricSink
    {
        public void Emit(string emfLine)
        {
        }
    }

    /// <summary>A live view of the principal list, so principals added after start are known.</summary>
    private sealed class PrincipalView(List<ApiPrincipal> principals) : IReadOnlyList<ApiPrincipal>
    {
        public ApiPrincipal this[int index] { get { lock (principals) { return principals[index]; } } }

        public int Count { get { lock (principals) { return principals.Count; } } }

        public IEnumerator<ApiPrincipal> GetEnumerator()
        {
            lock (principals)
            {
                return principals.ToList().GetEnumerator();
            }
        }

        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
    }
}
