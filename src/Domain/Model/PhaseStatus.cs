namespace Wso2Serverless.Domain.Model;

/// <summary>Status of one phase record. Stored as its name.</summary>
public enum PhaseStatus
{
    Running,
    Succeeded,
    Failed,
    Skipped,
}
