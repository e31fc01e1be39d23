using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Wso2Serverless.Aws;
using Wso2Serverless.Aws.CloudFormation;
using Wso2Serverless.Aws.DynamoDb;
using Wso2Serverless.Aws.Http;
using Wso2Serverless.Aws.Signing;
using Wso2Serverless.Aws.StepFunctions;
using Wso2Serverless.Aws.StepFunctions.Model;
using Wso2Serverless.Functions.Hosting;
using Wso2Serverless.Security.Tests.Support;
using Wso2Serverless.StandIns.Iam;
using Wso2Serverless.StandIns.Moto;

namespace Wso2Serverless.Security.Tests.Contract;

/// <summary>
/// One moto account laid out as serverless.template would make it (the table, the topic, the two
/// state machines, the documents, the stack role, the template bucket), and the functions built by
/// <see cref="AwsComposition"/> against it, every client recording its requests into <see cref="Log"/>.
/// The names are those the <see cref="Profile"/> resolves the template's IAM with.
/// </summary>
public sealed class OrchestratorOnMoto : IAsyncLifetime
{
    public const string Account = "123456789012";
    public const string Region = "us-east-1";
    public const string Orchestrator = "wso2-orchestrator";
    public const string TemplateBucket = "wso2-templates";
    public const string TemplateKey = "templates/pattern-1.yaml";
    public const string DatabaseDocument = "wso2-orchestrator-documents-Database";
    public const string AgentDocument = "wso2-orchestrator-documents-Agent";

    private static readonly string TableName = $"{Orchestrator}-PhaseTable-EXAMPLE";

    private MotoServer? _moto;

    public IamCallLog Log { get; } = new(new CallerContext(Region, Account));

    public OrchestratorSettings Settings { get; } = new()
    {
        TableName = TableName,
        StateMachineArn = $"arn:aws:states:{Region}:{Account}:stateMachine:{Orchestrator}-deployment",
        TeardownStateMachineArn = $"arn:aws:states:{Region}:{Account}:stateMachine:{Orchestrator}-teardown",
        TopicArn = $"arn:aws:sns:{Region}:{Account}:{Orchestrator}-Topic-EXAMPLE",
        BundledTemplateUrl = $"https://{TemplateBucket}.s3.{Region}.amazonaws.com/{TemplateKey}",
        DatabaseDocumentName = DatabaseDocument,
        AgentDocumentName = AgentDocument,
        StackRoleArn = $"arn:aws:iam::{Account}:role/{Orchestrator}-StackRole-EXAMPLE",
        StackNamePrefix = "wso2-env-",
        OrchestratorName = Orchestrator,
        TemplateBucketName = TemplateBucket,
        TemplatePrefix = "templates/",
        ExtraTopicPrefix = "wso2-",
        PermissionsBoundaryArn = $"arn:aws:iam::{Account}:policy/{Orchestrator}-ProductBoundary-EXAMPLE",
        ApiBaseUrl = "https://abc123.execute-api.us-east-1.amazonaws.com",
    };

    /// <summary>The concrete values the template's IAM is resolved with: the ones above.</summary>
    public IamProfile Profile => new(Account, Region, Orchestrator)
    {
        Parameters = new()
        {
            ["TemplateBucketName"] = TemplateBucket,
            ["TemplatePrefix"] = Settings.TemplatePrefix,
            ["StackNamePrefix"] = Settings.StackNamePrefix,
            ["ExtraTopicPrefix"] = Settings.ExtraTopicPrefix,
            ["DatabaseDocumentName"] = DatabaseDocument,
            ["AgentDocumentName"] = AgentDocument,
        },
        Physical = new()
        {
            ["PhaseTable"] = new() { ["Ref"] = TableName },
            ["Topic"] = new() { ["Ref"] = Settings.TopicArn },
        },
    };

    public FunctionServices Services { get; private set; } = null!;

    public AwsEndpoints Endpoints { get; private set; } = null!;

    /// <summary>Start executions Step Functions refuses as already started (moto does not): AWS's answer to a retried name.</summary>
    public ExecutionNames Names { get; } = new();

    public async ValueTask InitializeAsync()
    {
        Environment.SetEnvironmentVariable("AWS_ACCESS_KEY_ID", Environment.GetEnvironmentVariable("AWS_ACCESS_KEY_ID") ?? "testing");
        Environment.SetEnvironmentVariable("AWS_SECRET_ACCESS_KEY", Environment.GetEnvironmentVariable("AWS_SECRET_ACCESS_KEY") ?? "testing");
        _moto = await MotoServer.ForkAsync(serializeRequests: true);
        var plain = new AwsEndpoints(Lookup);
        Endpoints = new AwsEndpoints(Lookup)
        {
            Transport = () => new RecordingHandler(Log) { InnerHandler = new ExecutionNameHandler(Names) { InnerHandler = new SocketsHttpHandler() } },
        };
        var stacks = new CloudFormationStackService(CloudFormationClient.Create(plain, Credentials));
        Log.Stacks = async name => (await stacks.DescribeStackAsync(name, default))?.StackId;
        Log.Tags = async arn => arn.Contains(":stack/", StringComparison.Ordinal) ? (await stacks.DescribeStackAsync(arn, default))?.Tags : null;

        await SetUpAccountAsync(plain);
        Services = AwsComposition.Create(Settings, Endpoints) with { Metrics = new DiscardedMetrics() };
    }

    private static readonly ICredentialSource Credentials = new StaticCredentialSource("testing", "testing");

    private string? Lookup(string name) => name switch
    {
        "AWS_ENDPOINT_URL" => _moto!.Endpoint.ToString(),
        "AWS_REGION" => Region,
        _ => null,
    };

    /// <summary>What serverless.template and the documents stack create, and the product template in its bucket.</summary>
    private async Task SetUpAccountAsync(AwsEndpoints endpoints)
    {
        using var dynamo = DynamoDbClients.FromEnvironment(endpoints);
        await PhaseTable.CreateAsync(dynamo, TableName);
        await QueryAsync(endpoints, AwsService.Sns, "2010-03-31", "CreateTopic", new QueryParameters().Add("Name", $"{Orchestrator}-Topic-EXAMPLE"));
        await QueryAsync(endpoints, AwsService.Sns, "2010-03-31", "CreateTopic", new QueryParameters().Add("Name", "wso2-team"));
        await QueryAsync(endpoints, AwsService.Iam, "2010-05-08", "CreateRole", new QueryParameters().Add("RoleName", $"{Orchestrator}-StackRole-EXAMPLE").Add("AssumeRolePolicyDocument", "{}"));
        var states = StepFunctionsClient.Create(endpoints, Credentials);
        foreach (var machine in new[] { "deployment", "teardown" })
        {
            await states.CreateStateMachineAsync(new CreateStateMachineRequest
            {
                Name = $"{Orchestrator}-{machine}",
                Definition = """{"StartAt": "Wait", "States": {"Wait": {"Type": "Wait", "Seconds": 3600, "End": true}}}""",
                RoleArn = $"arn:aws:iam::{Account}:role/{Orchestrator}-states",
            });
        }

        var ssm = AwsHttp.CreateClient(AwsService.Ssm, endpoints, Credentials);
        foreach (var document in new[] { DatabaseDocument, AgentDocument })
        {
            var body = new JsonObject
            {
                ["Name"] = document,
                ["DocumentType"] = "Command",
                ["Content"] = """{"schemaVersion": "2.2", "description": "stand-in", "parameters": {"Role": {"type": "String", "default": ""}, "TimeoutSeconds": {"type": "String", "default": "60"}, "DBPasswordParameterName": {"type": "String", "default": ""}}, "mainSteps": [{"action": "aws:runShellScript", "name": "run", "inputs": {"runCommand": ["true"]}}]}""",
            }.ToJsonString();
            var request = new HttpRequestMessage(HttpMethod.Post, _moto!.Endpoint) { Content = new StringContent(body, Encoding.UTF8) };
            request.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/x-amz-json-1.1");
            request.Headers.Add("X-Amz-Target", "AmazonSSM.CreateDocument");
            await SendAsync(ssm, request);
        }

        var s3 = AwsHttp.CreateClient(AwsService.S3, endpoints, Credentials);
        await SendAsync(s3, new HttpRequestMessage(HttpMethod.Put, new Uri(_moto!.Endpoint, TemplateBucket)));
        await SendAsync(s3, new HttpRequestMessage(HttpMethod.Put, new Uri(_moto.Endpoint, $"{TemplateBucket}/{TemplateKey}")) { Content = new StringContent(ProductTemplate, Encoding.UTF8) });
    }

    /// <summary>
    /// A product template moto's CloudFormation can create: the parameters the orchestrator sets,
    /// and a VPC with a target group (Verify reads it through the stack's resources).
    /// </summary>
    private static string ProductTemplate => new JsonObject
    {
        ["AWSTemplateFormatVersion"] = "2010-09-09",
        ["Parameters"] = new JsonObject
        {
            ["EnvironmentName"] = new JsonObject { ["Type"] = "String" },
            ["DeploymentId"] = new JsonObject { ["Type"] = "String" },
            ["PermissionsBoundaryArn"] = new JsonObject { ["Type"] = "String" },
            ["DBPasswordParameterName"] = new JsonObject { ["Type"] = "String", ["Default"] = "/wso2/dev/db-password" },
        },
        ["Resources"] = new JsonObject
        {
            ["Vpc"] = new JsonObject { ["Type"] = "AWS::EC2::VPC", ["Properties"] = new JsonObject { ["CidrBlock"] = "10.0.0.0/16" } },
            ["ApimHttpsTargetGroup"] = new JsonObject
            {
                ["Type"] = "AWS::ElasticLoadBalancingV2::TargetGroup",
                ["Properties"] = new JsonObject { ["VpcId"] = new JsonObject { ["Ref"] = "Vpc" }, ["Port"] = 9443, ["Protocol"] = "HTTPS" },
            },
        },
        ["Outputs"] = new JsonObject
        {
            ["PublisherUrl"] = new JsonObject { ["Value"] = "https://wso2-env-dev.example.test/publisher" },
        },
    }.ToJsonString();

    private static async Task QueryAsync(AwsEndpoints endpoints, AwsService service, string version, string action, QueryParameters parameters) =>
        await new QueryProtocolClient(AwsHttp.CreateClient(service, endpoints, Credentials), service.SigningName, version).SendAsync(action, parameters, default);

    private static async Task SendAsync(HttpClient http, HttpRequestMessage request)
    {
        using (request)
        {
            using var response = await http.SendAsync(request);
            response.StatusCode.Should().BeOneOf(HttpStatusCode.OK, HttpStatusCode.NoContent);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_moto is not null)
        {
            await _moto.DisposeAsync();
        }
    }

    private sealed class DiscardedMetrics : Domain.Ports.IMetricSink
    {
        public void Emit(string emfLine)
        {
        }
    }
}
