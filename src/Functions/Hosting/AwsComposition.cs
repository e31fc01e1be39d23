using Wso2Serverless.Aws;
using Wso2Serverless.Aws.Acm;
using Wso2Serverless.Aws.CloudFormation;
using Wso2Serverless.Aws.DynamoDb;
using Wso2Serverless.Aws.Ec2;
using Wso2Serverless.Aws.ElasticLoadBalancing;
using Wso2Serverless.Aws.Iam;
using Wso2Serverless.Aws.Probing;
using Wso2Serverless.Aws.S3;
using Wso2Serverless.Aws.Sns;
using Wso2Serverless.Aws.Ssm;
using Wso2Serverless.Aws.StepFunctions;
using Wso2Serverless.Domain.Ports;

namespace Wso2Serverless.Functions.Hosting;

/// <summary>
/// Builds <see cref="FunctionServices"/> from the AWS adapters, as the Lambda bootstrap needs them.
/// Every client resolves its endpoint through one <see cref="AwsEndpoints"/>, so pointing
/// <c>AWS_ENDPOINT_URL</c> at moto moves the whole function onto it.
/// </summary>
public static class AwsComposition
{
    public static FunctionServices Create(OrchestratorSettings settings) =>
        Create(settings, new AwsEndpoints());

    public static FunctionServices Create(OrchestratorSettings settings, AwsEndpoints endpoints)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(endpoints);
        var options = new PhaseStoreOptions { TableName = settings.TableName, RecordRetention = settings.RecordRetention };
        // One DynamoDB client for the four stores: it holds the connection pool a warm Lambda reuses.
        var dynamoDb = DynamoDbClients.FromEnvironment(endpoints);
        var cloudFormation = CloudFormationClient.Create(endpoints);
        return new FunctionServices
        {
            Settings = settings,
            Stacks = new CloudFormationStackService(cloudFormation, settings.StackRoleArn),
            Commands = new SsmCommandService(SsmClients.FromEnvironment(endpoints), SsmClients.SenderFromEnvironment(endpoints)),
            Workflow = new StepFunctionsWorkflowService(StepFunctionsClient.Create(endpoints)),
            Deployments = new DynamoDeploymentStore(dynamoDb, options),
            Locks = new DynamoLockStore(dynamoDb, options),
            Tokens = new DynamoTokenStore(dynamoDb, options),
            Environments = new DynamoEnvironmentStore(dynamoDb, options),
            Notifier = new SnsNotifier(SnsClient.Create(endpoints)),
            // Trusts only the stack's own listener certificates (see HttpEndpointProbe).
            Probe = new HttpEndpointProbe(),
            LoadBalancer = new StackLoadBalancer(cloudFormation, ElasticLoadBalancingClient.Create(endpoints), IamClient.Create(endpoints), AcmClient.Create(endpoints)),
            Images = new Ec2ImageCatalog(Ec2Client.Create(endpoints), endpoints.Region),
            Templates = new S3TemplateSource(new S3ObjectReader(endpoints)),
            Clock = SystemClock.Instance,
        };
    }
}
