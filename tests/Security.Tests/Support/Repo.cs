namespace Wso2Serverless.Security.Tests.Support;

/// <summary>The repository root (above the test binaries), where the templates and tools live.</summary>
public static class Repo
{
    public static string Root { get; } = Find();

    private static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Wso2Serverless.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Wso2Serverless.sln not found above the test binaries.");
    }
}
