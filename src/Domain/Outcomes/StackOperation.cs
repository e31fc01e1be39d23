namespace Wso2Serverless.Domain.Outcomes;

/// <summary>What a stack wait is waiting for; it decides which statuses end the wait, and how.</summary>
public enum StackOperation
{
    /// <summary>CreateStack (or an update): COMPLETE is success, any failure or rollback is failure.</summary>
    Create,
    /// <summary>DeleteStack (RemoveOld, teardown): DELETE_COMPLETE is success, DELETE_FAILED failure.</summary>
    Delete,
}
