using Wso2Serverless.Domain.Model;
using Wso2Serverless.Domain.Ports;
using Wso2Serverless.Domain.Workflow;

namespace Wso2Serverless.Domain.Outcomes;

/// <summary>
/// Decides whether a stack wait is over and how it ended. Used by the event router (on a stack
/// status event) and by Reconcile (after a wait timed out and it described the stack itself).
/// <code>
/// ResolvedOutcome? StackOutcomeResolver.Resolve(StackOperation operation, string stackId, string status,
///     string? statusReason, IReadOnlyList&lt;StackEvent&gt; eventsNewestFirst)
/// </code>
/// Null means still in progress. On failure the cause names the first resource that failed:
/// the stack's own status ("ROLLBACK_COMPLETE") says nothing useful, and the latest failures
/// are mostly cascades ("Resource creation cancelled") of the one that matters.
/// Success output: <c>{"stackId":..., "stackStatus":...}</c>.
/// </summary>
public static class StackOutcomeResolver
{
    private static readonly HashSet<string> CreateSuccess = new(StringComparer.Ordinal)
    {
        "CREATE_COMPLETE", "UPDATE_COMPLETE", "IMPORT_COMPLETE",
    };

    private static readonly HashSet<string> CreateFailure = new(StringComparer.Ordinal)
    {
        // CREATE_FAILED ends the wait at once: with OnFailure DO_NOTHING it is final, and with
        // ROLLBACK or DELETE the rest is cleanup the deployment need not wait for.
        // The *_IN_PROGRESS cleanups are not terminal: the Fail path may delete the stack, and
        // CloudFormation refuses that while a rollback still runs.
        "CREATE_FAILED", "ROLLBACK_COMPLETE", "ROLLBACK_FAILED",
        "DELETE_COMPLETE", "DELETE_FAILED",
        "UPDATE_FAILED", "UPDATE_ROLLBACK_COMPLETE", "UPDATE_ROLLBACK_FAILED",
        "IMPORT_ROLLBACK_COMPLETE", "IMPORT_ROLLBACK_FAILED",
    };

    /// <summary>True when <paramref name="status"/> ends a wait of the given kind.</summary>
    public static bool IsTerminal(StackOperation operation, string status) => operation switch
    {
        StackOperation.Delete => status is "DELETE_COMPLETE" or "DELETE_FAILED",
        _ => CreateSuccess.Contains(status) || CreateFailure.Contains(status),
    };

    /// <summary>True when <paramref name="status"/> ends a wait of the given kind successfully.</summary>
    public static bool IsSuccess(StackOperation operation, string status) =>
        operation == StackOperation.Delete ? status == "DELETE_COMPLETE" : CreateSuccess.Contains(status);

    /// <summary>
    /// The wait kind of a phase: RemoveOld and Teardown delete, everything else creates. With no
    /// phase known (the event came before the task stored its token) a DELETE_* status can only
    /// be a delete wait's: a create wait would already hold the earlier CREATE_FAILED outcome.
    /// </summary>
    public static StackOperation OperationFor(string? phase, string status) => phase switch
    {
        PhaseNames.RemoveOld or PhaseNames.Teardown => StackOperation.Delete,
        null => status.StartsWith("DELETE_", StringComparison.Ordinal) ? StackOperation.Delete : StackOperation.Create,
        _ => StackOperation.Create,
    };

    /// <summary>The outcome of a finished wait, or null while the stack is still moving.</summary>
    /// <param name="eventsNewestFirst">DescribeStackEvents as CloudFormation returns it; may be empty.</param>
    public static ResolvedOutcome? Resolve(StackOperation operation, string stackId, string status, string? statusReason, IReadOnlyList<StackEvent> eventsNewestFirst)
    {
        ArgumentNullException.ThrowIfNull(eventsNewestFirst);
        if (!IsTerminal(operation, status))
        {
            return null;
        }

        var detail = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            [DetailKeys.StackId] = stackId,
            [DetailKeys.StackStatus] = status,
        };
        if (!string.IsNullOrEmpty(statusReason))
        {
            detail[DetailKeys.StackStatusReason] = statusReason;
        }

        var succeeded = IsSuccess(operation, status);
        if (succeeded)
        {
            var output = OutcomeJson.Write(w =>
            {
                w.WriteString("stackId", stackId);
                w.WriteString("stackStatus", status);
            });
            return new ResolvedOutcome(new CallbackOutcome(true, output, null, null), detail, [], null);
        }

        var culprit = FirstFailure(stackId, eventsNewestFirst);
        string reason;
        if (culprit is not null)
        {
            detail[DetailKeys.FailedResource] = culprit.LogicalResourceId;
            detail[DetailKeys.FailedResourceType] = culprit.ResourceType;
            detail[DetailKeys.FailedResourceReason] = culprit.ResourceStatusReason ?? "";
            reason = $"Stack {status}: {culprit.LogicalResourceId} ({culprit.ResourceType}) {culprit.ResourceStatus}: {culprit.ResourceStatusReason ?? "no reason given"}";
        }
        else
        {
            reason = string.IsNullOrEmpty(statusReason) ? $"Stack {status}" : $"Stack {status}: {statusReason}";
        }

        return new ResolvedOutcome(new CallbackOutcome(false, null, WorkflowErrors.StackFailed, reason), detail, [], reason);
    }

    /// <summary>
    /// The oldest *_FAILED resource event of the stack's latest operation that is not a cascade.
    /// Falls back to the oldest failure of any kind when every failure is a cascade.
    /// </summary>
    public static StackEvent? FirstFailure(string stackId, IReadOnlyList<StackEvent> eventsNewestFirst)
    {
        ArgumentNullException.ThrowIfNull(eventsNewestFirst);
        var ordered = eventsNewestFirst.OrderBy(e => e.Timestamp).ToList();

        // Only the latest operation counts: a stack that was updated or is being deleted keeps
        // the events of earlier operations, whose failures are not this wait's.
        var start = ordered.FindLastIndex(e => IsStackItself(e, stackId) && e.ResourceStatus.EndsWith("_IN_PROGRESS", StringComparison.Ordinal)
            && string.Equals(e.ResourceStatusReason, "User Initiated", StringComparison.OrdinalIgnoreCase));
        var current = start < 0 ? ordered : ordered.Skip(start).ToList();

        var failures = current
            .Where(e => e.ResourceStatus.EndsWith("_FAILED", StringComparison.Ordinal) && !IsStackItself(e, stackId))
            .ToList();
        return failures.FirstOrDefault(e => !IsCascade(e)) ?? failures.FirstOrDefault();
    }

    private static bool IsStackItself(StackEvent e, string stackId) =>
        e.ResourceType == "AWS::CloudFormation::Stack"
        && (string.Equals(e.LogicalResourceId, StackNameOf(stackId), StringComparison.Ordinal) || e.LogicalResourceId == stackId);

    // CloudFormation cancels the siblings of a failed resource with these reasons; they are
    // symptoms of the failure, never its cause.
    private static bool IsCascade(StackEvent e) =>
        e.ResourceStatusReason is { } reason
        && (reason.Contains("Resource creation cancelled", StringComparison.OrdinalIgnoreCase)
            || reason.Contains("Resource update cancelled", StringComparison.OrdinalIgnoreCase)
            || reason.Contains("Resource deletion cancelled", StringComparison.OrdinalIgnoreCase));

    /// <summary>arn:aws:cloudformation:region:account:stack/NAME/guid → NAME; a plain name stays as is.</summary>
    public static string StackNameOf(string stackId)
    {
        ArgumentNullException.ThrowIfNull(stackId);
        var parts = stackId.Split('/');
        return parts.Length >= 3 && stackId.StartsWith("arn:", StringComparison.Ordinal) ? parts[1] : stackId;
    }
}
