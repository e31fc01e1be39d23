namespace Wso2Serverless.StandIns.Http;

/// <summary>Which operation an AWS JSON-protocol request calls: <c>X-Amz-Target: DynamoDB_20120810.UpdateItem</c> → UpdateItem.</summary>
public static class AwsOperation
{
    public static string Of(HttpRequestMessage request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!request.Headers.TryGetValues("X-Amz-Target", out var values))
        {
            return "(unknown)";
        }

        var target = values.First();
        var dot = target.LastIndexOf('.');
        return dot < 0 ? target : target[(dot + 1)..];
    }
}
