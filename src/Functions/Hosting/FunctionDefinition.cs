using Wso2Serverless.Runtime;

namespace Wso2Serverless.Functions.Hosting;

/// <summary>
/// One Lambda function: the <c>_HANDLER</c> value that selects it, what it is for, and how to
/// build it from the services. <c>serverless.template</c> has exactly one resource per entry.
/// </summary>
public sealed record FunctionDefinition(string Handler, string Description, Func<FunctionServices, ILambdaHandler> Create);
