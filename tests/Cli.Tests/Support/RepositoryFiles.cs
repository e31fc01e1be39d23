using System.Reflection;

namespace Wso2Serverless.Cli.Tests.Support;

/// <summary>Paths of files the tests read: the repository (found by its solution file) and ../shared beside it.</summary>
internal static class RepositoryFiles
{
    public static string Root { get; } = FindRoot();

    public static string Shared(params string[] parts) => Path.Combine([Path.GetDirectoryName(Root)!, "shared", .. parts]);

    public static string InRepo(params string[] parts) => Path.Combine([Root, .. parts]);

    /// <summary>The built wso2ctl.dll (see the csproj's CliDll metadata).</summary>
    public static string CliDll { get; } = Built("CliDll");

    /// <summary>The built simulate.dll (see the csproj's SimulateDll metadata).</summary>
    public static string SimulateDll { get; } = Built("SimulateDll");

    private static string Built(string key) => typeof(RepositoryFiles).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
        .Single(a => a.Key == key).Value!;

    private static string FindRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Wso2Serverless.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new FileNotFoundException("Wso2Serverless.sln not found above " + AppContext.BaseDirectory);
    }
}
