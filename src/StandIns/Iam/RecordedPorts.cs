using Wso2Serverless.Aws.Ssm;
using Wso2Serverless.Domain.Model;
using Wso2Serverless.Domain.Ports;

namespace Wso2Serverless.StandIns.Iam;

/// <summary>
/// Where a stand-in answers at the port (simulate's world for CloudFormation, SSM, SNS, the load
/// balancer, EC2 and S3), these decorators record the requests the AWS adapter behind that port
/// sends for each call, in the adapter's own request shapes, and <see cref="AwsCallMap"/> maps them
/// as it maps the wire. Requests whose count depends on the answer (one DescribeTargetHealth per
/// target group) are recorded from the answer.
/// </summary>
public static class RecordedPorts
{
    private static AwsRequest Request(string service, string operation, params (string Key, string? Value)[] fields) =>
        new(service, operation, fields.Where(f => f.Value is not null).ToDictionary(f => f.Key, f => f.Value!, StringComparer.Ordinal));

    /// <summary>CloudFormationStackService: it passes the stack role on CreateStack.</summary>
    public sealed class Stacks(IStackService inner, IamCallLog log, string stackRoleArn) : IStackService
    {
        public async Task<string> CreateStackAsync(CreateStackInput input, CancellationToken cancellationToken)
        {
            ArgumentNullException.ThrowIfNull(input);
            var fields = new List<(string, string?)> { ("StackName", input.StackName), ("TemplateURL", input.TemplateUrl), ("RoleARN", stackRoleArn.Length > 0 ? stackRoleArn : null) };
            var i = 1;
            foreach (var (key, value) in input.Tags)
            {
                fields.Add(($"Tags.member.{i}.Key", key));
                fields.Add(($"Tags.member.{i++}.Value", value));
            }

            await log.RecordAsync(Request("cloudformation", "CreateStack", [.. fields])).ConfigureAwait(false);
            return await inner.CreateStackAsync(input, cancellationToken).ConfigureAwait(false);
        }

        public async Task DeleteStackAsync(string stackNameOrId, string clientRequestToken, CancellationToken cancellationToken)
        {
            await log.RecordAsync(Request("cloudformation", "DeleteStack", ("StackName", stackNameOrId))).ConfigureAwait(false);
            await inner.DeleteStackAsync(stackNameOrId, clientRequestToken, cancellationToken).ConfigureAwait(false);
        }

        public async Task<StackDescription?> DescribeStackAsync(string stackNameOrId, CancellationToken cancellationToken)
        {
            await log.RecordAsync(Request("cloudformation", "DescribeStacks", ("StackName", stackNameOrId))).ConfigureAwait(false);
            return await inner.DescribeStackAsync(stackNameOrId, cancellationToken).ConfigureAwait(false);
        }

        public async Task<IReadOnlyList<StackEvent>> DescribeStackEventsAsync(string stackNameOrId, CancellationToken cancellationToken)
        {
            await log.RecordAsync(Request("cloudformation", "DescribeStackEvents", ("StackName", stackNameOrId))).ConfigureAwait(false);
            return await inner.DescribeStackEventsAsync(stackNameOrId, cancellationToken).ConfigureAwait(false);
        }

        public async Task<TemplateSummary> GetTemplateSummaryAsync(string? templateUrl, string? templateBody, CancellationToken cancellationToken)
        {
            await log.RecordAsync(Request("cloudformation", "GetTemplateSummary", ("TemplateURL", templateUrl))).ConfigureAwait(false);
            return await inner.GetTemplateSummaryAsync(templateUrl, templateBody, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>SsmCommandService: tags become <c>tag:</c> targets; a command's result is ListCommands, its invocations and one GetCommandInvocation each.</summary>
    public sealed class Commands(ICommandService inner, IamCallLog log) : ICommandService
    {
        public async Task<string> SendCommandAsync(SendCommandInput input, CancellationToken cancellationToken)
        {
            ArgumentNullException.ThrowIfNull(input);
            var fields = new List<(string, string?)> { ("DocumentName", input.DocumentName) };
            var i = 0;
            foreach (var (key, value) in input.TargetTags)
            {
                if (key == SsmCommandService.InstanceIdsKey)
                {
                    fields.AddRange(value.Split(',').Select((id, n) => ($"InstanceIds.{n}", (string?)id.Trim())));
                    continue;
                }

                fields.Add(($"Targets.{i}.Key", SsmCommandService.TargetKey(key)));
                fields.Add(($"Targets.{i++}.Values.0", value));
            }

            await log.RecordAsync(Request("ssm", "SendCommand", [.. fields])).ConfigureAwait(false);
            return await inner.SendCommandAsync(input, cancellationToken).ConfigureAwait(false);
        }

        public async Task<string?> FindCommandByCommentAsync(string comment, string documentName, DateTimeOffset invokedAfter, CancellationToken cancellationToken)
        {
            await log.RecordAsync(Request("ssm", "ListCommands")).ConfigureAwait(false);
            return await inner.FindCommandByCommentAsync(comment, documentName, invokedAfter, cancellationToken).ConfigureAwait(false);
        }

        public async Task<CommandResult> GetCommandAsync(string commandId, CancellationToken cancellationToken)
        {
            await log.RecordAsync(Request("ssm", "ListCommands", ("CommandId", commandId))).ConfigureAwait(false);
            var result = await inner.GetCommandAsync(commandId, cancellationToken).ConfigureAwait(false);
            await log.RecordAsync(Request("ssm", "ListCommandInvocations", ("CommandId", commandId))).ConfigureAwait(false);
            foreach (var invocation in result.Invocations)
            {
                await log.RecordAsync(Request("ssm", "GetCommandInvocation", ("CommandId", commandId), ("InstanceId", invocation.InstanceId))).ConfigureAwait(false);
            }

            return result;
        }
    }

    /// <summary>SnsNotifier: one Publish to the topic.</summary>
    public sealed class Notifier(INotifier inner, IamCallLog log) : INotifier
    {
        public async Task PublishAsync(string topicArn, string subject, string message, CancellationToken cancellationToken)
        {
            await log.RecordAsync(Request("sns", "Publish", ("TopicArn", topicArn))).ConfigureAwait(false);
            await inner.PublishAsync(topicArn, subject, message, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>StackLoadBalancer: the stack's resources, then ELB's descriptions, then the listeners' certificates from IAM or ACM.</summary>
    public sealed class LoadBalancer(IStackLoadBalancer inner, IamCallLog log) : IStackLoadBalancer
    {
        public async Task<IReadOnlyList<TargetGroupHealth>> DescribeTargetHealthAsync(string stackId, CancellationToken cancellationToken)
        {
            await log.RecordAsync(Request("cloudformation", "ListStackResources", ("StackName", stackId))).ConfigureAwait(false);
            var groups = await inner.DescribeTargetHealthAsync(stackId, cancellationToken).ConfigureAwait(false);
            await log.RecordAsync(Request("elasticloadbalancing", "DescribeTargetGroups")).ConfigureAwait(false);
            foreach (var group in groups)
            {
                await log.RecordAsync(Request("elasticloadbalancing", "DescribeTargetHealth", ("TargetGroupArn", group.Arn))).ConfigureAwait(false);
            }

            return groups;
        }

        public async Task<IReadOnlyList<ListenerCertificate>> GetListenerCertificatesAsync(string stackId, CancellationToken cancellationToken)
        {
            await log.RecordAsync(Request("cloudformation", "ListStackResources", ("StackName", stackId))).ConfigureAwait(false);
            var certificates = await inner.GetListenerCertificatesAsync(stackId, cancellationToken).ConfigureAwait(false);
            await log.RecordAsync(Request("elasticloadbalancing", "DescribeListeners")).ConfigureAwait(false);
            foreach (var arn in certificates.Select(c => c.CertificateArn).Distinct(StringComparer.Ordinal))
            {
                await log.RecordAsync(arn.Contains(":iam::", StringComparison.Ordinal)
                    ? Request("iam", "GetServerCertificate", ("ServerCertificateName", arn[(arn.LastIndexOf('/') + 1)..]))
                    : Request("acm", "GetCertificate", ("CertificateArn", arn))).ConfigureAwait(false);
            }

            return certificates;
        }
    }

    /// <summary>Ec2ImageCatalog: one DescribeImages for the template's AMIs.</summary>
    public sealed class Images(IImageCatalog inner, IamCallLog log) : IImageCatalog
    {
        public string Region => inner.Region;

        public async Task<IReadOnlyDictionary<string, string>> DescribeImagesAsync(IReadOnlyCollection<string> imageIds, CancellationToken cancellationToken)
        {
            await log.RecordAsync(Request("ec2", "DescribeImages")).ConfigureAwait(false);
            return await inner.DescribeImagesAsync(imageIds, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>S3TemplateSource: GetObject of the URL's bucket and key.</summary>
    public sealed class Templates(ITemplateSource inner, IamCallLog log) : ITemplateSource
    {
        public async Task<string> GetTemplateBodyAsync(string templateUrl, CancellationToken cancellationToken)
        {
            if (S3ObjectLocation.Parse(templateUrl) is { } location)
            {
                await log.RecordAsync(Request("s3", "GetObject", ("Bucket", location.Bucket), ("Key", location.Key))).ConfigureAwait(false);
            }

            return await inner.GetTemplateBodyAsync(templateUrl, cancellationToken).ConfigureAwait(false);
        }
    }
}
