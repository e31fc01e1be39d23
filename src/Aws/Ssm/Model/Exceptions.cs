using Wso2Serverless.Aws.Http;

namespace Wso2Serverless.Aws.Ssm.Model;

/// <summary>SSM does not know the command id.</summary>
public sealed class InvalidCommandIdException : AwsServiceException
{
    public InvalidCommandIdException()
    {
    }

    public InvalidCommandIdException(string message)
        : base(message)
    {
    }

    public InvalidCommandIdException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public InvalidCommandIdException(AwsServiceException error)
        : base(error)
    {
    }
}

/// <summary>The command has no invocation on that instance (yet: SSM delivers asynchronously).</summary>
public sealed class InvocationDoesNotExistException : AwsServiceException
{
    public InvocationDoesNotExistException()
    {
    }

    public InvocationDoesNotExistException(string message)
        : base(message)
    {
    }

    public InvocationDoesNotExistException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public InvocationDoesNotExistException(AwsServiceException error)
        : base(error)
    {
    }
}
