using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using System.Web;

namespace Wso2Serverless.Benchmarks;

/// <summary>
/// Every AWS service the functions call, on one loopback port, answering at once with canned but
/// valid answers of the real wire protocols (DynamoDB and Step Functions JSON 1.0, SSM JSON 1.1,
/// CloudFormation, SNS and ELBv2 Query/XML, EC2's dialect of it), the product template from S3
/// (templates/pattern-1.yaml, as the bundled template URL names it) and 200 to the Verify probes.
/// Stateless: every invocation of
/// the warm-path bench sees one deployment mid-run (record Running, lock held by it, phase open,
/// token registered, stack complete, commands succeeded), so a function's happy path runs whole
/// and no emulator's time is counted. It counts requests by operation.
/// </summary>
internal sealed class AwsStub : IDisposable
{
    public const string DeploymentId = "dev-20261201-0900";
    public const string Environment = "dev";
    public const string StackName = "wso2-dev";
    public const string Account = "123456789012";
    public const string Region = "us-east-1";
    public const string StackId = $"arn:aws:cloudformation:{Region}:{Account}:stack/{StackName}/1d9f4a60-cf0e-11f0-8de9-0a1b2c3d4e5f";
    public const string CommandId = "7f0c8f86-32d4-4f6c-9d7e-3c5bb8c1f0aa";
    public const string DynamoDbService = "DynamoDB";
    public const string StepFunctionsService = "Step Functions";
    public const string OtherService = "other";
    private const string Started = "2026-12-01T09:00:00.0000000Z";

    /// <summary>Where the S3 client asks for the bundled template (path-style, as with any endpoint override).</summary>
    private const string TemplatePath = "/wso2-serverless-artifacts/";

    private readonly Lazy<string> _template = new(() => File.ReadAllText(Path.Combine("templates", "pattern-1.yaml")));
    private readonly HttpListener _listener = new();
    private readonly ConcurrentDictionary<string, int> _calls = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, int> _byService = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _serving;

    public AwsStub()
    {
        Port = Loopback.FreePort();
        _listener.Prefixes.Add($"http://127.0.0.1:{Port}/");
        _listener.Start();
        _serving = Task.Run(ServeAsync);
    }

    public int Port { get; }

    public Uri Endpoint => new($"http://127.0.0.1:{Port}/");

    /// <summary>Requests answered so far, all operations together.</summary>
    public int Total => _calls.Values.Sum();

    public IReadOnlyDictionary<string, int> ByOperation => new Dictionary<string, int>(_calls, StringComparer.Ordinal);

    /// <summary>
    /// Whether a stack answers to its name. Off for CreateStack, which first makes sure no stack of
    /// that name is there; found by its ARN either way.
    /// </summary>
    public bool StackNamed { get; set; } = true;

    /// <summary>
    /// Whether the run's last phase is still Running, as it is when a task follows a callback wait
    /// (its task closes it). Off for Complete: Verify closed its own phase.
    /// </summary>
    public bool LastPhaseOpen { get; set; } = true;

    /// <summary>Whether the deployment record exists. Off for Accept, which creates it.</summary>
    public bool RecordExists { get; set; } = true;

    /// <summary>Requests answered so far by service: DynamoDB, Step Functions, other (CloudFormation, SSM, SNS, ELB, EC2, S3, probes).</summary>
    public IReadOnlyDictionary<string, int> ByService => new Dictionary<string, int>(_byService, StringComparer.Ordinal);

    public void Reset()
    {
        _calls.Clear();
        _byService.Clear();
    }

    public void Dispose()
    {
        _stop.Cancel();
        _listener.Close();
        try
        {
            _serving.Wait(TimeSpan.FromSeconds(5));
        }
        catch (AggregateException)
        {
            // The listener was closed under a pending accept: that is how serving ends.
        }

        _stop.Dispose();
    }

    private async Task ServeAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync().ConfigureAwait(false);
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            _ = Task.Run(() => AnswerAsync(context));
        }
    }

    private async Task AnswerAsync(HttpListenerContext context)
    {
        var request = context.Request;
        using var reader = new StreamReader(request.InputStream, Encoding.UTF8);
        var body = await reader.ReadToEndAsync().ConfigureAwait(false);
        var target = request.Headers["X-Amz-Target"];
        (string Operation, string ContentType, string Body, int Status) answer;
        if (target is not null)
        {
            var dot = target.IndexOf('.', StringComparison.Ordinal);
            var (prefix, operation) = (target[..dot], target[(dot + 1)..]);
            var json = JsonNode.Parse(body.Length == 0 ? "{}" : body)!.AsObject();
            answer = prefix switch
            {
                "DynamoDB_20120810" => (operation, "application/x-amz-json-1.0", DynamoDb(operation, json), 200),
                "AWSStepFunctions" => (operation, "application/x-amz-json-1.0", StepFunctions(operation), 200),
                "AmazonSSM" => (operation, "application/x-amz-json-1.1", Ssm(operation), 200),
                _ => (target, "application/json", """{"__type":"UnknownOperationException","message":"not stubbed"}""", 400),
            };
        }
        else if (request.HttpMethod == "POST")
        {
            var form = HttpUtility.ParseQueryString(body);
            var action = form["Action"] ?? "";
            answer = action == "DescribeStacks" && !StackNamed && form["StackName"] is { } name && !name.StartsWith("arn:", StringComparison.Ordinal)
                ? (action, "text/xml", $"<ErrorResponse><Error><Type>Sender</Type><Code>ValidationError</Code><Message>Stack with id {name} does not exist</Message></Error><RequestId>stub</RequestId></ErrorResponse>", 400)
                : action == "DescribeImages" ? (action, "text/xml", Images(form), 200)
                : (action, "text/xml", Query(action), 200);
        }
        else if (request.Url!.AbsolutePath.StartsWith(TemplatePath, StringComparison.Ordinal))
        {
            answer = ("GetObject", "application/x-yaml", _template.Value, 200);
        }
        else
        {
            answer = ("probe " + request.Url!.AbsolutePath, "text/plain", "ok", 200);
        }

        _calls.AddOrUpdate(answer.Operation, 1, static (_, n) => n + 1);
        var service = target?.StartsWith("DynamoDB_", StringComparison.Ordinal) == true ? DynamoDbService
            : target?.StartsWith("AWSStepFunctions.", StringComparison.Ordinal) == true ? StepFunctionsService
            : OtherService;
        _byService.AddOrUpdate(service, 1, static (_, n) => n + 1);
        var bytes = Encoding.UTF8.GetBytes(answer.Body);
        context.Response.StatusCode = answer.Status;
        context.Response.ContentType = answer.ContentType;
        context.Response.ContentLength64 = bytes.Length;
        context.Response.Headers["x-amzn-RequestId"] = "stub";
        await context.Response.OutputStream.WriteAsync(bytes).ConfigureAwait(false);
        context.Response.Close();
    }

    private string DynamoDb(string operation, JsonObject request) => operation switch
    {
        "GetItem" => Item(request["Key"]) is { } item && (RecordExists || (string?)item["SK"]?["S"] != "META") ? new JsonObject { ["Item"] = item }.ToJsonString() : "{}",
        "UpdateItem" when (string?)request["ReturnValues"] == "ALL_NEW" => new JsonObject { ["Attributes"] = Item(request["Key"]) ?? Key(request["Key"]) }.ToJsonString(),
        "Query" => new JsonObject { ["Items"] = QueryItems(request), ["Count"] = 1 }.ToJsonString(),
        "PutItem" or "UpdateItem" or "DeleteItem" or "TransactWriteItems" => "{}",
        _ => """{"__type":"com.amazon.coral.service#UnknownOperationException","message":"not stubbed"}""",
    };

    /// <summary>The item a key names, as the stores wrote it mid-deployment; null for "no such item".</summary>
    private static JsonObject? Item(JsonNode? key)
    {
        var pk = (string?)key?["PK"]?["S"] ?? "";
        var sk = (string?)key?["SK"]?["S"] ?? "";
        var item = Key(key);
        if (sk == "META")
        {
            Merge(item, Deployment());
        }
        else if (sk.StartsWith("PHASE#", StringComparison.Ordinal))
        {
            Merge(item, Phase(sk["PHASE#".Length..]));
        }
        else if (pk.StartsWith("LOCK#", StringComparison.Ordinal))
        {
            Merge(item, new JsonObject
            {
                ["type"] = S("lock"), ["environment"] = S(Environment), ["deploymentId"] = S(DeploymentId),
                ["acquiredAt"] = S(Started), ["leaseExpiresAtMs"] = N(DateTimeOffset.UtcNow.AddHours(3).ToUnixTimeMilliseconds()),
            });
        }
        else if (pk.StartsWith("TOKEN#", StringComparison.Ordinal))
        {
            Merge(item, new JsonObject
            {
                ["type"] = S("token"), ["correlationKey"] = S(pk["TOKEN#".Length..]), ["taskToken"] = S("stub-task-token"),
                ["deploymentId"] = S(DeploymentId), ["phase"] = S("CreateStack"), ["registeredAt"] = S(Started),
            });
        }
        else if (pk == "ENVCFG")
        {
            Merge(item, EnvironmentConfig());
        }
        else
        {
            return null; // command claims and anything else: not there yet
        }

        return item;
    }

    private JsonArray QueryItems(JsonObject request)
    {
        var condition = (string?)request["KeyConditionExpression"] ?? "";
        if (condition.Contains("GSI1PK", StringComparison.Ordinal))
        {
            var record = Key(new JsonObject { ["PK"] = S($"DEP#{DeploymentId}"), ["SK"] = S("META") });
            Merge(record, Deployment());
            return [record];
        }

        if (condition.Contains("begins_with", StringComparison.Ordinal))
        {
            var name = LastPhaseOpen ? "CreateStack" : "Verify";
            var phase = Key(new JsonObject { ["PK"] = S($"DEP#{DeploymentId}"), ["SK"] = S($"PHASE#{name}") });
            Merge(phase, Phase(name));
            if (!LastPhaseOpen)
            {
                phase["status"] = S("Succeeded");
                phase["endedAt"] = S(Started);
            }

            return [phase];
        }

        var config = Key(new JsonObject { ["PK"] = S("ENVCFG"), ["SK"] = S(Environment) });
        Merge(config, EnvironmentConfig());
        return [config];
    }

    private static JsonObject Deployment() => new()
    {
        ["type"] = S("deployment"), ["deploymentId"] = S(DeploymentId), ["environment"] = S(Environment), ["stackName"] = S(StackName),
        ["status"] = S("Running"), ["startedAt"] = S(Started), ["trigger"] = S("console"), ["rebuild"] = new JsonObject { ["BOOL"] = false },
        ["stackId"] = S(StackId), ["executionArn"] = S($"arn:aws:states:{Region}:{Account}:execution:wso2-deployment:{DeploymentId}"),
        ["outputs"] = new JsonObject { ["M"] = new JsonObject { ["LoadBalancerDNSName"] = S("wso2-dev-alb.example.test") } },
    };

    private static JsonObject Phase(string name) => new()
    {
        ["type"] = S("phase"), ["deploymentId"] = S(DeploymentId), ["phase"] = S(name), ["status"] = S("Running"),
        ["startedAt"] = S(Started), ["attempt"] = N(1), ["writeId"] = S("stub"),
    };

    private static JsonObject EnvironmentConfig() => new()
    {
        ["type"] = S("environment"), ["environment"] = S(Environment), ["enabled"] = new JsonObject { ["BOOL"] = true },
        ["requestTemplate"] = S("""{"environment":"dev","stackName":"wso2-dev","parameters":{"KeyPairName":"ops"},"secrets":{"DBPassword":"/wso2/dev/db-password"}}"""),
        ["schedule"] = S("0 3 * * *"), ["updatedAt"] = S(Started), ["lastScheduledAt"] = S(Started),
    };

    private static string StepFunctions(string operation)
    {
        var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() / 1000.0;
        var execution = $"arn:aws:states:{Region}:{Account}:execution:wso2-deployment:{DeploymentId}";
        return operation switch
        {
            "StartExecution" => new JsonObject { ["executionArn"] = execution, ["startDate"] = now }.ToJsonString(),
            "DescribeExecution" => new JsonObject
            {
                ["executionArn"] = execution, ["stateMachineArn"] = $"arn:aws:states:{Region}:{Account}:stateMachine:wso2-deployment",
                ["name"] = DeploymentId, ["status"] = "RUNNING", ["startDate"] = now,
            }.ToJsonString(),
            "ListExecutions" => """{"executions":[]}""",
            "StopExecution" => new JsonObject { ["stopDate"] = now }.ToJsonString(),
            _ => "{}", // SendTaskSuccess, SendTaskFailure, SendTaskHeartbeat
        };
    }

    private static string Ssm(string operation)
    {
        var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() / 1000.0;
        var command = new JsonObject
        {
            ["CommandId"] = CommandId, ["DocumentName"] = "wso2-run-puppet-agent", ["Comment"] = "stub",
            ["RequestedDateTime"] = now, ["Status"] = "Success", ["InstanceIds"] = new JsonArray("i-0a1b2c3d4e5f60001"),
        };
        return operation switch
        {
            "SendCommand" => new JsonObject { ["Command"] = command }.ToJsonString(),
            "ListCommands" => new JsonObject { ["Commands"] = new JsonArray(command) }.ToJsonString(),
            "ListCommandInvocations" => new JsonObject
            {
                ["CommandInvocations"] = new JsonArray(new JsonObject { ["CommandId"] = CommandId, ["InstanceId"] = "i-0a1b2c3d4e5f60001", ["Status"] = "Success" }),
            }.ToJsonString(),
            "GetCommandInvocation" => new JsonObject
            {
                ["CommandId"] = CommandId, ["InstanceId"] = "i-0a1b2c3d4e5f60001", ["Status"] = "Success", ["ResponseCode"] = 0,
                ["StandardOutputContent"] = "Notice: Applied catalog in 42.1 seconds", ["StandardErrorContent"] = "",
            }.ToJsonString(),
            _ => """{"__type":"UnknownOperation","message":"not stubbed"}""",
        };
    }

    private string Query(string action) => action switch
    {
        "CreateStack" => Xml(action, $"<StackId>{StackId}</StackId>"),
        "DeleteStack" => Xml(action, ""),
        "DescribeStacks" => Xml(action, $"""
            <Stacks><member>
              <StackName>{StackName}</StackName><StackId>{StackId}</StackId><StackStatus>CREATE_COMPLETE</StackStatus>
              <CreationTime>2026-12-01T09:00:05Z</CreationTime>
              <Outputs>
                <member><OutputKey>PublisherUrl</OutputKey><OutputValue>{Endpoint}publisher</OutputValue></member>
                <member><OutputKey>MIHealthUrl</OutputKey><OutputValue>{Endpoint}healthz</OutputValue></member>
              </Outputs>
              <Tags><member><Key>wso2:deployment-id</Key><Value>{DeploymentId}</Value></member><member><Key>wso2:environment</Key><Value>{Environment}</Value></member></Tags>
            </member></Stacks>
            """),
        "DescribeStackEvents" => Xml(action, $"""
            <StackEvents><member>
              <StackId>{StackId}</StackId><EventId>e-1</EventId><StackName>{StackName}</StackName><LogicalResourceId>{StackName}</LogicalResourceId>
              <ResourceType>AWS::CloudFormation::Stack</ResourceType><ResourceStatus>CREATE_COMPLETE</ResourceStatus><Timestamp>2026-12-01T09:40:00Z</Timestamp>
            </member></StackEvents>
            """),
        "GetTemplateSummary" => Xml(action, """
            <Parameters>
              <member><ParameterKey>EnvironmentName</ParameterKey><ParameterType>String</ParameterType><NoEcho>false</NoEcho></member>
              <member><ParameterKey>DeploymentId</ParameterKey><ParameterType>String</ParameterType><NoEcho>false</NoEcho></member>
              <member><ParameterKey>KeyPairName</ParameterKey><ParameterType>String</ParameterType><NoEcho>false</NoEcho></member>
              <member><ParameterKey>DBPasswordParameterName</ParameterKey><ParameterType>String</ParameterType><NoEcho>false</NoEcho></member>
            </Parameters>
            <Capabilities><member>CAPABILITY_NAMED_IAM</member></Capabilities>
            """),
        "Publish" => Xml(action, "<MessageId>5a7e1d6c-8f2b-4c1e-9a3d-0b1c2d3e4f50</MessageId>"),
        "ListStackResources" => Xml(action, $"""
            <StackResourceSummaries><member>
              <LogicalResourceId>ApimTargetGroup</LogicalResourceId><PhysicalResourceId>{TargetGroupArn}</PhysicalResourceId>
              <ResourceType>AWS::ElasticLoadBalancingV2::TargetGroup</ResourceType><ResourceStatus>CREATE_COMPLETE</ResourceStatus>
              <LastUpdatedTimestamp>2026-12-01T09:20:00Z</LastUpdatedTimestamp>
            </member></StackResourceSummaries>
            """),
        "DescribeTargetGroups" => Xml(action, $"""
            <TargetGroups><member>
              <TargetGroupArn>{TargetGroupArn}</TargetGroupArn><TargetGroupName>wso2-dev-apim</TargetGroupName><Protocol>HTTPS</Protocol><Port>9443</Port>
              <HealthCheckProtocol>HTTPS</HealthCheckProtocol><HealthCheckPort>traffic-port</HealthCheckPort><HealthCheckPath>/carbon/admin/login.jsp</HealthCheckPath>
            </member></TargetGroups>
            """),
        "DescribeTargetHealth" => Xml(action, """
            <TargetHealthDescriptions><member>
              <Target><Id>i-0a1b2c3d4e5f60001</Id><Port>9443</Port></Target><TargetHealth><State>healthy</State></TargetHealth>
            </member></TargetHealthDescriptions>
            """),
        _ => $"<ErrorResponse><Error><Type>Sender</Type><Code>InvalidAction</Code><Message>{action} is not stubbed</Message></Error><RequestId>stub</RequestId></ErrorResponse>",
    };

    private const string TargetGroupArn = $"arn:aws:elasticloadbalancing:{Region}:{Account}:targetgroup/wso2-dev-apim/73e2d6bc24d8a067";

    /// <summary>EC2's dialect: no Result wrapper; every image asked for (image-id filter) exists and is available.</summary>
    private static string Images(System.Collections.Specialized.NameValueCollection form)
    {
        var items = form.AllKeys.Where(k => k?.StartsWith("Filter.1.Value.", StringComparison.Ordinal) == true)
            .Select(k => $"<item><imageId>{form[k]}</imageId><imageState>available</imageState><name>stub-image</name><imageOwnerId>{Account}</imageOwnerId></item>");
        return $"<DescribeImagesResponse xmlns=\"http://ec2.amazonaws.com/doc/2016-11-15/\"><requestId>stub</requestId><imagesSet>{string.Concat(items)}</imagesSet></DescribeImagesResponse>";
    }

    private static string Xml(string action, string result) =>
        $"<{action}Response xmlns=\"https://aws.stub/\"><{action}Result>{result}</{action}Result><ResponseMetadata><RequestId>stub</RequestId></ResponseMetadata></{action}Response>";

    private static JsonObject Key(JsonNode? key) => key is JsonObject o ? (JsonObject)o.DeepClone() : [];

    private static void Merge(JsonObject into, JsonObject from)
    {
        foreach (var (name, value) in from.ToList())
        {
            from.Remove(name);
            into[name] = value;
        }
    }

    private static JsonObject S(string value) => new() { ["S"] = value };

    private static JsonObject N(long value) => new() { ["N"] = value.ToString(CultureInfo.InvariantCulture) };
}
