using Wso2Serverless.Aws.CloudFormation.Model;
using Wso2Serverless.Aws.Http;
using Wso2Serverless.Domain.Ports;
using PortStackEvent = Wso2Serverless.Domain.Ports.StackEvent;

namespace Wso2Serverless.Aws.CloudFormation;

/// <summary>
/// <see cref="IStackService"/> on CloudFormation. Translates CloudFormation's habits into the
/// port's plain answers: a missing stack is null (CloudFormation says ValidationError), and a
/// repeated CreateStack with our own request token gives back the stack it created.
/// </summary>
/// <param name="stackRoleArn">The role CloudFormation assumes for the product stack; empty to use the caller's.</param>
public sealed class CloudFormationStackService(CloudFormationClient client, string? stackRoleArn = null) : IStackService
{
    private string? RoleArn => string.IsNullOrEmpty(stackRoleArn) ? null : stackRoleArn;

    public async Task<string> CreateStackAsync(CreateStackInput input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        var request = new CreateStackRequest
        {
            StackName = input.StackName,
            TemplateURL = input.TemplateUrl,
            TemplateBody = input.TemplateBody,
            Parameters = [.. input.Parameters.Select(static p => new Parameter { ParameterKey = p.Key, ParameterValue = p.Value })],
            Tags = [.. input.Tags.Select(static t => new Tag { Key = t.Key, Value = t.Value })],
            Capabilities = [.. input.Capabilities],
            NotificationARNs = [.. input.NotificationArns],
            ClientRequestToken = input.ClientRequestToken,
            OnFailure = input.OnFailure,
            TimeoutInMinutes = input.TimeoutInMinutes,
            RoleARN = RoleArn,
        };
        try
        {
            var response = await client.CreateStackAsync(request, cancellationToken).ConfigureAwait(false);
            return response.StackId;
        }
        catch (AwsServiceException e) when (e.Code == AwsErrorCodes.AlreadyExists)
        {
            // CloudFormation answers a repeated token with the same stack id, but a retry whose first
            // attempt did go through can still meet AlreadyExists; the stack's events carry the
            // token that created it, which tells ours from someone else's.
            var own = await OwnStackIdAsync(input.StackName, input.ClientRequestToken, cancellationToken).ConfigureAwait(false);
            if (own is null)
            {
                throw;
            }

            return own;
        }
    }

    // No RoleARN on delete: CloudFormation deletes with the role the stack was created with, so
    // only the create-stack function needs iam:PassRole (the template grants it to no other).
    public async Task DeleteStackAsync(string stackNameOrId, string clientRequestToken, CancellationToken cancellationToken) =>
        await client.DeleteStackAsync(
            new DeleteStackRequest { StackName = stackNameOrId, ClientRequestToken = clientRequestToken },
            cancellationToken).ConfigureAwait(false);

    public async Task<StackDescription?> DescribeStackAsync(string stackNameOrId, CancellationToken cancellationToken)
    {
        DescribeStacksResponse response;
        try
        {
            response = await client.DescribeStacksAsync(new DescribeStacksRequest { StackName = stackNameOrId }, cancellationToken).ConfigureAwait(false);
        }
        catch (AwsServiceException e) when (e.IsStackNotFound)
        {
            return null;
        }

        return response.Stacks.FirstOrDefault() is { } stack
            ? new StackDescription(
                stack.StackId,
                stack.StackName,
                stack.StackStatus,
                stack.StackStatusReason,
                ToDictionary(stack.Outputs, static o => o.OutputKey, static o => o.OutputValue ?? ""),
                ToDictionary(stack.Parameters, static p => p.ParameterKey, static p => p.ParameterValue ?? ""),
                ToDictionary(stack.Tags, static t => t.Key, static t => t.Value))
            : null;
    }

    public async Task<IReadOnlyList<PortStackEvent>> DescribeStackEventsAsync(string stackNameOrId, CancellationToken cancellationToken)
    {
        var events = await client.DescribeAllStackEventsAsync(stackNameOrId, cancellationToken).ConfigureAwait(false);
        return [.. events.Select(static e => new PortStackEvent(e.EventId, e.LogicalResourceId, e.ResourceType, e.ResourceStatus, e.ResourceStatusReason, e.Timestamp))];
    }

    public async Task<TemplateSummary> GetTemplateSummaryAsync(string? templateUrl, string? templateBody, CancellationToken cancellationToken)
    {
        var response = await client.GetTemplateSummaryAsync(
            new GetTemplateSummaryRequest { TemplateURL = templateUrl, TemplateBody = templateBody },
            cancellationToken).ConfigureAwait(false);
        return new TemplateSummary([.. response.Parameters.Select(static p => new TemplateParameter(
            p.ParameterKey,
            p.ParameterType,
            p.DefaultValue,
            p.NoEcho,
            [.. p.ParameterConstraints.AllowedValues],
            p.Description))]);
    }

    private async Task<string?> OwnStackIdAsync(string stackName, string clientRequestToken, CancellationToken cancellationToken)
    {
        var events = await client.DescribeAllStackEventsAsync(stackName, cancellationToken).ConfigureAwait(false);
        return events.FirstOrDefault(e => e.ClientRequestToken == clientRequestToken && e.LogicalResourceId == e.StackName)?.StackId;
    }

    // Keys are unique on the wire; the last one wins should an emulator repeat one.
    private static Dictionary<string, string> ToDictionary<T>(IEnumerable<T> items, Func<T, string> key, Func<T, string> value)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var item in items)
        {
            result[key(item)] = value(item);
        }

        return result;
    }
}
