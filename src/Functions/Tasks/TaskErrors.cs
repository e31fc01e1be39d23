using Wso2Serverless.Aws.Http;
using Wso2Serverless.Domain.Workflow;
using Wso2Serverless.Runtime;

namespace Wso2Serverless.Functions.Tasks;

/// <summary>
/// Names a task's failure for Step Functions so that <see cref="ErrorTaxonomy"/> decides its
/// retry: an AWS call that may succeed later is <see cref="WorkflowErrors.Transient"/>, an AWS
/// refusal is <see cref="WorkflowErrors.RequestRejected"/>, our own errors keep their names, and
/// anything else (a defect) keeps its exception name, which is never retried.
/// </summary>
public static class TaskErrors
{
    /// <summary>DynamoDB's answers that only say "not now" (the client's retries ran out).</summary>
    private static readonly HashSet<string> TransientDynamoDbCodes = new(StringComparer.Ordinal)
    {
        "TransactionConflictException",
        "TransactionInProgressException",
        "LimitExceededException",
        "InternalServerError",
        "RequestTimeout",
    };

    /// <summary>The error name Step Functions sees for this exception.</summary>
    public static string NameOf(Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        return Classify(exception) ?? ErrorTypes.Of(exception);
    }

    /// <summary>Carries the taxonomy's name on the exception (the runtime reports it), keeping its stack trace.</summary>
    public static void Name(Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        if (Classify(exception) is { } name)
        {
            exception.Data[ErrorTypes.DataKey] = name;
        }
    }

    private static string? Classify(Exception exception) => exception switch
    {
        FunctionException => null,
        AwsServiceException aws => IsTransient(aws) ? WorkflowErrors.Transient : WorkflowErrors.RequestRejected,
        // No answer at all (connection reset, DNS, an HTTP timeout): the request may be sent again.
        HttpRequestException or TimeoutException or IOException or TaskCanceledException => WorkflowErrors.Transient,
        _ => null,
    };

    private static bool IsTransient(AwsServiceException e) =>
        (int)e.HttpStatus >= 500 || e.IsThrottling || TransientDynamoDbCodes.Contains(e.Code);
}
