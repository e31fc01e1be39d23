using Wso2Serverless.Domain.Model;

namespace Wso2Serverless.StandIns.Iam;

/// <summary>
/// The one mapping from an AWS request to what IAM authorises (action, resource ARN, condition
/// context), for every operation the functions call. Resource shapes follow the service
/// authorization reference (iam-data checks each ARN against the action's resource types when
/// the calls are evaluated). A request this does not know fails loudly: a new call must be mapped
/// before it can be proven allowed.
/// </summary>
public static class AwsCallMap
{
    /// <summary>Tags of a resource as the service holds them (IAM reads them for aws:ResourceTag); null when unknown.</summary>
    public delegate Task<IReadOnlyDictionary<string, string>?> TagLookup(string arn);

    /// <summary>Stack ARNs by name or id, for requests that name a stack; null when the stack does not exist.</summary>
    public delegate Task<string?> StackLookup(string nameOrId);

    public static async Task<IReadOnlyList<IamCall>> MapAsync(string function, AwsRequest request, CallerContext at, StackLookup stacks, TagLookup tags)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(at);
        ArgumentNullException.ThrowIfNull(stacks);
        ArgumentNullException.ThrowIfNull(tags);
        var calls = new List<IamCall>();
        var cause = $"{request.Service}:{request.Operation}";
        void Add(string action, string resource, Dictionary<string, IReadOnlyList<string>>? context = null, bool implied = false) =>
            calls.Add(new IamCall(function, action, resource, context ?? [], cause, implied));
        var arn = $"arn:{at.Partition}";

        switch (request.Service, request.Operation)
        {
            case ("dynamodb", "GetItem" or "PutItem" or "UpdateItem" or "DeleteItem" or "Query" or "Scan"):
                Add("dynamodb:" + request.Operation, Table(at, request["TableName"], request["IndexName"]));
                break;
            case ("dynamodb", "TransactWriteItems"):
                // IAM authorises each item's own action; TransactWriteItems has none of its own.
                foreach (var item in request.Items("TransactItems"))
                {
                    var (kind, action) = new[] { ("Put", "PutItem"), ("Update", "UpdateItem"), ("Delete", "DeleteItem"), ("ConditionCheck", "ConditionCheckItem") }
                        .First(k => request[$"{item}.{k.Item1}.TableName"] is not null);
                    Add("dynamodb:" + action, Table(at, request[$"{item}.{kind}.TableName"], null));
                }

                break;
            case ("ssm", "SendCommand"):
                Add("ssm:SendCommand", $"{arn}:ssm:{at.Region}:{at.Account}:document/{request["DocumentName"]}");
                SendCommandTargets(request, at, Add);
                break;
            case ("ssm", "ListCommands" or "ListCommandInvocations" or "GetCommandInvocation"):
                Add("ssm:" + request.Operation, "*");
                break;
            case ("states", "StartExecution" or "ListExecutions"):
                Add("states:" + request.Operation, request["stateMachineArn"] ?? request["StateMachineArn"]!);
                break;
            case ("states", "DescribeExecution" or "StopExecution"):
                Add("states:" + request.Operation, request["executionArn"] ?? request["ExecutionArn"]!);
                break;
            case ("states", "SendTaskSuccess" or "SendTaskFailure" or "SendTaskHeartbeat"):
                Add("states:" + request.Operation, "*");
                break;
            case ("acm", "GetCertificate"):
                Add("acm:GetCertificate", request["CertificateArn"]!);
                break;
            case ("cloudformation", "CreateStack"):
                await CreateStackAsync(request, at, Add).ConfigureAwait(false);
                break;
            case ("cloudformation", "DeleteStack"):
            {
                var stack = await StackArnAsync(request["StackName"]!, at, stacks).ConfigureAwait(false);
                Add("cloudformation:DeleteStack", stack, ResourceTags(await tags(stack).ConfigureAwait(false)));
                break;
            }

            case ("cloudformation", "DescribeStacks" or "DescribeStackEvents" or "ListStackResources"):
                Add("cloudformation:" + request.Operation, await StackArnAsync(request["StackName"]!, at, stacks).ConfigureAwait(false));
                break;
            case ("cloudformation", "GetTemplateSummary"):
                Add("cloudformation:GetTemplateSummary", "*", TemplateUrlContext(request["TemplateURL"]));
                ReadTemplateAsCaller(request["TemplateURL"], at, Add);
                break;
            case ("sns", "Publish"):
                Add("sns:Publish", request["TopicArn"]!);
                break;
            case ("elasticloadbalancing", "DescribeTargetGroups" or "DescribeTargetHealth" or "DescribeListeners"):
                Add("elasticloadbalancing:" + request.Operation, "*");
                break;
            case ("iam", "GetServerCertificate"):
                Add("iam:GetServerCertificate", $"{arn}:iam::{at.Account}:server-certificate/{request["ServerCertificateName"]}");
                break;
            case ("ec2", "DescribeImages"):
                Add("ec2:DescribeImages", "*");
                break;
            case ("s3", "GetObject"):
                Add("s3:GetObject", $"{arn}:s3:::{request["Bucket"]}/{request["Key"]}");
                break;
            default:
                throw new NotSupportedException($"No IAM mapping for {cause}: map it in AwsCallMap before a function calls it.");
        }

        return calls;
    }

    private static string Table(CallerContext at, string? table, string? index) =>
        $"arn:{at.Partition}:dynamodb:{at.Region}:{at.Account}:table/{table}" + (index is null ? "" : $"/index/{index}");

    /// <summary>
    /// SSM authorises each instance the command reaches. Instance ids name them; tag targets select
    /// instances that carry exactly those tags, which is what their context says (ssm:resourceTag).
    /// </summary>
    private static void SendCommandTargets(AwsRequest request, CallerContext at, Action<string, string, Dictionary<string, IReadOnlyList<string>>?, bool> add)
    {
        var instance = $"arn:{at.Partition}:ec2:{at.Region}:{at.Account}:instance/";
        foreach (var item in request.Items("InstanceIds"))
        {
            add("ssm:SendCommand", instance + request[item], null, false);
        }

        var selected = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        foreach (var target in request.Items("Targets"))
        {
            if (request[$"{target}.Key"] is { } key && key.StartsWith("tag:", StringComparison.Ordinal) && request[$"{target}.Values.0"] is { } value)
            {
                selected["ssm:resourceTag/" + key["tag:".Length..]] = [value];
            }
        }

        if (selected.Count > 0)
        {
            add("ssm:SendCommand", instance + "i-selected-by-tags", selected, false);
        }
    }

    private static Task CreateStackAsync(AwsRequest request, CallerContext at, Action<string, string, Dictionary<string, IReadOnlyList<string>>?, bool> add)
    {
        var stack = $"arn:{at.Partition}:cloudformation:{at.Region}:{at.Account}:stack/{request["StackName"]}/{NewStackId}";
        var context = TemplateUrlContext(request["TemplateURL"]);
        var tagKeys = new List<string>();
        foreach (var tag in request.Items("Tags.member"))
        {
            var key = request[$"{tag}.Key"]!;
            tagKeys.Add(key);
            context["aws:RequestTag/" + key] = [request[$"{tag}.Value"] ?? ""];
        }

        if (tagKeys.Count > 0)
        {
            context["aws:TagKeys"] = tagKeys;
        }

        if (request["RoleARN"] is { } role)
        {
            context["cloudformation:RoleArn"] = [role];
            // CreateStack passes the role: IAM asks for iam:PassRole on it, to CloudFormation.
            add("iam:PassRole", role, new() { ["iam:PassedToService"] = ["cloudformation.amazonaws.com"] }, true);
        }

        add("cloudformation:CreateStack", stack, context, false);
        if (tagKeys.Count > 0)
        {
            // Tags given at creation are authorised as TagResource with cloudformation:CreateAction.
            var tagging = new Dictionary<string, IReadOnlyList<string>>(context.Where(c => c.Key.StartsWith("aws:", StringComparison.Ordinal)), StringComparer.Ordinal)
            {
                ["cloudformation:CreateAction"] = ["CreateStack"],
            };
            add("cloudformation:TagResource", stack, tagging, true);
        }

        ReadTemplateAsCaller(request["TemplateURL"], at, add);
        return Task.CompletedTask;
    }

    /// <summary>CloudFormation reads a TemplateURL with the caller's permissions: s3:GetObject on the object.</summary>
    private static void ReadTemplateAsCaller(string? url, CallerContext at, Action<string, string, Dictionary<string, IReadOnlyList<string>>?, bool> add)
    {
        if (url is not null && S3ObjectLocation.Parse(url) is { } location)
        {
            add("s3:GetObject", $"arn:{at.Partition}:s3:::{location.Bucket}/{location.Key}", null, true);
        }
    }

    private static Dictionary<string, IReadOnlyList<string>> TemplateUrlContext(string? url) =>
        url is null ? new(StringComparer.Ordinal) : new(StringComparer.Ordinal) { ["cloudformation:TemplateUrl"] = [url] };

    /// <summary>The stack id of a stack created by this request, not known before: any id fits the ARN patterns.</summary>
    private const string NewStackId = "00000000-0000-0000-0000-000000000000";

    private static async Task<string> StackArnAsync(string nameOrId, CallerContext at, StackLookup stacks) =>
        nameOrId.StartsWith("arn:", StringComparison.Ordinal)
            ? nameOrId
            : await stacks(nameOrId).ConfigureAwait(false) ?? $"arn:{at.Partition}:cloudformation:{at.Region}:{at.Account}:stack/{nameOrId}/{NewStackId}";

    private static Dictionary<string, IReadOnlyList<string>> ResourceTags(IReadOnlyDictionary<string, string>? tags) =>
        tags is null ? [] : tags.ToDictionary(t => "aws:ResourceTag/" + t.Key, t => (IReadOnlyList<string>)[t.Value], StringComparer.Ordinal);
}
