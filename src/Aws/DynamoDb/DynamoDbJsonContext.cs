using System.Text.Json.Serialization;
using Wso2Serverless.Aws.DynamoDb.Model;

namespace Wso2Serverless.Aws.DynamoDb;

/// <summary>Source-generated (AOT) JSON for DynamoDB's wire shapes: member names as they are, nulls left out.</summary>
[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(GetItemRequest))]
[JsonSerializable(typeof(GetItemResponse))]
[JsonSerializable(typeof(PutItemRequest))]
[JsonSerializable(typeof(PutItemResponse))]
[JsonSerializable(typeof(UpdateItemRequest))]
[JsonSerializable(typeof(UpdateItemResponse))]
[JsonSerializable(typeof(DeleteItemRequest))]
[JsonSerializable(typeof(DeleteItemResponse))]
[JsonSerializable(typeof(QueryRequest))]
[JsonSerializable(typeof(QueryResponse))]
[JsonSerializable(typeof(TransactWriteItemsRequest))]
[JsonSerializable(typeof(TransactWriteItemsResponse))]
[JsonSerializable(typeof(CreateTableRequest))]
[JsonSerializable(typeof(CreateTableResponse))]
[JsonSerializable(typeof(DescribeTableRequest))]
[JsonSerializable(typeof(DescribeTableResponse))]
[JsonSerializable(typeof(UpdateTimeToLiveRequest))]
[JsonSerializable(typeof(UpdateTimeToLiveResponse))]
[JsonSerializable(typeof(DynamoDbErrorBody))]
internal sealed partial class DynamoDbJsonContext : JsonSerializerContext;

/// <summary>What DynamoDB's error bodies carry beyond the code: the item a failed condition saw, a transaction's reasons.</summary>
internal sealed class DynamoDbErrorBody
{
    public Dictionary<string, AttributeValue>? Item { get; set; }
    public List<CancellationReason>? CancellationReasons { get; set; }
}
