using Wso2Serverless.Functions.Hosting.Permissions;
using Wso2Serverless.Runtime;

namespace Wso2Serverless.Functions.Hosting;

/// <summary>
/// One Lambda function: the <c>_HANDLER</c> value that selects it, what it is for, how to build it
/// from the services, and the IAM statements its role holds (<see cref="Permissions"/>).
/// <c>serverless.template</c> has exactly one resource per entry, whose Policies are these statements.
/// </summary>
public sealed record FunctionDefinition(string Handler, string Description, Func<FunctionServices, ILambdaHandler> Create)
{
    /// <summary>Every AWS permission the function needs, and no other (declared once, here; tests hold the template and the recorded calls to it).</summary>
    public IReadOnlyList<Grant> Permissions { get; init; } = [];
}
