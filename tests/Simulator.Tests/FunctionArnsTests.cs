using System.Text.RegularExpressions;
using Wso2Serverless.Functions.Hosting;
using Wso2Serverless.Simulator.Hosting;

namespace Wso2Serverless.Simulator.Tests;

public sealed partial class FunctionArnsTests
{
    [Fact]
    public void Substitutions_CoverEveryPlaceholderOfTheDeploymentDefinition()
    {
        var definition = File.ReadAllText(RepoPaths.Locate().Definition);
        var placeholders = Placeholder().Matches(definition).Select(m => m.Groups[1].Value).Distinct();

        FunctionArns.Substitutions().Keys.Should().Contain(placeholders);
    }

    [Theory]
    [InlineData("wso2-sim-run-puppet-agent", HandlerNames.RunPuppetAgent)]
    [InlineData("arn:aws:lambda:us-east-1:123456789012:function:wso2-sim-accept", HandlerNames.Accept)]
    [InlineData("arn:aws:lambda:us-east-1:123456789012:function:wso2-sim-accept:$LATEST", HandlerNames.Accept)]
    [InlineData("wso2-sim-no-such-function", null)]
    [InlineData("accept", null)]
    public void HandlerOf_MapsNamesAndArnsToHandlers(string name, string? handler) =>
        FunctionArns.HandlerOf(name).Should().Be(handler);

    [GeneratedRegex(@"\$\{([A-Za-z0-9]+)\}")]
    private static partial Regex Placeholder();
}
