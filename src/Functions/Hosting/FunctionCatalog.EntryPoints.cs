namespace Wso2Serverless.Functions.Hosting;

public static partial class FunctionCatalog
{
    private static partial IEnumerable<FunctionDefinition> EntryPointFunctions() => [];
}
