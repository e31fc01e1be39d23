using System.Diagnostics;
using System.Text;

namespace Wso2Serverless.Benchmarks;

/// <summary>
/// The function executable started as Lambda starts a provided.al2023 function: the Runtime API
/// address, the handler, the role's keys, and the configuration serverless.template gives every
/// function. Standard output and error are collected (the bench prints them when something fails).
/// </summary>
internal sealed class LambdaProcess : IDisposable
{
    private readonly StringBuilder _output = new();

    private LambdaProcess(Process process) => Process = process;

    public Process Process { get; }

    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    /// <param name="arguments">For a framework-dependent build started through <c>dotnet</c>: the dll.</param>
    /// <param name="awsEndpoint">Where every AWS client goes (AWS_ENDPOINT_URL).</param>
    public static LambdaProcess Start(string file, IEnumerable<string> arguments, int runtimeApiPort, string handler, Uri awsEndpoint)
    {
        var start = new ProcessStartInfo(file) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in arguments)
        {
            start.ArgumentList.Add(a);
        }

        const string arnPrefix = $"arn:aws:states:{AwsStub.Region}:{AwsStub.Account}";
        var environment = start.Environment;
        environment["AWS_LAMBDA_RUNTIME_API"] = $"127.0.0.1:{runtimeApiPort}";
        environment["_HANDLER"] = handler;
        environment["AWS_LAMBDA_FUNCTION_NAME"] = "bench-" + handler;
        environment["AWS_LAMBDA_FUNCTION_MEMORY_SIZE"] = "256";
        environment["AWS_REGION"] = AwsStub.Region;
        // Dummies: the stub (like moto) routes by the credential scope and checks no signature.
        environment["AWS_ACCESS_KEY_ID"] = "bench";
        environment["AWS_SECRET_ACCESS_KEY"] = "bench";
        environment["AWS_SESSION_TOKEN"] = "bench";
        environment["AWS_ENDPOINT_URL"] = awsEndpoint.ToString();
        environment["TABLE_NAME"] = "wso2-serverless";
        environment["STATE_MACHINE_ARN"] = $"{arnPrefix}:stateMachine:wso2-deployment";
        environment["TEARDOWN_STATE_MACHINE_ARN"] = $"{arnPrefix}:stateMachine:wso2-teardown";
        environment["TOPIC_ARN"] = $"arn:aws:sns:{AwsStub.Region}:{AwsStub.Account}:wso2-serverless";
        environment["BUNDLED_TEMPLATE_URL"] = "https://wso2-serverless-artifacts.s3.amazonaws.com/pattern-1.yaml";
        environment["DATABASE_DOCUMENT_NAME"] = "wso2-run-database-scripts";
        environment["AGENT_DOCUMENT_NAME"] = "wso2-run-puppet-agent";
        environment["STACK_ROLE_ARN"] = $"arn:aws:iam::{AwsStub.Account}:role/wso2-stack";
        environment["API_BASE_URL"] = "https://abc123.execute-api.us-east-1.amazonaws.com";
        environment["STACK_NAME_PREFIX"] = "wso2-";

        var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {file}");
        var started = new LambdaProcess(process);
        process.OutputDataReceived += (_, e) => started.Append(e.Data);
        process.ErrorDataReceived += (_, e) => started.Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return started;
    }

    public void Dispose()
    {
        if (!Process.HasExited)
        {
            Process.Kill(entireProcessTree: true);
        }

        Process.WaitForExit();
        Process.Dispose();
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.AppendLine(line);
        }
    }
}
