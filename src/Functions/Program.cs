using Wso2Serverless.Functions.Hosting;
using Wso2Serverless.Runtime;

// The bootstrap of every function: _HANDLER picks one from the catalog. The services are composed
// only once the name is known to exist, so a typo reports "no such handler", not an AWS error.
return await LambdaHost.RunAsync(
    Environment.GetEnvironmentVariable("_HANDLER"),
    static handler => FunctionCatalog.Find(handler) is { } function
        ? function.Create(AwsComposition.Create(OrchestratorSettings.FromEnvironment(Environment.GetEnvironmentVariable)))
        : null).ConfigureAwait(false);
