namespace Wso2Serverless.Runtime;

/// <summary>
/// A failure a handler reports on purpose, with the error name the state machine catches
/// (e.g. <c>Wso2.InvalidInput</c>). The message becomes the Step Functions cause, so it must
/// be readable by an operator and free of secrets (it is redacted anyway).
/// </summary>
public class FunctionException : Exception
{
    /// <summary>The type of a failure that did not say which it is.</summary>
    public const string GenericErrorType = "Function.Error";

    public FunctionException()
        : this(GenericErrorType, "The function failed.")
    {
    }

    public FunctionException(string message)
        : this(GenericErrorType, message)
    {
    }

    public FunctionException(string message, Exception innerException)
        : this(GenericErrorType, message, innerException)
    {
    }

    public FunctionException(string errorType, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        ArgumentException.ThrowIfNullOrEmpty(errorType);
        ErrorType = errorType;
    }

    public string ErrorType { get; }
}
