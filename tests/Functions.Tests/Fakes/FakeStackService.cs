using Wso2Serverless.Domain.Ports;

namespace Wso2Serverless.Functions.Tests.Fakes;

/// <summary>
/// A scripted CloudFormation. Calls behave like the real API (CreateStack is idempotent per
/// ClientRequestToken and refuses a second live stack of one name; DeleteStack of a missing
/// stack is a no-op; Describe by name sees only live stacks, by id also deleted ones). What the
/// stack does next is up to the test: <see cref="CompleteCreate"/>, <see cref="FailCreate"/>,
/// <see cref="CompleteDelete"/>. Each status change raises <see cref="StatusChanged"/>, the
/// event EventBridge would deliver; a test "loses" an event by not routing it.
/// </summary>
public sealed class FakeStackService : IStackService
{
    public const string Account = "123456789012";
    public const string Region = "us-east-1";

    private readonly Lock _gate = new();
    private readonly List<FakeStackEntry> _stacks = [];
    private int _sequence;

    public FaultPlan Faults { get; } = new();

    /// <summary>What GetTemplateSummary returns; tests replace it to exercise the preflight check.</summary>
    public TemplateSummary TemplateSummary { get; set; } = new([]);

    /// <summary>Raised on every stack status change (stack id, new status, reason).</summary>
    public event Action<StackStatusChange>? StatusChanged;

    public IReadOnlyList<FakeStackEntry> Stacks
    {
        get
        {
            lock (_gate)
            {
                return [.. _stacks];
            }
        }
    }

    /// <summary>The inputs of every CreateStack call that reached the service (throttled ones excluded).</summary>
    public List<CreateStackInput> CreateRequests { get; } = [];

    public FakeStackEntry? Live(string stackName)
    {
        lock (_gate)
        {
            return _stacks.LastOrDefault(s => s.Name == stackName && s.Status != "DELETE_COMPLETE");
        }
    }

    /// <summary>Puts an existing stack in place (e.g. the previous deployment's, for rebuilds).</summary>
    public FakeStackEntry Seed(string stackName, string status, IReadOnlyDictionary<string, string>? tags = null, IReadOnlyDictionary<string, string>? outputs = null)
    {
        lock (_gate)
        {
            var stack = new FakeStackEntry(NewId(stackName), stackName)
            {
                Status = status,
                Tags = tags ?? new Dictionary<string, string>(),
                Outputs = outputs ?? new Dictionary<string, string>(),
            };
            _stacks.Add(stack);
            return stack;
        }
    }

    public void CompleteCreate(string stackNameOrId, IReadOnlyDictionary<string, string>? outputs = null)
    {
        var stack = Find(stackNameOrId, includeDeleted: false) ?? throw new InvalidOperationException($"no stack {stackNameOrId}");
        lock (_gate)
        {
            stack.Outputs = outputs ?? stack.Outputs;
        }

        SetStatus(stack, "CREATE_COMPLETE", null);
    }

    /// <summary>A resource fails: its CREATE_FAILED event, then the stack rolls back.</summary>
    public void FailCreate(string stackNameOrId, string logicalResourceId, string resourceType, string reason, bool rollback = true)
    {
        var stack = Find(stackNameOrId, includeDeleted: false) ?? throw new InvalidOperationException($"no stack {stackNameOrId}");
        AddEvent(stack, logicalResourceId, resourceType, "CREATE_FAILED", reason);
        if (rollback)
        {
            SetStatus(stack, "ROLLBACK_IN_PROGRESS", "The following resource(s) failed to create: [" + logicalResourceId + "]. Rollback requested by user.");
            SetStatus(stack, "ROLLBACK_COMPLETE", null);
        }
        else
        {
            SetStatus(stack, "CREATE_FAILED", "The following resource(s) failed to create: [" + logicalResourceId + "].");
        }
    }

    public void CompleteDelete(string stackNameOrId) =>
        SetStatus(Find(stackNameOrId, includeDeleted: true) ?? throw new InvalidOperationException($"no stack {stackNameOrId}"), "DELETE_COMPLETE", null);

    public void FailDelete(string stackNameOrId, string reason) =>
        SetStatus(Find(stackNameOrId, includeDeleted: false) ?? throw new InvalidOperationException($"no stack {stackNameOrId}"), "DELETE_FAILED", reason);

    /// <summary>Any status change, with its stack-level event.</summary>
    public void SetStatus(FakeStackEntry stack, string status, string? reason)
    {
        ArgumentNullException.ThrowIfNull(stack);
        lock (_gate)
        {
            stack.Status = status;
            stack.StatusReason = reason;
        }

        AddEvent(stack, stack.Name, "AWS::CloudFormation::Stack", status, reason);
        StatusChanged?.Invoke(new StackStatusChange(stack.StackId, stack.Name, status, reason));
    }

    public void AddEvent(FakeStackEntry stack, string logicalResourceId, string resourceType, string status, string? reason)
    {
        ArgumentNullException.ThrowIfNull(stack);
        lock (_gate)
        {
            stack.Events.Add(new StackEvent(
                $"evt-{++_sequence}", logicalResourceId, resourceType, status, reason,
                new DateTimeOffset(2026, 11, 28, 9, 0, 0, TimeSpan.Zero).AddSeconds(_sequence)));
        }
    }

    public Task<string> CreateStackAsync(CreateStackInput input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        Faults.Enter("CreateStack");
        FakeStackEntry stack;
        lock (_gate)
        {
            CreateRequests.Add(input);
            var live = _stacks.LastOrDefault(s => s.Name == input.StackName && s.Status != "DELETE_COMPLETE");
            if (live is not null)
            {
                if (live.CreateToken == input.ClientRequestToken)
                {
                    return Task.FromResult(live.StackId);
                }

                throw new FakeAwsException("AlreadyExistsException", $"Stack [{input.StackName}] already exists");
            }

            stack = new FakeStackEntry(NewId(input.StackName), input.StackName)
            {
                CreateToken = input.ClientRequestToken,
                Parameters = input.Parameters,
                Tags = input.Tags,
                TemplateUrl = input.TemplateUrl,
                OnFailure = input.OnFailure,
            };
            _stacks.Add(stack);
        }

        SetStatus(stack, "CREATE_IN_PROGRESS", "User Initiated");
        return Task.FromResult(stack.StackId);
    }

    public Task DeleteStackAsync(string stackNameOrId, string clientRequestToken, CancellationToken cancellationToken)
    {
        Faults.Enter("DeleteStack");
        var stack = Find(stackNameOrId, includeDeleted: false);
        if (stack is null || stack.DeleteToken == clientRequestToken || stack.Status == "DELETE_IN_PROGRESS")
        {
            return Task.CompletedTask;
        }

        lock (_gate)
        {
            stack.DeleteToken = clientRequestToken;
        }

        SetStatus(stack, "DELETE_IN_PROGRESS", "User Initiated");
        return Task.CompletedTask;
    }

    public Task<StackDescription?> DescribeStackAsync(string stackNameOrId, CancellationToken cancellationToken)
    {
        Faults.Enter("DescribeStack");
        var stack = Find(stackNameOrId, includeDeleted: true);
        if (stack is null || (stack.Status == "DELETE_COMPLETE" && !stackNameOrId.StartsWith("arn:", StringComparison.Ordinal)))
        {
            return Task.FromResult<StackDescription?>(null);
        }

        lock (_gate)
        {
            return Task.FromResult<StackDescription?>(new StackDescription(
                stack.StackId, stack.Name, stack.Status, stack.StatusReason, stack.Outputs, stack.Parameters, stack.Tags));
        }
    }

    public Task<IReadOnlyList<StackEvent>> DescribeStackEventsAsync(string stackNameOrId, CancellationToken cancellationToken)
    {
        Faults.Enter("DescribeStackEvents");
        var stack = Find(stackNameOrId, includeDeleted: true) ?? throw new FakeAwsException("ValidationError", $"Stack [{stackNameOrId}] does not exist");
        lock (_gate)
        {
            return Task.FromResult<IReadOnlyList<StackEvent>>([.. Enumerable.Reverse(stack.Events)]);
        }
    }

    public Task<TemplateSummary> GetTemplateSummaryAsync(string? templateUrl, string? templateBody, CancellationToken cancellationToken)
    {
        Faults.Enter("GetTemplateSummary");
        return Task.FromResult(TemplateSummary);
    }

    private FakeStackEntry? Find(string stackNameOrId, bool includeDeleted)
    {
        lock (_gate)
        {
            return _stacks.LastOrDefault(s => s.StackId == stackNameOrId)
                ?? _stacks.LastOrDefault(s => s.Name == stackNameOrId && (includeDeleted || s.Status != "DELETE_COMPLETE"));
        }
    }

    private static string NewId(string stackName) =>
        $"arn:aws:cloudformation:{Region}:{Account}:stack/{stackName}/{Guid.NewGuid()}";
}

/// <summary>One stack of the fake world. Mutable so tests can script it. (Not "FakeStack": CA1711 reserves the suffix.)</summary>
public sealed class FakeStackEntry(string stackId, string name)
{
    public string StackId { get; } = stackId;
    public string Name { get; } = name;
    public string Status { get; set; } = "CREATE_IN_PROGRESS";
    public string? StatusReason { get; set; }
    public string? CreateToken { get; set; }
    public string? DeleteToken { get; set; }
    public string? TemplateUrl { get; set; }
    public string OnFailure { get; set; } = "ROLLBACK";
    public IReadOnlyDictionary<string, string> Parameters { get; set; } = new Dictionary<string, string>();
    public IReadOnlyDictionary<string, string> Tags { get; set; } = new Dictionary<string, string>();
    public IReadOnlyDictionary<string, string> Outputs { get; set; } = new Dictionary<string, string>();
    public List<StackEvent> Events { get; } = [];
}

/// <summary>A stack status change, as the CloudFormation event would report it.</summary>
public sealed record StackStatusChange(string StackId, string StackName, string Status, string? Reason);
