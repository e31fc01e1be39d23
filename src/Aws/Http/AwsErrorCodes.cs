namespace Wso2Serverless.Aws.Http;

/// <summary>The error codes the orchestrator reacts to, as the services spell them.</summary>
public static class AwsErrorCodes
{
    // CloudFormation (Query protocol).
    public const string ValidationError = "ValidationError";
    public const string AlreadyExists = "AlreadyExistsException";

    // Step Functions (JSON 1.0).
    public const string TaskDoesNotExist = "TaskDoesNotExist";
    public const string TaskTimedOut = "TaskTimedOut";
    public const string InvalidToken = "InvalidToken";
    public const string ExecutionAlreadyExists = "ExecutionAlreadyExists";
    public const string ExecutionDoesNotExist = "ExecutionDoesNotExist";
    public const string StateMachineDoesNotExist = "StateMachineDoesNotExist";

    // SNS.
    public const string NotFound = "NotFound";

    /// <summary>The spellings of "slow down" across the Query and JSON services.</summary>
    public static IReadOnlySet<string> Throttling { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        "Throttling",
        "ThrottlingException",
        "ThrottledException",
        "TooManyRequestsException",
        "RequestLimitExceeded",
        "RequestThrottled",
        "RequestThrottledException",
        "ProvisionedThroughputExceededException",
        "SlowDown",
    };
}
