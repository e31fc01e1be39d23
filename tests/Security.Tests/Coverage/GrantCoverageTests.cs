using Wso2Serverless.Security.Tests.Contract;
using Wso2Serverless.Security.Tests.Simulate;

namespace Wso2Serverless.Security.Tests.Coverage;

/// <summary>
/// #11 "every granted action is used by some recorded call, or is listed with its reason in one
/// reviewed file" (docs/security.md, "Granted, never recorded"), and the matrix of that file is
/// what the two recordings and iam-simulate gave (WSO2_WRITE_SECURITY_DOC=1 rewrites it).
/// </summary>
public sealed class GrantCoverageTests(ContractRecording contract, SimulateRecording simulate)
{
    private IReadOnlyList<GrantedAction> Grants => GrantUse.Of(contract, simulate);

    [Fact]
    public void EveryUnusedGrant_IsListedWithItsReason()
    {
        var listed = SecurityDoc.Unrecorded();
        var unlisted = GrantUse.Unlisted(Grants, listed).Select(g => $"{g.Function} {g.Action} ({g.Sid})").ToList();
        unlisted.Should().BeEmpty("a grant no recorded call uses is dropped, or listed with its reason in docs/security.md:\n" + string.Join("\n", unlisted));
        listed.Should().OnlyContain(l => l.Reason.Length > 20, "each listed grant says why it stays");
    }

    [Fact]
    public void TheList_NamesOnlyGrantsThatExist_AndNoCallUses()
    {
        var grants = Grants;
        foreach (var (function, action, _) in SecurityDoc.Unrecorded())
        {
            grants.Should().Contain(g => g.Function == function && g.Action == action, $"'{function} {action}' in docs/security.md is granted");
            grants.Where(g => g.Function == function && g.Action == action).Should().OnlyContain(g => !g.Used, $"'{function} {action}' is used by a recorded call now: take it off the list");
        }
    }

    [Fact]
    public void TheMatrix_IsWhatTheRecordingsGave()
    {
        var matrix = SecurityDoc.Matrix(GrantUse.Decisions(contract, simulate), Grants);
        if (Environment.GetEnvironmentVariable("WSO2_WRITE_SECURITY_DOC") == "1")
        {
            SecurityDoc.WriteMatrix(matrix);
        }

        SecurityDoc.CommittedMatrix().Should().Be(matrix, "docs/security.md's matrix is regenerated with scripts/generate-security-matrix.sh");
        matrix.Should().NotContain("DENIED");
    }

    [Fact]
    public void AGrantNoCallUses_FailsTheCheck_UnlessListed()
    {
        // The check itself: a statement added for a call no function makes is reported.
        var grants = Grants.Append(new GrantedAction("api", "RunInstances", "ec2:RunInstances", Used: false)).ToList();
        GrantUse.Unlisted(grants, SecurityDoc.Unrecorded()).Should().ContainSingle(g => g.Action == "ec2:RunInstances");
        GrantUse.Unlisted(grants, [.. SecurityDoc.Unrecorded(), ("api", "ec2:RunInstances", "a reason")]).Should().BeEmpty();
        Grants.Should().Contain(g => g.Used, "recorded calls do match statements by Sid");
        GrantUse.Matches("ssm:List*", "ssm:ListCommands").Should().BeTrue();
        GrantUse.Matches("ssm:ListCommands", "ssm:ListCommandInvocations").Should().BeFalse();
    }
}
