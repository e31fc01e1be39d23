using System.Text;
using Wso2Serverless.Domain.Events;
using Wso2Serverless.Domain.Signals;

namespace Wso2Serverless.Domain.Tests.Events;

/// <summary>#11: each environment signals under a source of its own; a signal under no environment's source is not a signal.</summary>
public sealed class SignalSourceTests
{
    private static EventParseResult Parse(string source) => EventParser.Parse(Encoding.UTF8.GetBytes($$"""
        {"source": "{{source}}", "detail-type": "Puppet Master Signal", "detail": {"deploymentId": "d-1", "stage": "ready", "status": "READY"} }
        """));

    [Theory]
    [InlineData("wso2.orchestrator.dev", "dev")]
    [InlineData("wso2.orchestrator.team-a", "team-a")]
    public void AnEnvironmentsSource_IsASignalOfThatEnvironment(string source, string environment)
    {
        var e = Parse(source).Event.Should().BeOfType<EventBridgeEvent<PuppetMasterSignalDetail>>().Subject;

        PuppetMasterSignal.EnvironmentOf(e.Metadata.Source).Should().Be(environment);
        PuppetMasterSignal.SourceFor(environment).Should().Be(source);
    }

    [Theory]
    [InlineData("wso2.orchestrator")]
    [InlineData("wso2.orchestrator.")]
    [InlineData("wso2.orchestratorx.dev")]
    [InlineData("aws.cloudformation")]
    public void AnyOtherSource_IsNotASignal(string source)
    {
        Parse(source).Accepted.Should().BeFalse();
        PuppetMasterSignal.EnvironmentOf(source).Should().BeNull();
    }
}
