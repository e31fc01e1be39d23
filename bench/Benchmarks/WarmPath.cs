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

    /// <param name="Label">The row of src/Aws/DynamoDb/README.md's round-trip tables this invocation is (null: none).</param>
    private sealed record Function(string Handler, Func<JsonObject?, string> Event, string Expect, string? Label = null);


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
        var trips = new List<(string Label, string Table, int DynamoDb, int StepFunctions, int Other)>();
        Out.Line($"warm: {invocations} invocations per function after {Discarded} discarded, AWS answered by a loopback stub; load {Load()}");
        foreach (var function in Functions())
        {
            var eventJson = function.Event(deployment);
            stub.StackNamed = function.Handler != "create-stack";
            stub.RecordExists = function.Handler != "accept";
            stub.LastPhaseOpen = function.Handler != "complete";
            using var api = new RepeatingRuntimeApi(eventJson);
            using var lambda = LambdaProcess.Start(file, [], api.Port, function.Handler, stub.Endpoint);
            var calls = new List<int>();
            IReadOnlyDictionary<string, int> lastByService = new Dictionary<string, int>();
            var timed = await api.ServeAsync(
                Discarded + invocations,
                () => ProcessMemory.CpuMs(lambda.Process.Id),
                i =>
                {
                    if (i > Discarded)
                    {
                        calls.Add(stub.Total);
                        lastByService = stub.ByService;
                    }

                    stub.Reset();
                },
                TimeSpan.FromMinutes(5)).ConfigureAwait(false);
            calls.Add(stub.Total);
            lastByService = stub.ByService;

            var failed = timed.FirstOrDefault(t => t.Kind != "response" || !t.Body.Contains(function.Expect, StringComparison.Ordinal));
            if (failed is not null || timed.Count < Discarded + invocations)
            {
                Out.Line($"warm {Name(function)}: FAILED ({failed?.Kind}: {failed?.Body}; AWS calls: {string.Join(", ", stub.ByOperation.Select(p => $"{p.Key} {p.Value}"))})");
                Out.Error($"{(lambda.Output.Length > 4000 ? lambda.Output[..4000] : lambda.Output)}");
                status = 1;
                continue;
            }

            if (function.Label is { } label)
            {
                trips.Add((label, function.Handler == "event-router" ? RoundTrips.RouterTable : RoundTrips.TaskTable,
                    lastByService.GetValueOrDefault(AwsStub.DynamoDbService), lastByService.GetValueOrDefault(AwsStub.StepFunctionsService), lastByService.GetValueOrDefault(AwsStub.OtherService)));
            }

            if (function.Handler == "accept")
            {
                deployment = JsonNode.Parse(timed[^1].Body)!["deployment"]!.AsObject();
            }

            var warm = timed.Skip(Discarded).ToList();
            Out.Line($"warm {Name(function),-28} wall median {Stats.Median([.. warm.Select(t => t.WallMs)]),6:F2} ms  p99 {Stats.Percentile([.. warm.Select(t => t.WallMs)], 99),6:F2} ms | CPU median {Stats.Median([.. warm.Select(t => t.CpuMs)]),6:F2} ms  p99 {Stats.Percentile([.. warm.Select(t => t.CpuMs)], 99),6:F2} ms | AWS calls {Calls(calls)} (first invocation {timed[0].WallMs:F1} ms)");
        }

        Out.Line($"warm: load {Load()} at the end");
        return RoundTrips.Print(trips, options.Text("--readme", Path.Combine("src", "Aws", "DynamoDb", "README.md"))) == 0 ? status : 1;
    }

    private static string Name(Function f) => f.Handler == "event-router" && f.Label is { } label ? $"event-router ({label.Split(',')[0]})" : f.Handler;

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
        }.ToJsonString(), "\"accepted\":true", "Accept");
        yield return new("remove-old-stack", d => Task(d, new JsonObject { ["taskToken"] = "bench-token" }), "\"mode\":\"started\"");
        yield return new("create-stack", d => Task(d, new JsonObject { ["taskToken"] = "bench-token" }), "\"mode\":\"started\"", "CreateStack");
        yield return new("await-puppet-master", d => Task(d, new JsonObject { ["taskToken"] = "bench-token" }), "\"mode\":\"started\"", "AwaitPuppetMaster");
        yield return new("run-database-scripts", d => Task(d, new JsonObject { ["taskToken"] = "bench-token" }), "\"mode\":\"started\"", "RunDatabaseScripts");
        yield return new("run-puppet-agent", d => Task(d, new JsonObject { ["taskToken"] = "bench-token", ["agent"] = new JsonObject { ["role"] = "apim", ["maxConcurrency"] = "1" } }), "\"mode\":\"started\"", "RunPuppetAgent");
        yield return new("reconcile", d => Task(d, new JsonObject
        {
            ["phase"] = "CreateStack",
            ["timeout"] = new JsonObject { ["Error"] = "States.Timeout", ["Cause"] = "no event within the wait" },
            ["enteredTime"] = "2026-12-01T10:00:00Z",
        }), "\"outcome\":\"Succeeded\"");
        yield return new("verify", d => Task(d, []), "\"healthy\":true", "Verify");
        yield return new("complete", d => Task(d, new JsonObject { ["executionArn"] = execution, ["defaultTopicArn"] = topic }), "\"notified\":true", "Complete");
        yield return new("record-failure", d => Task(d, new JsonObject
        {
            ["phase"] = "CreateStack",
            ["executionName"] = id,
            ["executionArn"] = execution,
            ["error"] = new JsonObject { ["Error"] = "Wso2.StackFailed", ["Cause"] = "ROLLBACK_COMPLETE: Db AWS::RDS::DBInstance subnet group" },
            ["defaultTopicArn"] = topic,
        }), "\"notified\":true");
        yield return new("event-router", _ => Event("aws.cloudformation", "CloudFormation Stack Status Change", AwsStub.StackId, new JsonObject
        {
            ["stack-id"] = AwsStub.StackId,
            ["status-details"] = new JsonObject { ["status"] = "CREATE_COMPLETE", ["detailed-status"] = "" },
        }), "\"action\":\"completed\"", "stack CREATE_COMPLETE, awaited");
        yield return new("event-router", _ => Event("aws.ssm", "EC2 Command Status-change Notification", AwsStub.CommandId, new JsonObject
        {
            ["command-id"] = AwsStub.CommandId,
            ["document-name"] = "wso2-run-puppet-agent",
            ["requested-date-time"] = "2026-12-01T09:30:00.000Z",
            ["status"] = "Success",
        }, resources: []), "\"action\":\"completed\"", "command Success, awaited");
        yield return new("event-router", _ => Event("wso2.orchestrator", "Puppet Master Signal", id, new JsonObject
        {
            ["deploymentId"] = id,
            ["stage"] = "ready",
            ["status"] = "READY",
        }, resources: []), "\"action\":\"completed\"", "signal READY, awaited");
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

    private static string Event(string source, string detailType, string resource, JsonObject detail, JsonArray? resources = null) => new JsonObject
    {
        ["version"] = "0",
        ["id"] = "bench-event",
        ["detail-type"] = detailType,
        ["source"] = source,
        ["account"] = AwsStub.Account,
        ["time"] = "2026-12-01T09:40:00Z",
        ["region"] = AwsStub.Region,
        ["resources"] = resources ?? new JsonArray(resource),
        ["detail"] = detail,
    }.ToJsonString();
}
