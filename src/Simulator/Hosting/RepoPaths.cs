namespace Wso2Serverless.Simulator.Hosting;

/// <summary>
/// Where the files simulate runs on live in the repository: the ASL definition, the product
/// template and the Node runner. Found by walking up from the binary (or <c>WSO2_REPO_ROOT</c>),
/// so the built simulator works from bin/ and from the tests alike.
/// </summary>
public sealed record RepoPaths(string Root)
{
    public string Definition => Path.Combine(Root, "src", "StateMachine", "deployment.asl.json");
    public string TeardownDefinition => Path.Combine(Root, "src", "StateMachine", "teardown.asl.json");
    /// <summary>The SSM command documents (what the nodes run).</summary>
    public string CommandDocuments => Path.Combine(Root, "templates", "ssm");
    /// <summary>The orchestrator's SAM template (the API's routes).</summary>
    public string ServerlessTemplate => Path.Combine(Root, "serverless.template");
    public string Template => Path.Combine(Root, "templates", "pattern-1.yaml");
    public string RunnerDirectory => Path.Combine(Root, "tools", "asl-runner");

    public static RepoPaths Locate()
    {
        if (Environment.GetEnvironmentVariable("WSO2_REPO_ROOT") is { Length: > 0 } configured)
        {
            return new RepoPaths(configured);
        }

        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "tools", "asl-runner", "runner.mjs")))
            {
                return new RepoPaths(dir.FullName);
            }
        }

        throw new DirectoryNotFoundException("Cannot find the repository (tools/asl-runner/runner.mjs); set WSO2_REPO_ROOT.");
    }
}
