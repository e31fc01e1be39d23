using System.Text.Json;
using Wso2Serverless.Domain.Model;
using Wso2Serverless.Domain.Ports;
using Wso2Serverless.Domain.Validation;
using Wso2Serverless.Domain.Workflow;
using Wso2Serverless.Functions.Tasks;
using Wso2Serverless.Functions.Tests.Fakes;

namespace Wso2Serverless.Functions.Tests.Tasks;

/// <summary>Verify judges the load balancer's target health, looks again within its bound, and probes only when asked.</summary>
public sealed class VerifyFunctionTests
{
    private const string Group = "arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/wso2-dev-apim/0123456789abcdef";
    private const string Login = "HTTPS:9443/carbon/admin/login.jsp";

    private static readonly IReadOnlyDictionary<string, string> Outputs = new Dictionary<string, string>
    {
        ["PublisherUrl"] = "https://wso2-dev-alb.example.test/publisher",
        ["GatewayHttpUrl"] = "http://wso2-dev-alb.example.test:8280",
        ["MIHealthUrl"] = "https://wso2-dev-alb.example.test:9201/healthz",
        ["PuppetMasterInstanceId"] = "i-pm",
    };

    private readonly FakeWorld _world = new();

    public VerifyFunctionTests() => _world.Stacks.Seed("wso2-dev", "CREATE_COMPLETE", outputs: Outputs);

    private static Deployment Deployment(string extra = "")
    {
        using var doc = JsonDocument.Parse($$"""{ "environment": "dev", "stackName": "wso2-dev"{{extra}} }""");
        return DeploymentRequestValidator.Validate(doc.RootElement.Clone(), "dep-1", DateTimeOffset.UnixEpoch).Deployment!;
    }

    /// <summary>One look, as the state machine makes it: each Verify state entry has its own entered time.</summary>
    private async Task<VerifyResult> LookAsync(Deployment d, string? enteredTime = null)
    {
        var result = await new VerifyFunction(_world.Services).HandleAsync(new VerifyRequest { Deployment = d, EnteredTime = enteredTime ?? _world.Clock.UtcNow.ToString("O") }, default);
        _world.Clock.Advance(TimeSpan.FromSeconds(Math.Max(1, result.WaitSeconds)));
        return result;
    }

    private PhaseRecord Phase() => _world.Deployments.Phase("dep-1", PhaseNames.Verify)!;

    private static TargetGroupHealth Apim(params TargetHealthState[] targets) => new("ApimHttpsTargetGroup", Group, Login, targets);

    private static TargetHealthState Healthy(string id) => new(id, 9443, "healthy", null, null);

    private static TargetHealthState Failing(string id) => new(id, 9443, "unhealthy", "Target.FailedHealthChecks", "Health checks failed with these codes: [404]");

    [Fact]
    public async Task Look_WhenEveryTargetIsHealthy_SucceedsShowingHealthyCountsPerGroup()
    {
        _world.LoadBalancer.Groups = [Apim(Healthy("i-apim-1"), Healthy("i-apim-2")), new("MiHttpTargetGroup", Group, "HTTP:9201/healthz", [new("i-mi-1", 8290, "healthy", null, null)])];

        var result = await LookAsync(Deployment());

        result.Healthy.Should().BeTrue();
        result.Retry.Should().BeFalse();
        Phase().Status.Should().Be(PhaseStatus.Succeeded);
        Phase().Detail.Should().Contain("targets:ApimHttpsTargetGroup", "healthy 2/2 (HTTPS:9443/carbon/admin/login.jsp)")
            .And.Contain("targets:MiHttpTargetGroup", "healthy 1/1 (HTTP:9201/healthz)")
            .And.Contain("checks", "1 of 6");
        _world.Deployments.Record("dep-1").Should().BeNull("Verify does not create the record");
        _world.Probe.Probed.Should().BeEmpty("the published URLs are probed only when the request asks");
    }

    [Fact]
    public async Task Look_WhenATargetIsUnhealthy_AsksToLookAgainAndRecordsElbsReason()
    {
        _world.LoadBalancer.Groups = [Apim(Healthy("i-apim-1"), Failing("i-apim-2"))];

        var result = await LookAsync(Deployment());

        result.Healthy.Should().BeFalse();
        result.Retry.Should().BeTrue();
        result.WaitSeconds.Should().Be(60);
        result.Error.Should().BeNull();
        Phase().Status.Should().Be(PhaseStatus.Running);
        Phase().Detail["targets:ApimHttpsTargetGroup"].Should().Be(
            "healthy 1/2 (HTTPS:9443/carbon/admin/login.jsp); i-apim-2:9443 unhealthy Target.FailedHealthChecks: Health checks failed with these codes: [404]");
    }

    [Fact]
    public async Task Look_WhenAGroupHasNoTargetRegistered_IsUnhealthyAndSaysSo()
    {
        _world.LoadBalancer.Groups = [Apim(Healthy("i-apim-1")), new("MiHttpTargetGroup", Group, "HTTP:9201/healthz", [])];

        var result = await LookAsync(Deployment());

        result.Retry.Should().BeTrue();
        Phase().Detail["targets:MiHttpTargetGroup"].Should().Be("healthy 0/0 (HTTP:9201/healthz); no targets registered");
    }

    [Fact]
    public async Task Looks_AreBoundedByVerifySecondsOverTheInterval_ThenFailWithEachReason()
    {
        _world.LoadBalancer.Groups = [Apim(Healthy("i-apim-1"), new("i-apim-2", 9443, "initial", "Elb.InitialHealthChecking", "Initial health checks in progress"))];
        var d = Deployment(""", "timeouts": { "verifySeconds": 120, "verifyIntervalSeconds": 30 }""");

        var results = new List<VerifyResult>();
        do
        {
            results.Add(await LookAsync(d));
        }
        while (results[^1].Retry && results.Count < 20);

        results.Should().HaveCount(5, "1 + 120 / 30 looks");
        results.Take(4).Should().OnlyContain(r => r.Retry && r.WaitSeconds == 30);
        var last = results[^1];
        last.Healthy.Should().BeFalse();
        last.Error!.Error.Should().Be(WorkflowErrors.VerifyFailed);
        last.Error.Cause.Should().Be("load balancer targets not healthy after 5 checks over 120 s: ApimHttpsTargetGroup healthy 1/2: i-apim-2:9443 initial Elb.InitialHealthChecking: Initial health checks in progress");
        Phase().Status.Should().Be(PhaseStatus.Failed);
        Phase().Error.Should().Be(last.Error.Cause);
        _world.LoadBalancer.Looks.Should().Be(5);
    }

    [Fact]
    public async Task Looks_WhenTargetsTurnHealthy_Succeed()
    {
        _world.LoadBalancer.Script = look => look < 3 ? [Apim(Failing("i-apim-1"))] : [Apim(Healthy("i-apim-1"))];

        var first = await LookAsync(Deployment());
        var second = await LookAsync(Deployment());
        var third = await LookAsync(Deployment());

        (first.Retry, second.Retry, third.Healthy).Should().Be((true, true, true));
        Phase().Status.Should().Be(PhaseStatus.Succeeded);
        Phase().Detail["checks"].Should().Be("3 of 6");
    }

    [Fact]
    public async Task Look_RepeatedWithTheSameEnteredTime_CountsOnce()
    {
        // A Lambda retry or duplicate delivery of one Verify state entry is one look, not two.
        _world.LoadBalancer.Groups = [Apim(Failing("i-apim-1"))];
        var d = Deployment(""", "timeouts": { "verifySeconds": 60, "verifyIntervalSeconds": 60 }""");

        var first = await LookAsync(d, "2026-11-28T10:00:00Z");
        var duplicate = await LookAsync(d, "2026-11-28T10:00:00Z");
        var next = await LookAsync(d, "2026-11-28T10:01:00Z");

        (first.Retry, duplicate.Retry).Should().Be((true, true));
        next.Error!.Cause.Should().StartWith("load balancer targets not healthy after 2 checks over 60 s");
    }

    [Fact]
    public async Task Looks_WithoutAnEnteredTime_EachCount_SoTheBoundHolds()
    {
        _world.LoadBalancer.Groups = [Apim(Failing("i-apim-1"))];
        var d = Deployment(""", "timeouts": { "verifySeconds": 60, "verifyIntervalSeconds": 60 }""");

        var first = await new VerifyFunction(_world.Services).HandleAsync(new VerifyRequest { Deployment = d }, default);
        var second = await new VerifyFunction(_world.Services).HandleAsync(new VerifyRequest { Deployment = d }, default);

        first.Retry.Should().BeTrue();
        second.Error!.Cause.Should().StartWith("load balancer targets not healthy after 2 checks");
    }

    [Fact]
    public async Task Look_AfterThePhaseClosed_AnswersAsItClosed()
    {
        await LookAsync(Deployment());
        _world.LoadBalancer.Groups = [Apim(Failing("i-apim-1"))];

        var again = await LookAsync(Deployment());

        again.Healthy.Should().BeTrue();
        _world.LoadBalancer.Looks.Should().Be(1);
    }

    [Fact]
    public async Task Look_WhenTheStackHasNoTargetGroups_HasNothingToCallHealthy()
    {
        _world.LoadBalancer.Groups = [];

        var result = await LookAsync(Deployment(""", "timeouts": { "verifySeconds": 60, "verifyIntervalSeconds": 60 }"""));
        var last = await LookAsync(Deployment(""", "timeouts": { "verifySeconds": 60, "verifyIntervalSeconds": 60 }"""));

        result.Retry.Should().BeTrue();
        last.Error!.Cause.Should().Contain("no load balancer target groups");
    }

    [Fact]
    public async Task Look_WhenTheStackIsGone_Fails()
    {
        var gone = Deployment() with { StackName = "wso2-gone" };

        var result = await LookAsync(gone);

        result.Error!.Error.Should().Be(WorkflowErrors.VerifyFailed);
        result.Error.Cause.Should().Be("Stack wso2-gone no longer exists");
        _world.LoadBalancer.Looks.Should().Be(0);
    }

    [Fact]
    public async Task Probe_WhenAsked_TrustsEachUrlWithItsListenersCertificateOnly()
    {
        _world.LoadBalancer.Certificates =
        [
            new(443, "arn:aws:iam::123456789012:server-certificate/wso2", "PEM-443"),
            new(9201, "arn:aws:acm:us-east-1:123456789012:certificate/mi", "PEM-9201"),
        ];

        var result = await LookAsync(Deployment(""", "verify": { "probeUrls": true }"""));

        result.Healthy.Should().BeTrue();
        var trustedByUrl = _world.Probe.Probed.Zip(_world.Probe.Trusted).ToDictionary(p => p.First.ToString(), p => p.Second);
        trustedByUrl["https://wso2-dev-alb.example.test/publisher"].Should().Equal("PEM-443");
        trustedByUrl["https://wso2-dev-alb.example.test:9201/healthz"].Should().Equal("PEM-9201");
        trustedByUrl["http://wso2-dev-alb.example.test:8280/"].Should().BeEmpty();
        Phase().Detail["probedUrls"].Should().Be("3");
    }

    [Fact]
    public async Task Probe_WhenAUrlFailsOrHasNoListenerCertificate_FailsNamingEach()
    {
        _world.LoadBalancer.Certificates = [new(443, "arn:aws:iam::123456789012:server-certificate/wso2", "PEM-443")];
        _world.Probe.Unhealthy("https://wso2-dev-alb.example.test/publisher", "served a certificate that is not the stack's (subject CN=evil)");

        var result = await LookAsync(Deployment(""", "verify": { "probeUrls": true }"""));

        result.Healthy.Should().BeFalse();
        result.Retry.Should().BeFalse();
        result.Error!.Cause.Should().StartWith("targets healthy, but 2 of 3 published URLs failed: ")
            .And.Contain("MIHealthUrl (https://wso2-dev-alb.example.test:9201/healthz): the stack has no HTTPS listener with a certificate on port 9201")
            .And.Contain("PublisherUrl (https://wso2-dev-alb.example.test/publisher): served a certificate that is not the stack's");
        Phase().Status.Should().Be(PhaseStatus.Failed);
    }

    [Fact]
    public async Task Probe_IsNotRunWhileTargetsAreUnhealthy()
    {
        _world.LoadBalancer.Groups = [Apim(Failing("i-apim-1"))];

        await LookAsync(Deployment(""", "verify": { "probeUrls": true }"""));

        _world.Probe.Probed.Should().BeEmpty();
        _world.LoadBalancer.Faults.Calls("GetListenerCertificates").Should().Be(0);
    }
}
