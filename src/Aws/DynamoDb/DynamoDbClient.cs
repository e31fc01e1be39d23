using System.Text.Json;
using Wso2Serverless.Aws.DynamoDb.Model;
using Wso2Serverless.Aws.Http;
using Wso2Serverless.Aws.Signing;

namespace Wso2Serverless.Aws.DynamoDb;

/// <summary>
/// The DynamoDB operations the stores call, over AWS JSON 1.0 (<c>X-Amz-Target:
/// DynamoDB_20120810.&lt;Operation&gt;</c>, signed as <c>dynamodb</c>). Operation, request and
/// member names follow AWSSDK.DynamoDBv2 (docs/decisions.md says why it is not that package).
/// Retries (throttling, 5xx, lost connections) are <see cref="RetryHandler"/>'s; a conditional
/// write whose answer was lost is therefore sent again, as the SDK would (see WriteIds).
/// </summary>
public sealed class DynamoDbClient : IDisposable
{
    private const string TargetPrefix = "DynamoDB_20120810";
    private static readonly DynamoDbJsonContext Json = DynamoDbJsonContext.Default;

    private readonly HttpClient _http;
    private readonly JsonProtocolClient _json;

    public DynamoDbClient(HttpClient http)
    {
        _http = http;
        _json = new JsonProtocolClient(http, AwsService.DynamoDb.SigningName, TargetPrefix, "1.0", MapError);
    }

    /// <param name="transport">The innermost handler (tests put a counting or answer-losing handler there).</param>
    public static DynamoDbClient Create(AwsEndpoints endpoints, ICredentialSource? credentials = null, RetryOptions? retry = null, HttpMessageHandler? transport = null) =>
        new(AwsHttp.CreateClient(AwsService.DynamoDb, endpoints, credentials, retry, transport));

    public Task<GetItemResponse> GetItemAsync(GetItemRequest request, CancellationToken cancellationToken = default) =>
        _json.SendAsync("GetItem", request, Json.GetItemRequest, Json.GetItemResponse, cancellationToken);

    public Task<PutItemResponse> PutItemAsync(PutItemRequest request, CancellationToken cancellationToken = default) =>
        _json.SendAsync("PutItem", request, Json.PutItemRequest, Json.PutItemResponse, cancellationToken);

    public Task<UpdateItemResponse> UpdateItemAsync(UpdateItemRequest request, CancellationToken cancellationToken = default) =>
        _json.SendAsync("UpdateItem", request, Json.UpdateItemRequest, Json.UpdateItemResponse, cancellationToken);

    public Task<DeleteItemResponse> DeleteItemAsync(DeleteItemRequest request, CancellationToken cancellationToken = default) =>
        _json.SendAsync("DeleteItem", request, Json.DeleteItemRequest, Json.DeleteItemResponse, cancellationToken);

    public Task<QueryResponse> QueryAsync(QueryRequest request, CancellationToken cancellationToken = default) =>
        _json.SendAsync("Query", request, Json.QueryRequest, Json.QueryResponse, cancellationToken);

    public Task<TransactWriteItemsResponse> TransactWriteItemsAsync(TransactWriteItemsRequest request, CancellationToken cancellationToken = default) =>
        _json.SendAsync("TransactWriteItems", request, Json.TransactWriteItemsRequest, Json.TransactWriteItemsResponse, cancellationToken);

    public Task<CreateTableResponse> CreateTableAsync(CreateTableRequest request, CancellationToken cancellationToken = default) =>
        _json.SendAsync("CreateTable", request, Json.CreateTableRequest, Json.CreateTableResponse, cancellationToken);

    public Task<DescribeTableResponse> DescribeTableAsync(string tableName, CancellationToken cancellationToken = default) =>
        _json.SendAsync("DescribeTable", new DescribeTableRequest { TableName = tableName }, Json.DescribeTableRequest, Json.DescribeTableResponse, cancellationToken);

    public Task<UpdateTimeToLiveResponse> UpdateTimeToLiveAsync(UpdateTimeToLiveRequest request, CancellationToken cancellationToken = default) =>
        _json.SendAsync("UpdateTimeToLive", request, Json.UpdateTimeToLiveRequest, Json.UpdateTimeToLiveResponse, cancellationToken);

    /// <summary>The two errors whose body the stores read; every other one stays an <see cref="AwsServiceException"/>.</summary>
    public void Dispose() => _http.Dispose();

    internal static Exception MapError(AwsServiceException error, string body) => error.Code switch
    {
        "ConditionalCheckFailedException" => new ConditionalCheckFailedException(error, ReadBody(body)?.Item),
        "TransactionCanceledException" => new TransactionCanceledException(error, ReadBody(body)?.CancellationReasons),
        _ => error,
    };

    private static DynamoDbErrorBody? ReadBody(string body)
    {
        try
        {
            return JsonSerializer.Deserialize(body, Json.DynamoDbErrorBody);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
