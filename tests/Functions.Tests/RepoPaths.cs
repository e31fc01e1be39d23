namespace Wso2Serverless.Functions.Tests;

/// <summary>Finds files of the repository from the test's output folder.</summary>
internal static class RepoPaths
{
    public static string Root { get; } = FindRoot();

    public static string StateMachine(string file) => Path.Combine(Root, "src", "StateMachine", file);

    private static string FindRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Wso2Serverless.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("Wso2Serverless.sln not found above " + AppContext.BaseDirectory);
    }
}
