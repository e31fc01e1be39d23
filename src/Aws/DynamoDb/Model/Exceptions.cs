using Wso2Serverless.Aws.Http;

namespace Wso2Serverless.Aws.DynamoDb.Model;

/// <summary>A write's condition was false. <see cref="Item"/> is the item as the condition saw it, when the write asked for ALL_OLD.</summary>
public sealed class ConditionalCheckFailedException : AwsServiceException
{
    public ConditionalCheckFailedException()
    {
    }

    public ConditionalCheckFailedException(string message)
        : base(message)
    {
    }

    public ConditionalCheckFailedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public ConditionalCheckFailedException(AwsServiceException error, Dictionary<string, AttributeValue>? item)
        : base(error)
    {
        Item = item;
    }

    public Dictionary<string, AttributeValue>? Item { get; }
}

/// <summary>A transaction was refused as a whole; <see cref="CancellationReasons"/> has one entry per item, in order.</summary>
public sealed class TransactionCanceledException : AwsServiceException
{
    public TransactionCanceledException()
    {
    }

    public TransactionCanceledException(string message)
        : base(message)
    {
    }

    public TransactionCanceledException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public TransactionCanceledException(AwsServiceException error, List<CancellationReason>? reasons)
        : base(error)
    {
        CancellationReasons = reasons ?? [];
    }

    public IReadOnlyList<CancellationReason> CancellationReasons { get; } = [];
}
