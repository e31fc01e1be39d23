using System.Text;
using System.Text.Json.Nodes;
using Wso2Serverless.Functions.Tests.Fakes;

namespace Wso2Serverless.Functions.Tests.Events;

/// <summary>EventBridge payloads in AWS's documented shapes, built for the ids of the fake world.</summary>
internal static class EventPayloads
{
    private static int _sequence;

    /// <summary>A stack status change of an operation this orchestrator started (its token carries our prefix), unless <paramref name="token"/> says otherwise.</summary>
    public static byte[] Stack(string stackId, string status, string? reason = null, string token = "wso2o-dev-20261128-0900-CreateStack-1") => Envelope(
        "aws.cloudformation", "CloudFormation Stack Status Change", [stackId],
        new JsonObject
        {
            ["stack-id"] = stackId,
            ["status-details"] = new JsonObject { ["status"] = status, ["status-reason"] = reason ?? "" },
            ["client-request-token"] = token,
        });

    public static byte[] Command(string commandId, string status, string documentName = "wso2-run-puppet-agent") => Envelope(
        "aws.ssm", "EC2 Command Status-change Notification", [],
        new JsonObject
        {
            ["command-id"] = commandId,
            ["document-name"] = documentName,
            ["expire-after"] = "2026-11-28T11:00:00.000Z",
            ["parameters"] = new JsonObject { ["executionTimeout"] = new JsonArray("1800") },
            ["requested-date-time"] = "2026-11-28T09:00:00.000Z",
            ["status"] = status,
        });

    public static byte[] Invocation(string commandId, string instanceId, string status, string documentName = "wso2-run-puppet-agent") => Envelope(
        "aws.ssm", "EC2 Command Invocation Status-change Notification", [$"arn:aws:ec2:us-east-1:{FakeStackService.Account}:instance/{instanceId}"],
        new JsonObject
        {
            ["command-id"] = commandId,
            ["document-name"] = documentName,
            ["instance-id"] = instanceId,
            ["requested-date-time"] = "2026-11-28T09:00:00.000Z",
            ["status"] = status,
        });

    /// <summary>A Puppet Master signal as <paramref name="environment"/>'s instance puts it (its own source).</summary>
    public static byte[] Signal(string deploymentId, string stage, string status, string? message = null, string environment = "dev") => Envelope(
        Domain.Signals.PuppetMasterSignal.SourceFor(environment), "Puppet Master Signal", [],
        new JsonObject { ["deploymentId"] = deploymentId, ["stage"] = stage, ["status"] = status, ["message"] = message });

    public static byte[] Execution(string executionArn, string name, string status, DateTimeOffset start, DateTimeOffset? stop,
        string? error = null, string? cause = null, string input = "{}") => Envelope(
        "aws.states", "Step Functions Execution Status Change", [executionArn],
        new JsonObject
        {
            ["executionArn"] = executionArn,
            ["stateMachineArn"] = executionArn[..executionArn.LastIndexOf(':')].Replace(":execution:", ":stateMachine:", StringComparison.Ordinal),
            ["name"] = name,
            ["status"] = status,
            ["startDate"] = start.ToUnixTimeMilliseconds(),
            ["stopDate"] = stop?.ToUnixTimeMilliseconds(),
            ["input"] = input,
            ["inputDetails"] = new JsonObject { ["included"] = true },
            ["output"] = null,
            ["outputDetails"] = null,
            ["error"] = error,
            ["cause"] = cause,
        });

    private static byte[] Envelope(string source, string detailType, string[] resources, JsonObject detail)
    {
        var resourceArray = new JsonArray();
        foreach (var r in resources)
        {
            resourceArray.Add(r);
        }

        var envelope = new JsonObject
        {
            ["version"] = "0",
            ["id"] = $"evt-{Interlocked.Increment(ref _sequence):D6}",
            ["detail-type"] = detailType,
            ["source"] = source,
            ["account"] = FakeStackService.Account,
            ["time"] = "2026-11-28T09:00:00Z",
            ["region"] = FakeStackService.Region,
            ["resources"] = resourceArray,
            ["detail"] = detail,
        };
        return Encoding.UTF8.GetBytes(envelope.ToJsonString());
    }
}
