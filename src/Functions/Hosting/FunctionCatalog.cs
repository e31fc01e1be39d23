namespace Wso2Serverless.Functions.Hosting;

/// <summary>
/// The one list of functions. The bootstrap picks from it by <c>_HANDLER</c>, the simulator
/// invokes through it, and the template test checks <c>serverless.template</c> against it.
/// Each area adds its functions in its own file (FunctionCatalog.*.cs).
/// </summary>
public static partial class FunctionCatalog
{
    public static IReadOnlyList<FunctionDefinition> All { get; } =
        [.. WorkflowFunctions().Select(TaskLogScope.Wrap), .. EventFunctions(), .. EntryPointFunctions()];

    public static FunctionDefinition? Find(string handler) =>
        All.FirstOrDefault(f => string.Equals(f.Handler, handler, StringComparison.Ordinal));

    /// <summary>The deployment workflow's task functions.</summary>
    private static partial IEnumerable<FunctionDefinition> WorkflowFunctions();

    /// <summary>Functions fed by EventBridge: the event router and the execution-status handler.</summary>
    private static partial IEnumerable<FunctionDefinition> EventFunctions();

    /// <summary>The API and the scheduler.</summary>
    private static partial IEnumerable<FunctionDefinition> EntryPointFunctions();
}
