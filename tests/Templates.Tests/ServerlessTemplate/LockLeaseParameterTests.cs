using Wso2Serverless.Domain.Model;
using Wso2Serverless.Functions.Hosting;
using Wso2Serverless.Functions.Tasks;

namespace Wso2Serverless.Templates.Tests.ServerlessTemplate;

/// <summary>The template refuses a lock lease that a wait with the default timeouts could outlive (#13 defect 5).</summary>
public sealed class LockLeaseParameterTests
{
    [Fact]
    public void LockLeaseMinutes_CannotBeShorterThanTheLongestDefaultGapBetweenRenewals()
    {
        var parameter = ServerlessTemplateFile.Template["Parameters"]!["LockLeaseMinutes"]!;
        var minimum = TimeSpan.FromMinutes((int)parameter["MinValue"]!);

        minimum.Should().BeGreaterThanOrEqualTo(LeaseBudget.LongestGap(new PhaseTimeouts()));
        TimeSpan.FromMinutes((int)parameter["Default"]!).Should().Be(new OrchestratorSettings { TableName = "t" }.LockLease);
    }
}
