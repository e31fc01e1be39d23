using Wso2Serverless.Aws.DynamoDb.Model;

namespace Wso2Serverless.Aws.DynamoDb;

/// <summary>
/// Recognises a conditional write of our own. When a request reaches DynamoDB but its answer is
/// lost, the client sends it again and the retry fails its condition although the first attempt
/// succeeded. Every conditional write carries a fresh <c>writeId</c> and asks for the item as it
/// was (ReturnValuesOnConditionCheckFailure ALL_OLD): an item that already carries our id is our
/// own earlier write, not someone else's.
/// </summary>
internal static class WriteIds
{
    public const string Attribute = "writeId";

    public static string New() => Guid.NewGuid().ToString("N");

    public static bool IsMine(Dictionary<string, AttributeValue>? item, string writeId) =>
        item.GetS(Attribute) == writeId;

    /// <summary>The item the failed condition saw (null when there was none).</summary>
    public static Dictionary<string, AttributeValue>? Seen(ConditionalCheckFailedException failure) =>
        failure.Item is { Count: > 0 } item ? item : null;
}
