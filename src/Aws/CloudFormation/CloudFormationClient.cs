using System.Xml.Linq;
using Wso2Serverless.Aws.CloudFormation.Model;
using Wso2Serverless.Aws.Http;

namespace Wso2Serverless.Aws.CloudFormation;

/// <summary>
/// The CloudFormation operations the orchestrator calls, over the Query protocol (API version
/// 2010-05-15). Operation, request and member names follow AWSSDK.CloudFormation so that moving
/// to the official package, once it can be had, is a change of namespace.
/// </summary>
public sealed class CloudFormationClient
{
    public const string ApiVersion = "2010-05-15";

    private readonly QueryProtocolClient _query;

    public CloudFormationClient(HttpClient http)
    {
        _query = new QueryProtocolClient(http, AwsService.CloudFormation.SigningName, ApiVersion);
    }

    public static CloudFormationClient Create(AwsEndpoints endpoints, Signing.ICredentialSource? credentials = null, RetryOptions? retry = null) =>
        new(AwsHttp.CreateClient(AwsService.CloudFormation, endpoints, credentials, retry));

    public async Task<CreateStackResponse> CreateStackAsync(CreateStackRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var fields = new QueryParameters()
            .Add("StackName", request.StackName)
            .Add("TemplateBody", request.TemplateBody)
            .Add("TemplateURL", request.TemplateURL)
            .AddList("Parameters", request.Parameters, ParameterFields)
            .AddList("Tags", request.Tags, static t => [("Key", t.Key), ("Value", t.Value)])
            .AddList("Capabilities", request.Capabilities)
            .AddList("NotificationARNs", request.NotificationARNs)
            .Add("ClientRequestToken", request.ClientRequestToken)
            .Add("OnFailure", request.OnFailure)
            .Add("TimeoutInMinutes", request.TimeoutInMinutes)
            .Add("RoleARN", request.RoleARN);
        var result = await _query.SendAsync("CreateStack", fields, cancellationToken).ConfigureAwait(false);
        return new CreateStackResponse { StackId = result.Text("StackId") ?? "" };
    }

    public async Task DeleteStackAsync(DeleteStackRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var fields = new QueryParameters()
            .Add("StackName", request.StackName)
            .Add("ClientRequestToken", request.ClientRequestToken)
            .Add("RoleARN", request.RoleARN);
        await _query.SendAsync("DeleteStack", fields, cancellationToken).ConfigureAwait(false);
    }

    public async Task<DescribeStacksResponse> DescribeStacksAsync(DescribeStacksRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var fields = new QueryParameters()
            .Add("StackName", request.StackName)
            .Add("NextToken", request.NextToken);
        var result = await _query.SendAsync("DescribeStacks", fields, cancellationToken).ConfigureAwait(false);
        return new DescribeStacksResponse
        {
            Stacks = [.. result.Members("Stacks").Select(ReadStack)],
            NextToken = Token(result),
        };
    }

    /// <summary>One page of events, newest first, as the API returns them.</summary>
    public async Task<DescribeStackEventsResponse> DescribeStackEventsAsync(DescribeStackEventsRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var fields = new QueryParameters()
            .Add("StackName", request.StackName)
            .Add("NextToken", request.NextToken);
        var result = await _query.SendAsync("DescribeStackEvents", fields, cancellationToken).ConfigureAwait(false);
        return new DescribeStackEventsResponse
        {
            StackEvents = [.. result.Members("StackEvents").Select(ReadEvent)],
            NextToken = Token(result),
        };
    }

    /// <summary>Every page of events, following NextToken until the service stops giving one.</summary>
    public async Task<IReadOnlyList<StackEvent>> DescribeAllStackEventsAsync(string stackName, CancellationToken cancellationToken = default)
    {
        var events = new List<StackEvent>();
        string? next = null;
        do
        {
            var page = await DescribeStackEventsAsync(new DescribeStackEventsRequest { StackName = stackName, NextToken = next }, cancellationToken).ConfigureAwait(false);
            events.AddRange(page.StackEvents);
            next = page.NextToken;
        }
        while (next is not null);

        return events;
    }

    /// <summary>One page of the stack's resources (100 at most), with their physical ids.</summary>
    public async Task<ListStackResourcesResponse> ListStackResourcesAsync(ListStackResourcesRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var fields = new QueryParameters()
            .Add("StackName", request.StackName)
            .Add("NextToken", request.NextToken);
        var result = await _query.SendAsync("ListStackResources", fields, cancellationToken).ConfigureAwait(false);
        return new ListStackResourcesResponse
        {
            StackResourceSummaries = [.. result.Members("StackResourceSummaries").Select(static m => new StackResourceSummary
            {
                LogicalResourceId = m.Text("LogicalResourceId") ?? "",
                PhysicalResourceId = m.Text("PhysicalResourceId"),
                ResourceType = m.Text("ResourceType") ?? "",
                ResourceStatus = m.Text("ResourceStatus") ?? "",
            })],
            NextToken = Token(result),
        };
    }

    /// <summary>Every resource of the stack, following NextToken.</summary>
    public async Task<IReadOnlyList<StackResourceSummary>> ListAllStackResourcesAsync(string stackName, CancellationToken cancellationToken = default)
    {
        var resources = new List<StackResourceSummary>();
        string? next = null;
        do
        {
            var page = await ListStackResourcesAsync(new ListStackResourcesRequest { StackName = stackName, NextToken = next }, cancellationToken).ConfigureAwait(false);
            resources.AddRange(page.StackResourceSummaries);
            next = page.NextToken;
        }
        while (next is not null);

        return resources;
    }

    public async Task<GetTemplateSummaryResponse> GetTemplateSummaryAsync(GetTemplateSummaryRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var fields = new QueryParameters()
            .Add("TemplateBody", request.TemplateBody)
            .Add("TemplateURL", request.TemplateURL)
            .Add("StackName", request.StackName);
        var result = await _query.SendAsync("GetTemplateSummary", fields, cancellationToken).ConfigureAwait(false);
        return new GetTemplateSummaryResponse
        {
            Description = result.Text("Description"),
            Version = result.Text("Version"),
            Capabilities = [.. result.Members("Capabilities").Select(static m => m.Value)],
            ResourceTypes = [.. result.Members("ResourceTypes").Select(static m => m.Value)],
            Parameters = [.. result.Members("Parameters").Select(static m => new ParameterDeclaration
            {
                ParameterKey = m.Text("ParameterKey") ?? "",
                ParameterType = m.Text("ParameterType") ?? "",
                DefaultValue = m.Text("DefaultValue"),
                Description = m.Text("Description"),
                NoEcho = m.Bool("NoEcho") ?? false,
                ParameterConstraints = new ParameterConstraints
                {
                    AllowedValues = [.. m.Child("ParameterConstraints").Members("AllowedValues").Select(static v => v.Value)],
                },
            })],
        };
    }

    private static IEnumerable<(string, string?)> ParameterFields(Parameter p)
    {
        yield return ("ParameterKey", p.ParameterKey);
        yield return ("ParameterValue", p.ParameterValue);
        if (p.UsePreviousValue is { } previous)
        {
            yield return ("UsePreviousValue", previous ? "true" : "false");
        }
    }

    private static Stack ReadStack(XElement m) => new()
    {
        StackId = m.Text("StackId") ?? "",
        StackName = m.Text("StackName") ?? "",
        StackStatus = m.Text("StackStatus") ?? "",
        StackStatusReason = m.Text("StackStatusReason"),
        Description = m.Text("Description"),
        CreationTime = m.Time("CreationTime"),
        LastUpdatedTime = m.Time("LastUpdatedTime"),
        Parameters = [.. m.Members("Parameters").Select(static p => new Parameter { ParameterKey = p.Text("ParameterKey") ?? "", ParameterValue = p.Text("ParameterValue") })],
        Outputs = [.. m.Members("Outputs").Select(static o => new Output { OutputKey = o.Text("OutputKey") ?? "", OutputValue = o.Text("OutputValue"), Description = o.Text("Description"), ExportName = o.Text("ExportName") })],
        Tags = [.. m.Members("Tags").Select(static t => new Tag { Key = t.Text("Key") ?? "", Value = t.Text("Value") ?? "" })],
        Capabilities = [.. m.Members("Capabilities").Select(static c => c.Value)],
    };

    private static StackEvent ReadEvent(XElement m) => new()
    {
        EventId = m.Text("EventId") ?? "",
        StackId = m.Text("StackId") ?? "",
        StackName = m.Text("StackName") ?? "",
        LogicalResourceId = m.Text("LogicalResourceId") ?? "",
        PhysicalResourceId = m.Text("PhysicalResourceId"),
        ResourceType = m.Text("ResourceType") ?? "",
        ResourceStatus = m.Text("ResourceStatus") ?? "",
        ResourceStatusReason = m.Text("ResourceStatusReason"),
        Timestamp = m.Time("Timestamp") ?? default,
        ClientRequestToken = m.Text("ClientRequestToken"),
    };

    private static string? Token(XElement? result) => result.Text("NextToken") is { Length: > 0 } token ? token : null;
}
