using System.Net;
using System.Text.Json.Nodes;
using Wso2Serverless.Aws.Http;
using Wso2Serverless.Domain.Events;
using Wso2Serverless.Domain.Model;
using Wso2Serverless.Domain.Ports;
using Wso2Serverless.StandIns.Templates;

namespace Wso2Serverless.StandIns.World;

/// <summary>
/// CloudFormation for the product stack: CreateStack is idempotent per ClientRequestToken and
/// returns at once; the stack then creates its resources over the virtual clock, fails and rolls
/// back when a scenario says so, and publishes "CloudFormation Stack Status Change" events.
/// </summary>
public sealed class SimulatedCloudFormation(SimulatedWorld world) : IStackService
{
    private const string Service = "cloudformation";

    public Task<string> CreateStackAsync(CreateStackInput input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        var lost = world.Throttles.Enter(Service, "CreateStack");
        var body = input.TemplateBody ?? File.ReadAllText(world.TemplatePath);
        StackState stack;
        lock (world.Gate)
        {
            var live = world.AllStacks.FirstOrDefault(s => s.StackName == input.StackName && !s.IsDeleted);
            if (live is not null)
            {
                if (live.ClientRequestToken == input.ClientRequestToken)
                {
                    return lost ? throw world.Throttles.AnswerLost(Service) : Task.FromResult(live.StackId); // a retried request: same stack
                }

                throw new AwsServiceException(Service, "AlreadyExistsException", $"Stack [{input.StackName}] already exists", world.Ids.NewGuid().ToString(), HttpStatusCode.BadRequest);
            }

            var lb = $"{input.StackName}-alb-{world.NextHex(10)}.{SimulatedWorld.Region}.elb.amazonaws.com".ToLowerInvariant();
            stack = new StackState
            {
                StackId = $"arn:aws:cloudformation:{SimulatedWorld.Region}:{SimulatedWorld.Account}:stack/{input.StackName}/{world.Ids.NewGuid()}",
                StackName = input.StackName,
                ClientRequestToken = input.ClientRequestToken,
                OnFailure = input.OnFailure,
                Parameters = input.Parameters,
                Tags = input.Tags,
                Resources = TemplateResources.Read(body),
                LoadBalancerDns = lb,
            };
            world.AllStacks.Add(stack);
            AddEvent(stack, stack.StackName, "AWS::CloudFormation::Stack", "CREATE_IN_PROGRESS", "User Initiated");
        }

        Publish(stack, "CREATE_IN_PROGRESS", "User Initiated", input.ClientRequestToken);
        world.Spawn(ct => CreateAsync(stack, ct), $"create stack {stack.StackName}");
        return lost ? throw world.Throttles.AnswerLost(Service) : Task.FromResult(stack.StackId);
    }

    public Task DeleteStackAsync(string stackNameOrId, string clientRequestToken, CancellationToken cancellationToken)
    {
        var lost = world.Throttles.Enter(Service, "DeleteStack");
        StackState? stack;
        lock (world.Gate)
        {
            stack = Find(stackNameOrId);
            // DeleteStack on a stack that does not exist succeeds, as on AWS.
            if (stack is null || stack.Status is "DELETE_IN_PROGRESS" or "DELETE_COMPLETE")
            {
                return lost ? throw world.Throttles.AnswerLost(Service) : Task.CompletedTask;
            }

            stack.DeleteToken = clientRequestToken;
            SetStatus(stack, "DELETE_IN_PROGRESS", "User Initiated");
        }

        Publish(stack, "DELETE_IN_PROGRESS", "User Initiated", clientRequestToken);
        world.Spawn(ct => DeleteAsync(stack, world.Timings.StackDelete, clientRequestToken, ct), $"delete stack {stack.StackName}");
        return lost ? throw world.Throttles.AnswerLost(Service) : Task.CompletedTask;
    }

    public Task<StackDescription?> DescribeStackAsync(string stackNameOrId, CancellationToken cancellationToken)
    {
        if (world.Throttles.Enter(Service, "DescribeStack"))
        {
            throw world.Throttles.AnswerLost(Service);
        }
        lock (world.Gate)
        {
            var stack = Find(stackNameOrId);
            if (stack is null && stackNameOrId.StartsWith("arn:", StringComparison.Ordinal))
            {
                throw new AwsServiceException(Service, "ValidationError", $"Stack with id {stackNameOrId} does not exist", world.Ids.NewGuid().ToString(), HttpStatusCode.BadRequest);
            }

            return Task.FromResult(stack?.Describe());
        }
    }

    public Task<IReadOnlyList<StackEvent>> DescribeStackEventsAsync(string stackNameOrId, CancellationToken cancellationToken)
    {
        if (world.Throttles.Enter(Service, "DescribeStackEvents"))
        {
            throw world.Throttles.AnswerLost(Service);
        }
        lock (world.Gate)
        {
            var stack = Find(stackNameOrId)
                ?? throw new AwsServiceException(Service, "ValidationError", $"Stack [{stackNameOrId}] does not exist", world.Ids.NewGuid().ToString(), HttpStatusCode.BadRequest);
            return Task.FromResult<IReadOnlyList<StackEvent>>([.. Enumerable.Reverse(stack.Events)]);
        }
    }

    public Task<TemplateSummary> GetTemplateSummaryAsync(string? templateUrl, string? templateBody, CancellationToken cancellationToken)
    {
        if (world.Throttles.Enter(Service, "GetTemplateSummary"))
        {
            throw world.Throttles.AnswerLost(Service);
        }
        // Any template URL stands for the bundled template: there is no S3 here.
        return Task.FromResult(templateBody is not null ? LocalTemplateSummary.Parse(templateBody) : LocalTemplateSummary.ReadFile(world.TemplatePath));
    }

    private static Dictionary<string, string> SeedTags(string environment, string deploymentId, string? orchestrator)
    {
        var tags = new Dictionary<string, string>(StringComparer.Ordinal) { [ResourceTags.Environment] = environment, [ResourceTags.DeploymentId] = deploymentId };
        if (orchestrator is not null)
        {
            tags[ResourceTags.Orchestrator] = orchestrator;
        }

        return tags;
    }

    /// <summary>
    /// Puts an already-created stack in the world, as an earlier deployment of the environment
    /// left it (rebuild scenarios): CREATE_COMPLETE, with its instances, tagged with the environment
    /// and, when given, the orchestrator that created it.
    /// </summary>
    public string SeedCompleteStack(string stackName, string environment, string deploymentId, string? orchestrator = null)
    {
        var body = File.ReadAllText(world.TemplatePath);
        lock (world.Gate)
        {
            var stack = new StackState
            {
                StackId = $"arn:aws:cloudformation:{SimulatedWorld.Region}:{SimulatedWorld.Account}:stack/{stackName}/{world.Ids.NewGuid()}",
                StackName = stackName,
                ClientRequestToken = $"seed-{deploymentId}",
                OnFailure = "ROLLBACK",
                Parameters = new Dictionary<string, string>(StringComparer.Ordinal) { ["EnvironmentName"] = environment, ["DeploymentId"] = deploymentId },
                Tags = SeedTags(environment, deploymentId, orchestrator),
                Resources = TemplateResources.Read(body),
                LoadBalancerDns = $"{stackName}-alb-{world.NextHex(10)}.{SimulatedWorld.Region}.elb.amazonaws.com".ToLowerInvariant(),
            };
            world.AllStacks.Add(stack);
            foreach (var (logicalId, type) in stack.Resources)
            {
                LaunchInstances(stack, logicalId, type);
            }

            foreach (var (key, value) in Outputs(stack))
            {
                stack.Outputs[key] = value;
            }

            SetStatus(stack, "CREATE_COMPLETE", null);
            return stack.StackId;
        }
    }

    /// <summary>By id (any status) or by name (only a stack that is not deleted), as CloudFormation resolves them.</summary>
    private StackState? Find(string nameOrId) =>
        nameOrId.StartsWith("arn:", StringComparison.Ordinal)
            ? world.AllStacks.FirstOrDefault(s => s.StackId == nameOrId)
            : world.AllStacks.LastOrDefault(s => s.StackName == nameOrId && !s.IsDeleted);

    private async Task CreateAsync(StackState stack, CancellationToken ct)
    {
        var resources = stack.Resources.Count > 0 ? stack.Resources : [("Placeholder", "AWS::CloudFormation::WaitConditionHandle")];
        var step = world.Timings.StackCreate / resources.Count;
        var due = world.Clock.UtcNow;
        var created = new List<(string, string)>();
        foreach (var (logicalId, type) in resources)
        {
            due += step;
            lock (world.Gate)
            {
                if (stack.Status != "CREATE_IN_PROGRESS")
                {
                    return; // deleted while creating
                }

                AddEvent(stack, logicalId, type, "CREATE_IN_PROGRESS", null);
            }

            await world.Clock.DelayUntilAsync(due, ct).ConfigureAwait(false);
            if (logicalId == world.FaultsOf(stack).FailingStackResource)
            {
                await FailAsync(stack, logicalId, type, created, ct).ConfigureAwait(false);
                return;
            }

            lock (world.Gate)
            {
                AddEvent(stack, logicalId, type, "CREATE_COMPLETE", null);
                LaunchInstances(stack, logicalId, type);
            }

            if (world.Faults.PuppetMasterDuringCreate && type == "AWS::EC2::Instance" && logicalId.Contains("Puppet", StringComparison.OrdinalIgnoreCase))
            {
                // As on AWS: the instance boots while the rest of the stack is still being created.
                world.Spawn(token => new PuppetMasterSimulation(world, stack).RunAsync(token), $"puppet master of {stack.StackName}");
            }

            created.Add((logicalId, type));
        }

        lock (world.Gate)
        {
            if (stack.Status != "CREATE_IN_PROGRESS")
            {
                return;
            }

            foreach (var (key, value) in Outputs(stack))
            {
                stack.Outputs[key] = value;
            }

            SetStatus(stack, "CREATE_COMPLETE", null);
        }

        Publish(stack, "CREATE_COMPLETE", null, stack.ClientRequestToken);
        if (world.Faults.PuppetMasterDuringCreate)
        {
            return; // booted already
        }

        world.Spawn(token => new PuppetMasterSimulation(world, stack).RunAsync(token), $"puppet master of {stack.StackName}");
    }

    private async Task FailAsync(StackState stack, string logicalId, string type, List<(string LogicalId, string Type)> created, CancellationToken ct)
    {
        var reason = $"Resource handler returned message: \"We currently do not have sufficient capacity in the Availability Zone you requested (us-east-1a).\" (Service: Ec2, Status Code: 500, HandlerErrorCode: GeneralServiceException)";
        var stackReason = $"The following resource(s) failed to create: [{logicalId}]. Rollback requested by user.";
        lock (world.Gate)
        {
            AddEvent(stack, logicalId, type, "CREATE_FAILED", reason);
        }

        if (stack.OnFailure == "DO_NOTHING")
        {
            lock (world.Gate)
            {
                SetStatus(stack, "CREATE_FAILED", $"The following resource(s) failed to create: [{logicalId}].");
            }

            Publish(stack, "CREATE_FAILED", stack.StatusReason, stack.ClientRequestToken);
            return;
        }

        if (stack.OnFailure == "DELETE")
        {
            lock (world.Gate)
            {
                SetStatus(stack, "DELETE_IN_PROGRESS", stackReason);
            }

            Publish(stack, "DELETE_IN_PROGRESS", stackReason, stack.ClientRequestToken);
            await DeleteAsync(stack, world.Timings.StackRollback, stack.ClientRequestToken, ct, created).ConfigureAwait(false);
            return;
        }

        lock (world.Gate)
        {
            SetStatus(stack, "ROLLBACK_IN_PROGRESS", stackReason);
        }

        Publish(stack, "ROLLBACK_IN_PROGRESS", stackReason, stack.ClientRequestToken);
        await RemoveResourcesAsync(stack, created, world.Timings.StackRollback, ct).ConfigureAwait(false);
        lock (world.Gate)
        {
            SetStatus(stack, "ROLLBACK_COMPLETE", null);
        }

        Publish(stack, "ROLLBACK_COMPLETE", null, stack.ClientRequestToken);
    }

    private async Task DeleteAsync(StackState stack, TimeSpan duration, string token, CancellationToken ct, IReadOnlyList<(string LogicalId, string Type)>? created = null)
    {
        await RemoveResourcesAsync(stack, created ?? stack.Resources, duration, ct).ConfigureAwait(false);
        lock (world.Gate)
        {
            SetStatus(stack, "DELETE_COMPLETE", null);
        }

        Publish(stack, "DELETE_COMPLETE", null, token);
    }

    private async Task RemoveResourcesAsync(StackState stack, IReadOnlyList<(string LogicalId, string Type)> resources, TimeSpan duration, CancellationToken ct)
    {
        lock (world.Gate)
        {
            foreach (var instance in world.Instances.Where(i => i.StackId == stack.StackId))
            {
                instance.Terminated = true;
                instance.ProductHealthy = false;
            }
        }

        var step = duration / Math.Max(1, resources.Count);
        var due = world.Clock.UtcNow;
        foreach (var (logicalId, type) in resources.Reverse())
        {
            due += step;
            lock (world.Gate)
            {
                AddEvent(stack, logicalId, type, "DELETE_IN_PROGRESS", null);
            }

            await world.Clock.DelayUntilAsync(due, ct).ConfigureAwait(false);
            lock (world.Gate)
            {
                AddEvent(stack, logicalId, type, "DELETE_COMPLETE", null);
            }
        }
    }

    /// <summary>EC2 instances appear when their instance or Auto Scaling group resource is created.</summary>
    private void LaunchInstances(StackState stack, string logicalId, string type)
    {
        string? role = type switch
        {
            "AWS::EC2::Instance" when logicalId.Contains("Puppet", StringComparison.OrdinalIgnoreCase) => AgentRoles.PuppetMaster,
            "AWS::AutoScaling::AutoScalingGroup" when logicalId.StartsWith("Mi", StringComparison.OrdinalIgnoreCase) => AgentRoles.MicroIntegrator,
            "AWS::AutoScaling::AutoScalingGroup" => AgentRoles.ApiManager,
            _ => null,
        };
        if (role is null)
        {
            return;
        }

        var node = role == AgentRoles.PuppetMaster ? role : $"{role}-{world.Instances.Count(i => i.StackId == stack.StackId && i.Role == role) + 1}";
        // Stack tags propagate to the instances; the template adds the role and node tags.
        var tags = new Dictionary<string, string>(stack.Tags, StringComparer.Ordinal)
        {
            [ResourceTags.Role] = role,
            ["wso2:node"] = node,
            ["aws:cloudformation:stack-id"] = stack.StackId,
            ["aws:cloudformation:logical-id"] = logicalId,
        };
        if (stack.Parameters.TryGetValue("DeploymentId", out var deploymentId))
        {
            tags[ResourceTags.DeploymentId] = deploymentId;
        }

        if (stack.Parameters.TryGetValue("EnvironmentName", out var environment))
        {
            tags[ResourceTags.Environment] = environment;
        }

        world.Instances.Add(new SimulatedInstance { InstanceId = "i-0" + world.NextHex(16), StackId = stack.StackId, Role = role, Tags = tags });
    }

    private static Dictionary<string, string> Outputs(StackState stack)
    {
        var lb = stack.LoadBalancerDns;
        var outputs = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["CarbonServerUrl"] = $"https://{lb}/services/",
            ["MgtConsoleUrl"] = $"https://{lb}/carbon",
            ["PublisherUrl"] = $"https://{lb}/publisher",
            ["DevPortalUrl"] = $"https://{lb}/devportal",
            ["AdminUrl"] = $"https://{lb}/admin",
            ["KeyManagerUrl"] = $"https://{lb}/services/",
            ["GatewayHttpsUrl"] = $"https://{lb}:8243",
            ["GatewayHttpUrl"] = $"http://{lb}:8280",
            ["MIPassThroughHttpsUrl"] = $"https://{lb}:8253",
            ["MIPassThroughHttpUrl"] = $"http://{lb}:8290",
            ["MIHealthUrl"] = $"https://{lb}:9201/healthz",
            ["LoadBalancerDNSName"] = lb,
        };
        if (stack.Parameters.TryGetValue("DeploymentId", out var id))
        {
            outputs["DeploymentId"] = id;
        }

        if (stack.Parameters.TryGetValue("DBPasswordParameterName", out var name))
        {
            outputs["DBPasswordParameterName"] = name;
        }

        return outputs;
    }

    private void SetStatus(StackState stack, string status, string? reason)
    {
        stack.Status = status;
        stack.StatusReason = reason;
        AddEvent(stack, stack.StackName, "AWS::CloudFormation::Stack", status, reason);
    }

    private void AddEvent(StackState stack, string logicalId, string type, string status, string? reason) =>
        stack.Events.Add(new StackEvent(world.Ids.NewGuid().ToString(), logicalId, type, status, reason, world.Clock.UtcNow));

    private void Publish(StackState stack, string status, string? reason, string token)
    {
        var detail = new JsonObject
        {
            ["stack-id"] = stack.StackId,
            ["status-details"] = new JsonObject { ["status"] = status, ["status-reason"] = reason ?? "" },
            ["client-request-token"] = token,
        };
        world.Bus.Publish(EventSources.CloudFormation, EventSources.StackStatusChange, [stack.StackId], detail,
            lose: world.FaultsOf(stack).LostStackStatuses.Contains(status));
    }
}
