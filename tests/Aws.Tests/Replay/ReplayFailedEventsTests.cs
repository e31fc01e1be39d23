using System.Diagnostics;
using System.Text.Json;
using Amazon.Runtime;
using Amazon.SQS;
using Amazon.SQS.Model;
using Wso2Serverless.Aws.Tests.Http;

namespace Wso2Serverless.Aws.Tests.Replay;

/// <summary>
/// docs/replay.md's tool, scripts/replay-failed-events.py, against a queue in moto and a Lambda
/// endpoint that records what it is sent: both kinds of failure record are replayed to the
/// function they were meant for, as asynchronous invocations, and deleted only once accepted.
/// </summary>
public sealed class ReplayFailedEventsTests(MotoFixture moto) : IClassFixture<MotoFixture>, IAsyncLifetime
{
    private const string Account = "123456789012";
    private static readonly string RouterArn = $"arn:aws:lambda:{MotoFixture.Region}:{Account}:function:wso2-orchestrator-EventRouterFunction-1a2b3c";
    private static readonly string StatusArn = $"arn:aws:lambda:{MotoFixture.Region}:{Account}:function:wso2-orchestrator-ExecutionStatusFunction-4d5e6f";

    private const string StackEvent = """
        {"version":"0","id":"6a7e8feb-b491-4cf7-a9f1-bf3703467718","detail-type":"CloudFormation Stack Status Change","source":"aws.cloudformation",
         "account":"123456789012","time":"2026-11-28T10:15:00Z","region":"us-east-1","resources":["arn:aws:cloudformation:us-east-1:123456789012:stack/wso2-dev/1"],
         "detail":{"stack-id":"arn:aws:cloudformation:us-east-1:123456789012:stack/wso2-dev/1","status-details":{"status":"CREATE_COMPLETE","status-reason":""}}}
        """;

    private const string AbortedEvent = """
        {"version":"0","id":"315c1398-40ff-a850-213b-158f73e60175","detail-type":"Step Functions Execution Status Change","source":"aws.states",
         "account":"123456789012","time":"2026-11-28T10:20:00Z","region":"us-east-1","resources":["arn:aws:states:us-east-1:123456789012:execution:m:d-1"],
         "detail":{"executionArn":"arn:aws:states:us-east-1:123456789012:execution:m:d-1","name":"d-1","status":"ABORTED"}}
        """;

    private readonly AmazonSQSClient _sqs = new(new BasicAWSCredentials("testing", "testing"), new AmazonSQSConfig { ServiceURL = moto.Endpoint.ToString(), AuthenticationRegion = MotoFixture.Region });
    private readonly StubServer _lambda = new() { Fallback = new StubResponse(202, "", "application/json") };
    private string _queueUrl = "";

    public async ValueTask InitializeAsync() =>
        _queueUrl = (await _sqs.CreateQueueAsync("async-failures-" + Guid.NewGuid().ToString("N")[..8], Ct)).QueueUrl;

    public async ValueTask DisposeAsync()
    {
        _sqs.Dispose();
        await _lambda.DisposeAsync();
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Replay_SendsEachRecordToItsFunctionAsAnAsyncInvocation_AndDeletesIt()
    {
        await SendAsync(DestinationRecord(RouterArn + ":$LATEST", StackEvent));
        await SendAsync(AbortedEvent, new Dictionary<string, string> { ["RULE_ARN"] = $"arn:aws:events:{MotoFixture.Region}:{Account}:rule/ExecutionStatusRule", ["TARGET_ARN"] = StatusArn, ["ERROR_CODE"] = "SDK_CLIENT_ERROR" });

        var run = await ReplayAsync();

        run.ExitCode.Should().Be(0, run.Output);
        var sent = _lambda.Received.Where(r => r.Path.EndsWith("/invocations", StringComparison.Ordinal)).ToList();
        sent.Should().HaveCount(2, run.Output);
        sent.Should().OnlyContain(r => r.Method == "POST" && r.Headers["x-amz-invocation-type"] == "Event");
        var byFunction = sent.ToDictionary(r => Uri.UnescapeDataString(r.Path.Split('/')[3]), r => JsonDocument.Parse(r.Body).RootElement.GetRawText(), StringComparer.Ordinal);
        byFunction.Keys.Should().BeEquivalentTo(RouterArn, StatusArn);
        JsonDocument.Parse(byFunction[RouterArn]).RootElement.GetProperty("detail-type").GetString().Should().Be("CloudFormation Stack Status Change");
        JsonDocument.Parse(byFunction[StatusArn]).RootElement.GetProperty("detail").GetProperty("status").GetString().Should().Be("ABORTED");
        (await CountAsync()).Should().Be(0);
    }

    [Fact]
    public async Task Replay_KeepsWhatItCannotReplay_AndSaysSo()
    {
        _lambda.Fallback = new StubResponse(500, """{"Type":"Service","message":"ServiceException"}""", "application/json");
        await SendAsync(DestinationRecord(RouterArn, StackEvent));
        await SendAsync("not an invocation record");

        var run = await ReplayAsync();

        run.ExitCode.Should().Be(1, run.Output);
        run.Output.Should().Contain("kept");
        (await CountAsync()).Should().Be(2, "nothing is deleted that did not reach its function");
    }

    [Fact]
    public async Task DryRun_ShowsTheTargetsAndChangesNothing()
    {
        await SendAsync(DestinationRecord(RouterArn, StackEvent));

        var run = await ReplayAsync("--dry-run");

        run.ExitCode.Should().Be(0, run.Output);
        run.Output.Should().Contain(RouterArn);
        _lambda.Received.Should().BeEmpty();
        (await CountAsync()).Should().Be(1);
    }

    /// <summary>Lambda's record for an asynchronous invocation that failed every attempt (documented shape).</summary>
    private static string DestinationRecord(string functionArn, string payload) => $$$"""
        {"version":"1.0","timestamp":"2026-11-28T10:16:05.568Z",
         "requestContext":{"requestId":"e4b46cbf-b738-4b8b-8880-a18cdf61200e","functionArn":"{{{functionArn}}}","condition":"RetriesExhausted","approximateInvokeCount":3},
         "requestPayload":{{{payload}}},
         "responseContext":{"statusCode":200,"executedVersion":"$LATEST","functionError":"Unhandled"},
         "responsePayload":{"errorMessage":"Rate exceeded","errorType":"AwsServiceException"}}
        """;

    private async Task SendAsync(string body, Dictionary<string, string>? attributes = null) =>
        await _sqs.SendMessageAsync(new SendMessageRequest
        {
            QueueUrl = _queueUrl,
            MessageBody = body,
            MessageAttributes = attributes?.ToDictionary(a => a.Key, a => new MessageAttributeValue { DataType = "String", StringValue = a.Value }),
        }, Ct);

    private async Task<int> CountAsync()
    {
        var attributes = await _sqs.GetQueueAttributesAsync(_queueUrl, ["ApproximateNumberOfMessages", "ApproximateNumberOfMessagesNotVisible"], Ct);
        return attributes.ApproximateNumberOfMessages + attributes.ApproximateNumberOfMessagesNotVisible;
    }

    private async Task<(int ExitCode, string Output)> ReplayAsync(params string[] extra)
    {
        var start = new ProcessStartInfo("python3") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(Path.Combine(Root(), "scripts", "replay-failed-events.py"));
        start.ArgumentList.Add("--queue-url");
        start.ArgumentList.Add(_queueUrl);
        foreach (var argument in extra)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["AWS_ENDPOINT_URL_SQS"] = moto.Endpoint.ToString();
        start.Environment["AWS_ENDPOINT_URL_LAMBDA"] = _lambda.Endpoint.ToString();
        start.Environment["AWS_ACCESS_KEY_ID"] = "testing";
        start.Environment["AWS_SECRET_ACCESS_KEY"] = "testing";
        start.Environment["AWS_DEFAULT_REGION"] = MotoFixture.Region;
        start.Environment["AWS_RETRY_MODE"] = "standard";
        start.Environment["AWS_MAX_ATTEMPTS"] = "2";
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync(Ct);
        var error = process.StandardError.ReadToEndAsync(Ct);
        await process.WaitForExitAsync(Ct).WaitAsync(TimeSpan.FromMinutes(2), Ct);
        return (process.ExitCode, await output + await error);
    }

    private static string Root()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Wso2Serverless.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("repository root not found");
    }
}
