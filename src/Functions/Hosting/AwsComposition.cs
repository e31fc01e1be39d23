using Wso2Serverless.Aws;
using Wso2Serverless.Aws.CloudFormation;
using Wso2Serverless.Aws.DynamoDb;
using Wso2Serverless.Aws.Ec2;
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
            Commands = new SsmCommandService(SsmClients.FromEnvironment(endpoints)),
            Workflow = new StepFunctionsWorkflowService(StepFunctionsClient.Create(endpoints)),
            Deployments = new DynamoDeploymentStore(dynamoDb, options),
            Locks = new DynamoLockStore(dynamoDb, options),
            Tokens = new DynamoTokenStore(dynamoDb, options),
            Environments = new DynamoEnvironmentStore(dynamoDb, options),
            Notifier = new SnsNotifier(SnsClient.Create(endpoints)),
            // Certificates are validated: the product's published endpoints are what users reach.
            Probe = new HttpEndpointProbe(HttpEndpointProbe.CreateClient()),
            Images = new Ec2ImageCatalog(Ec2Client.Create(endpoints), endpoints.Region),
            Templates = new S3TemplateSource(new S3ObjectReader(endpoints)),
            Clock = SystemClock.Instance,
        };
    }
}
