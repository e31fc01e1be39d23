using System.Text.Json.Nodes;

namespace Wso2Serverless.Benchmarks;

/// <summary>
/// Warm invocations of every function: the executable (the AOT bootstrap that ships) serves the
/// same event many times from a local Runtime API, and every AWS call it makes is answered at
/// once by <see cref="AwsStub"/>, so the figures are our code's: wall time per invocation (which
/// still includes the loopback round trips to the stub) and the function process's CPU time (which
/// does not include the stub at all). The first invocations of each process are discarded (the
/// cold one and the first code paths). Every answer must be a success of the function's own shape:
/// a function that fails fast cannot pass for a fast one.
/// </summary>
internal static class WarmPath
{
    private const int Discarded = 5;

    private sealed record Function(string Handler, Func<JsonObject?, string> Event, string Expect);

    public static async Task<int> RunAsync(Options options)
    {
        var file = options.Text("--aot", "artifacts/publish/bootstrap");
        var invocations = options.Int("--invocations", 200);
        if (!File.Exists(file))
        {
            Out.Error($"warm: {file} does not exist (scripts/bench.sh builds it)");
            return 2;
        }

        using var stub = new AwsStub();
        JsonObject? deployment = null;
        var status = 0;
        Out.Line($"warm: {invocations} invocations per function after {Discarded} discarded, AWS answered by a loopback stub; load {Load()}");
        foreach (var function in Functions())
        {
            var eventJson = function.Event(deployment);
            stub.StackNamed = function.Handler != "create-stack";
            stub.RecordExists = function.Handler != "accept";
            using var api = new RepeatingRuntimeApi(eventJson);
            using var lambda = LambdaProcess.Start(file, [], api.Port, function.Handler, stub.Endpoint);
            var calls = new List<int>();
            var timed = await api.ServeAsync(
                Discarded + invocations,
                () => ProcessMemory.CpuMs(lambda.Process.Id),
                i =>
                {
                    if (i > Discarded)
                    {
                        calls.Add(stub.Total);
                    }

                    stub.Reset();
                },
                TimeSpan.FromMinutes(5)).ConfigureAwait(false);
            calls.Add(stub.Total);

            var failed = timed.FirstOrDefault(t => t.Kind != "response" || !t.Body.Contains(function.Expect, StringComparison.Ordinal));
            if (failed is not null || timed.Count < Discarded + invocations)
            {
                Out.Line($"warm {function.Handler}: FAILED ({failed?.Kind}: {failed?.Body}; AWS calls: {string.Join(", ", stub.ByOperation.Select(p => $"{p.Key} {p.Value}"))})");
                Out.Error($"{lambda.Output}");
                status = 1;
                continue;
            }

            if (function.Handler == "accept")
            {
                deployment = JsonNode.Parse(timed[^1].Body)!["deployment"]!.AsObject();
            }

            var warm = timed.Skip(Discarded).ToList();
            Out.Line($"warm {function.Handler,-20} wall median {Stats.Median([.. warm.Select(t => t.WallMs)]),6:F2} ms  p99 {Stats.Percentile([.. warm.Select(t => t.WallMs)], 99),6:F2} ms | CPU median {Stats.Median([.. warm.Select(t => t.CpuMs)]),6:F2} ms  p99 {Stats.Percentile([.. warm.Select(t => t.CpuMs)], 99),6:F2} ms | AWS calls {Calls(calls)} (first invocation {timed[0].WallMs:F1} ms)");
        }

        Out.Line($"warm: load {Load()} at the end");
        return status;
    }

    /// <summary>Requests per warm invocation: one number when every invocation made the same.</summary>
    private static string Calls(List<int> calls) =>
        calls.Min() == calls.Max() ? $"{calls.Min()}" : $"{calls.Min()}-{calls.Max()}";

    private static string Load() => string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ')[..3]);

    /// <summary>Each function with an event it handles in full against the stub, in workflow order.</summary>
    private static IEnumerable<Function> Functions()
    {
        const string id = AwsStub.DeploymentId;
        var execution = $"arn:aws:states:{AwsStub.Region}:{AwsStub.Account}:execution:wso2-deployment:{id}";
        var topic = $"arn:aws:sns:{AwsStub.Region}:{AwsStub.Account}:wso2-serverless";
        string Task(JsonObject? deployment, JsonObject extra)
        {
            extra["deployment"] = deployment!.DeepClone();
            return extra.ToJsonString();
        }

        yield return new("accept", _ => new JsonObject
        {
            ["executionName"] = id,
            ["executionArn"] = execution,
            ["startedAt"] = "2026-12-01T09:00:00Z",
            ["input"] = JsonNode.Parse("""{"environment":"dev","stackName":"wso2-dev","parameters":{"KeyPairName":"ops"},"secrets":{"DBPassword":"/wso2/dev/db-password"}}"""),
        }.ToJsonString(), "\"accepted\":true");
        yield return new("remove-old-stack", d => Task(d, new JsonObject { ["taskToken"] = "bench-token" }), "\"mode\":\"started\"");
        yield return new("create-stack", d => Task(d, new JsonObject { ["taskToken"] = "bench-token" }), "\"mode\":\"started\"");
        yield return new("await-puppet-master", d => Task(d, new JsonObject { ["taskToken"] = "bench-token" }), "\"mode\":\"started\"");
        yield return new("run-database-scripts", d => Task(d, new JsonObject { ["taskToken"] = "bench-token" }), "\"mode\":\"started\"");
        yield return new("run-puppet-agent", d => Task(d, new JsonObject { ["taskToken"] = "bench-token", ["agent"] = new JsonObject { ["role"] = "apim", ["maxConcurrency"] = "1" } }), "\"mode\":\"started\"");
        yield return new("reconcile", d => Task(d, new JsonObject
        {
            ["phase"] = "CreateStack",
            ["timeout"] = new JsonObject { ["Error"] = "States.Timeout", ["Cause"] = "no event within the wait" },
            ["enteredTime"] = "2026-12-01T10:00:00Z",
        }), "\"outcome\":\"Succeeded\"");
        yield return new("verify", d => Task(d, []), "\"healthy\":true");
        yield return new("complete", d => Task(d, new JsonObject { ["executionArn"] = execution, ["defaultTopicArn"] = topic }), "\"publish\"");
        yield return new("record-failure", d => Task(d, new JsonObject
        {
            ["phase"] = "CreateStack",
            ["executionName"] = id,
            ["executionArn"] = execution,
            ["error"] = new JsonObject { ["Error"] = "Wso2.StackFailed", ["Cause"] = "ROLLBACK_COMPLETE: Db AWS::RDS::DBInstance subnet group" },
            ["defaultTopicArn"] = topic,
        }), "\"publish\"");
        yield return new("event-router", _ => Event("aws.cloudformation", "CloudFormation Stack Status Change", AwsStub.StackId, new JsonObject
        {
            ["stack-id"] = AwsStub.StackId,
            ["status-details"] = new JsonObject { ["status"] = "CREATE_COMPLETE", ["detailed-status"] = "" },
        }), "\"action\":\"completed\"");
        yield return new("execution-status", _ => Event("aws.states", "Step Functions Execution Status Change", execution, new JsonObject
        {
            ["executionArn"] = execution,
            ["stateMachineArn"] = $"arn:aws:states:{AwsStub.Region}:{AwsStub.Account}:stateMachine:wso2-deployment",
            ["name"] = id,
            ["status"] = "FAILED",
            ["startDate"] = 1764579600000,
            ["stopDate"] = 1764583200000,
            ["error"] = "States.Runtime",
            ["cause"] = "an unexpected failure outside every Catch",
        }), "\"action\":\"closed\"");
        yield return new("api", _ => new JsonObject
        {
            ["version"] = "2.0",
            ["routeKey"] = "$default",
            ["rawPath"] = $"/deployments/{id}",
            ["rawQueryString"] = "",
            ["headers"] = new JsonObject { ["host"] = "abc123.execute-api.us-east-1.amazonaws.com" },
            ["requestContext"] = new JsonObject
            {
                ["accountId"] = AwsStub.Account,
                ["apiId"] = "abc123",
                ["domainName"] = "abc123.execute-api.us-east-1.amazonaws.com",
                ["requestId"] = "bench",
                ["stage"] = "$default",
                ["http"] = new JsonObject { ["method"] = "GET", ["path"] = $"/deployments/{id}", ["protocol"] = "HTTP/1.1", ["sourceIp"] = "203.0.113.9" },
                ["authorizer"] = new JsonObject { ["iam"] = new JsonObject { ["userArn"] = $"arn:aws:iam::{AwsStub.Account}:user/operator" } },
            },
        }.ToJsonString(), "\"statusCode\":200");
        yield return new("scheduler", _ => new JsonObject
        {
            ["id"] = "bench-tick",
            ["source"] = "aws.events",
            ["detail-type"] = "Scheduled Event",
            ["time"] = "2026-12-01T03:00:00Z",
        }.ToJsonString(), "\"action\":\"not-due\"");
    }

    private static string Event(string source, string detailType, string resource, JsonObject detail) => new JsonObject
    {
        ["version"] = "0",
        ["id"] = "bench-event",
        ["detail-type"] = detailType,
        ["source"] = source,
        ["account"] = AwsStub.Account,
        ["time"] = "2026-12-01T09:40:00Z",
        ["region"] = AwsStub.Region,
        ["resources"] = new JsonArray(resource),
        ["detail"] = detail,
    }.ToJsonString();
}
