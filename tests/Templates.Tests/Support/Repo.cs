namespace Wso2Serverless.Templates.Tests.Support;

/// <summary>Where the templates under test and the upstream reference live.</summary>
public static class Repo
{
    public static string Root { get; } = FindRoot();

    public static string Templates => Path.Combine(Root, "templates");

    public static string OurTemplate => Path.Combine(Templates, "pattern-1.yaml");

    /// <summary>Upstream's template, kept beside the work tree (see shared/reference/SOURCE.md).</summary>
    public static string UpstreamTemplate =>
        Environment.GetEnvironmentVariable("WSO2_UPSTREAM_TEMPLATE")
        ?? Path.GetFullPath(Path.Combine(Root, "..", "shared", "reference", "wso2-aws-apim", "product", "pattern-1.yaml"));

    public static string Document(string name) => Path.Combine(Templates, "ssm", name);

    private static string FindRoot()
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
