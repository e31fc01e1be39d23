using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Amazon.EC2;
using Amazon.SimpleSystemsManagement;
using Wso2Serverless.Aws.Http;
using Wso2Serverless.Aws.Ssm;
using Wso2Serverless.Aws.Ssm.Model;
using Wso2Serverless.Domain.Model;
using Wso2Serverless.Domain.Ports;
using Wso2Serverless.StandIns.Http;

namespace Wso2Serverless.Aws.Tests.Ssm;

public sealed class SsmCommandServiceTests(MotoFixture moto) : IClassFixture<MotoFixture>, IDisposable
{
    private readonly SsmClient _ssm = MotoSsm.Client(moto);
    private readonly SsmClient _sender = MotoSsm.Sender(moto);
    private readonly IAmazonSimpleSystemsManagement _official = MotoSsm.Official(moto);
    private readonly IAmazonEC2 _ec2 = MotoSsm.Ec2(moto);
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose()
    {
        _ssm.Dispose();
        _sender.Dispose();
        _official.Dispose();
        _ec2.Dispose();
    }

    /// <summary>Long enough ago to include every command this class sent.</summary>
    private static readonly DateTimeOffset Since = DateTimeOffset.UtcNow.AddHours(-1);

    private static Dictionary<string, string> Tags(string environment, string role) => new()
    {
        [ResourceTags.Environment] = environment,
        [ResourceTags.Role] = role,
    };

    private static SendCommandInput Input(IReadOnlyDictionary<string, string> targets, string comment) => new()
    {
        DocumentName = "wso2-run-puppet-agent",
        TargetTags = targets,
        Parameters = new Dictionary<string, IReadOnlyList<string>> { ["Role"] = ["apim"], ["DatabasePasswordParameter"] = ["/wso2/dev/db-password"] },
        MaxConcurrency = "1",
        MaxErrors = "0",
        TimeoutSeconds = 1800,
        Comment = comment,
    };

    [Fact]
    public async Task SendCommand_ByTags_ReachesOnlyInstancesMatchingEveryTag()
    {
        var apim = await MotoSsm.RunTaggedAsync(_ec2, 2, Tags("tags-env", AgentRoles.ApiManager));
        await MotoSsm.RunTaggedAsync(_ec2, 1, Tags("tags-env", AgentRoles.MicroIntegrator));
        await MotoSsm.RunTaggedAsync(_ec2, 1, Tags("other-env", AgentRoles.ApiManager));
        var service = new SsmCommandService(_ssm, _sender);

        var commandId = await service.SendCommandAsync(Input(Tags("tags-env", AgentRoles.ApiManager), "d-1 RunPuppetAgents:apim #1"), Ct);
        var result = await service.GetCommandAsync(commandId, Ct);

        result.CommandId.Should().Be(commandId);
        result.Status.Should().Be("Success");
        result.Invocations.Select(i => i.InstanceId).Should().BeEquivalentTo(apim);
        result.Invocations.Should().AllSatisfy(i =>
        {
            i.Status.Should().Be("Success");
            i.ExitCode.Should().Be(0);
        });
    }

    [Fact]
    public async Task SendCommand_PassesDocumentParametersLimitsAndTagTargets()
    {
        await MotoSsm.RunTaggedAsync(_ec2, 1, Tags("params-env", AgentRoles.PuppetMaster));
        var service = new SsmCommandService(_ssm, _sender);

        var commandId = await service.SendCommandAsync(Input(Tags("params-env", AgentRoles.PuppetMaster), "d-2 RunDatabaseScripts #1"), Ct);

        var sent = (await _official.ListCommandsAsync(new Amazon.SimpleSystemsManagement.Model.ListCommandsRequest { CommandId = commandId }, Ct)).Commands.Single();
        sent.DocumentName.Should().Be("wso2-run-puppet-agent");
        sent.Comment.Should().Be("d-2 RunDatabaseScripts #1");
        sent.MaxConcurrency.Should().Be("1");
        sent.MaxErrors.Should().Be("0");
        sent.TimeoutSeconds.Should().Be(1800);
        sent.Parameters["DatabasePasswordParameter"].Should().Equal("/wso2/dev/db-password");
        sent.Targets.Select(t => (t.Key, string.Join(",", t.Values))).Should().BeEquivalentTo(
            [("tag:wso2:environment", "params-env"), ("tag:wso2:role", "puppetmaster")]);
    }

    [Fact]
    public async Task SendCommand_ByInstanceIds_ReachesThoseInstances()
    {
        var ids = await MotoSsm.RunTaggedAsync(_ec2, 3, Tags("ids-env", AgentRoles.MicroIntegrator));
        var service = new SsmCommandService(_ssm, _sender);

        var commandId = await service.SendCommandAsync(
            Input(new Dictionary<string, string> { [SsmCommandService.InstanceIdsKey] = $"{ids[0]}, {ids[2]}" }, "rerun"), Ct);

        // moto adds every instance it has to a command sent without targets (it resolves an empty
        // tag filter), so only "these are reached" and "no tag targets were sent" can be checked.
        (await service.GetCommandAsync(commandId, Ct)).Invocations.Select(i => i.InstanceId).Should().Contain([ids[0], ids[2]]);
        var sent = (await _official.ListCommandsAsync(new Amazon.SimpleSystemsManagement.Model.ListCommandsRequest { CommandId = commandId }, Ct)).Commands.Single();
        sent.Targets.Should().BeNullOrEmpty();
    }

    [Fact]
    public async Task SendCommand_WithoutTargets_IsRefusedBeforeCallingSsm()
    {
        var act = () => new SsmCommandService(_ssm, _sender).SendCommandAsync(Input(new Dictionary<string, string>(), "nothing"), Ct);

        await act.Should().ThrowAsync<ArgumentException>();
    }

    [Fact]
    public async Task SendCommand_WhenItsAnswerIsLost_StartsExactlyOneCommand()
    {
        // #13 defect 2: the client's own retry of the non-idempotent SendCommand started a second command.
        await MotoSsm.RunTaggedAsync(_ec2, 1, Tags("lost-env", AgentRoles.PuppetMaster));
        var lost = new LostAnswerHandler((operation, _) => operation == "SendCommand");
        using var sender = MotoSsm.Sender(moto, lost);
        var service = new SsmCommandService(_ssm, sender);
        const string comment = "wso2 d-lost RunDatabaseScripts #1";

        var act = () => service.SendCommandAsync(Input(Tags("lost-env", AgentRoles.PuppetMaster), comment), Ct);

        await act.Should().ThrowAsync<AwsServiceException>("the answer was lost; only a lookup can tell whether it went out");
        lost.Lost.Should().Equal("SendCommand");
        var sent = await _official.ListCommandsAsync(new Amazon.SimpleSystemsManagement.Model.ListCommandsRequest(), Ct);
        sent.Commands.Count(c => c.Comment == comment).Should().Be(1);
    }

    [Fact]
    public void Service_RefusesASenderThatWouldRetry()
    {
        var act = () => new SsmCommandService(_ssm, _ssm);

        act.Should().Throw<ArgumentException>().WithMessage("*one attempt*");
    }

    [Fact]
    public async Task FindCommandByComment_AsksOnlyForCommandsOfTheDocumentSinceTheClaim()
    {
        // #13 defect 2: the lookup scanned up to 1,000 commands of every document and any age.
        await MotoSsm.RunTaggedAsync(_ec2, 1, Tags("filter-env", AgentRoles.PuppetMaster));
        var bodies = new List<string>();
        var spy = new LostAnswerHandler((operation, body) =>
        {
            if (operation == "ListCommands")
            {
                bodies.Add(body);
            }

            return false;
        });
        using var client = MotoSsm.Client(moto, spy);
        var service = new SsmCommandService(client, _sender);
        const string comment = "wso2 d-filter RunDatabaseScripts #1";
        var commandId = await service.SendCommandAsync(Input(Tags("filter-env", AgentRoles.PuppetMaster), comment), Ct);
        var sentAt = DateTimeOffset.UtcNow;

        (await service.FindCommandByCommentAsync(comment, "wso2-run-puppet-agent", sentAt.AddMinutes(-5), Ct)).Should().Be(commandId);
        (await service.FindCommandByCommentAsync(comment, "wso2-run-database-scripts", sentAt.AddMinutes(-5), Ct)).Should().BeNull("another document's command is not ours");
        (await service.FindCommandByCommentAsync(comment, "wso2-run-puppet-agent", sentAt.AddMinutes(5), Ct)).Should().BeNull("a command older than the claim is not this attempt's");

        bodies.Should().HaveCount(3, "one bounded page each: moto has few commands");
        using var request = System.Text.Json.JsonDocument.Parse(bodies[0]);
        var filters = request.RootElement.GetProperty("Filters").EnumerateArray().ToDictionary(f => f.GetProperty("key").GetString()!, f => f.GetProperty("value").GetString()!);
        filters["DocumentName"].Should().Be("wso2-run-puppet-agent");
        DateTimeOffset.Parse(filters["InvokedAfter"], System.Globalization.CultureInfo.InvariantCulture).Should().BeCloseTo(sentAt.AddMinutes(-5), TimeSpan.FromSeconds(2));
        request.RootElement.GetProperty("MaxResults").GetInt32().Should().Be(50);
    }

    [Fact]
    public async Task GetCommand_OfACommandSsmDoesNotKnow_SaysSo()
    {
        // The id of AWS's own sample event: SSM answers InvalidCommandId.
        var act = () => new SsmCommandService(_ssm, _sender).GetCommandAsync("e8d3c0e4-71f7-4491-898f-c9b35bee5f3b", Ct);

        await act.Should().ThrowAsync<CommandNotFoundException>();
    }

    [Fact]
    public async Task FindCommandByComment_FindsTheCommandSentWithIt()
    {
        await MotoSsm.RunTaggedAsync(_ec2, 1, Tags("find-env", AgentRoles.PuppetMaster));
        var service = new SsmCommandService(_ssm, _sender);
        await service.SendCommandAsync(Input(Tags("find-env", AgentRoles.PuppetMaster), "d-3 RunDatabaseScripts #1"), Ct);
        var second = await service.SendCommandAsync(Input(Tags("find-env", AgentRoles.PuppetMaster), "d-3 RunDatabaseScripts #2"), Ct);

        (await service.FindCommandByCommentAsync("d-3 RunDatabaseScripts #2", "wso2-run-puppet-agent", Since, Ct)).Should().Be(second);
        (await service.FindCommandByCommentAsync("d-3 RunDatabaseScripts #3", "wso2-run-puppet-agent", Since, Ct)).Should().BeNull();
    }

    [Fact]
    public async Task FindCommandByComment_MatchesALongCommentCutAsSent()
    {
        await MotoSsm.RunTaggedAsync(_ec2, 1, Tags("long-env", AgentRoles.PuppetMaster));
        var service = new SsmCommandService(_ssm, _sender);
        var comment = "deployment-" + new string('x', 120);

        var commandId = await service.SendCommandAsync(Input(Tags("long-env", AgentRoles.PuppetMaster), comment), Ct);

        (await service.FindCommandByCommentAsync(comment, "wso2-run-puppet-agent", Since, Ct)).Should().Be(commandId);
    }

    [Fact]
    public async Task GetCommand_SentByTag_ReadsInstancesFromInvocationsWhenTheCommandListsNone()
    {
        // Real SSM lists no instance ids on a tag-targeted command; moto resolves them and has no
        // ListCommandInvocations. This client behaves like AWS on both points, over moto.
        var ids = await MotoSsm.RunTaggedAsync(_ec2, 2, Tags("inv-env", AgentRoles.ApiManager));
        var awsLike = new AwsLikeSsm();
        using var client = MotoSsm.Client(moto, awsLike);
        var service = new SsmCommandService(client, _sender);
        var commandId = await service.SendCommandAsync(Input(Tags("inv-env", AgentRoles.ApiManager), "inv"), Ct);

        var result = await service.GetCommandAsync(commandId, Ct);

        awsLike.InvocationListings.Should().Be(1);
        result.Invocations.Select(i => i.InstanceId).Should().BeEquivalentTo(ids);
        result.Invocations.Should().AllSatisfy(i => i.ExitCode.Should().Be(0));
    }

    [Fact]
    public async Task GetCommand_UnknownId_Throws()
    {
        var act = () => new SsmCommandService(_ssm, _sender).GetCommandAsync("00000000-0000-0000-0000-000000000000", Ct);

        await act.Should().ThrowAsync<Exception>();
    }

    [Theory]
    [InlineData("ok\n", null, "ok\n")]
    [InlineData("Notice: applied", "Error: catalog", "Notice: applied\n[stderr]\nError: catalog")]
    [InlineData("", "Error: only stderr", "[stderr]\nError: only stderr")]
    public void Output_PutsStandardErrorAfterStandardOutput(string stdout, string? stderr, string expected) =>
        SsmCommandService.Output(stdout, stderr).Should().Be(expected);

    [Fact]
    public void Output_WhenTooLong_KeepsTheEnd()
    {
        var output = SsmCommandService.Output(new string('o', 24_000), "the failure");

        output.Length.Should().Be(SsmCommandService.MaxOutputChars);
        output.Should().EndWith("[stderr]\nthe failure");
    }

    [Theory]
    [InlineData("wso2:role", "tag:wso2:role")]
    [InlineData("tag:Name", "tag:Name")]
    public void TargetKey_UsesSsmsTagSyntax(string key, string expected) =>
        SsmCommandService.TargetKey(key).Should().Be(expected);

    /// <summary>
    /// What AWS returns where moto differs, on the wire: no instance ids on tag-targeted commands
    /// (ListCommands), and their invocations listed (ListCommandInvocations, which moto lacks).
    /// </summary>
    private sealed class AwsLikeSsm : DelegatingHandler
    {
        private readonly Dictionary<string, List<string>> _resolved = new(StringComparer.Ordinal);

        public int InvocationListings { get; private set; }

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var operation = AwsOperation.Of(request);
            if (operation == "ListCommandInvocations")
            {
                InvocationListings++;
                var commandId = JsonNode.Parse(await request.Content!.ReadAsStringAsync(cancellationToken))!["CommandId"]!.GetValue<string>();
                var invocations = new JsonArray([.. _resolved[commandId].Select(id => (JsonNode)new JsonObject { ["CommandId"] = commandId, ["InstanceId"] = id, ["Status"] = "Success" })]);
                return Json(new JsonObject { ["CommandInvocations"] = invocations }, request);
            }

            var response = await base.SendAsync(request, cancellationToken);
            if (operation != "ListCommands" || !response.IsSuccessStatusCode)
            {
                return response;
            }

            var body = JsonNode.Parse(await response.Content.ReadAsStringAsync(cancellationToken))!;
            foreach (var command in body["Commands"]!.AsArray().Where(c => c!["Targets"] is JsonArray { Count: > 0 }))
            {
                _resolved[command!["CommandId"]!.GetValue<string>()] = [.. command["InstanceIds"]!.AsArray().Select(i => i!.GetValue<string>())];
                command["InstanceIds"] = new JsonArray();
            }

            response.Dispose();
            return Json(body, request);
        }

        private static HttpResponseMessage Json(JsonNode body, HttpRequestMessage request) => new(HttpStatusCode.OK)
        {
            RequestMessage = request,
            Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/x-amz-json-1.1"),
        };
    }
}
