namespace Wso2Serverless.Functions.Tests.Fakes;

/// <summary>
/// What a fake AWS service throws: the service's error code (e.g. <c>Throttling</c>,
/// <c>AlreadyExistsException</c>) and whether the real SDK would call it throttling.
/// </summary>
public sealed class FakeAwsException : Exception
{
    public FakeAwsException()
        : this("ServiceError", "fake service error")
    {
    }

    public FakeAwsException(string message)
        : this("ServiceError", message)
    {
    }

    public FakeAwsException(string message, Exception innerException)
        : base(message, innerException)
    {
        ErrorCode = "ServiceError";
    }

    public FakeAwsException(string errorCode, string message, bool isThrottling = false)
        : base(message)
    {
        ErrorCode = errorCode;
        IsThrottling = isThrottling;
    }

    public string ErrorCode { get; }

    public bool IsThrottling { get; }

    public static FakeAwsException Throttling(string operation) =>
        new("ThrottlingException", $"Rate exceeded ({operation})", isThrottling: true);
}
