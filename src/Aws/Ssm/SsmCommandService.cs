using Wso2Serverless.Aws.Ssm.Model;
using Wso2Serverless.Domain.Ports;

namespace Wso2Serverless.Aws.Ssm;

/// <summary>
/// <see cref="ICommandService"/> over SSM Run Command. Commands target instances by tag (the
/// stack propagates <c>wso2:*</c> tags), so a replaced instance is still found by its role.
/// SendCommand is not idempotent: it goes through <c>sender</c>, a client that never retries
/// (a retry after a lost answer starts a second command nobody tracks); the caller looks the
/// command up by its comment instead (<see cref="FindCommandByCommentAsync"/>).
/// </summary>
public sealed class SsmCommandService : ICommandService
{
    private readonly SsmClient _client;
    private readonly SsmClient _sender;

    /// <param name="client">Reads (ListCommands, GetCommandInvocation), retried.</param>
    /// <param name="sender">SendCommand only; it must make one attempt (<see cref="Http.RetryOptions.NoRetry"/>).</param>
    public SsmCommandService(SsmClient client, SsmClient sender)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(sender);
        if (sender.MaxAttempts != 1)
        {
            throw new ArgumentException("The SendCommand client must not retry (one attempt): a retry after a lost answer sends a second command.", nameof(sender));
        }

        _client = client;
        _sender = sender;
    }

    /// <summary>
    /// A "tag" with this key names instances directly (comma-separated ids) instead of matching
    /// tags: an operator re-running a document on one node, or a caller that already resolved them.
    /// </summary>
    public const string InstanceIdsKey = "InstanceIds";

    /// <summary>SSM rejects longer comments; sending and finding cut them the same way so they still match.</summary>
    public const int MaxCommentLength = 100;

    /// <summary>What GetCommandInvocation returns of each stream at most, and what the port promises.</summary>
    public const int MaxOutputChars = 24_000;

    /// <summary>With the time and document filters few commands match; this many pages of 50 bounds a busy account.</summary>
    private const int MaxCommandPages = 4;

    public async Task<string> SendCommandAsync(SendCommandInput input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (input.TargetTags.Count == 0)
        {
            // Without a target SSM would reject the call anyway; with an empty filter we would
            // rather not find out what it does.
            throw new ArgumentException("A command needs at least one target tag.", nameof(input));
        }

        var instanceIds = input.TargetTags.TryGetValue(InstanceIdsKey, out var ids)
            ? ids.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList()
            : null;
        var tags = input.TargetTags.Where(t => !string.Equals(t.Key, InstanceIdsKey, StringComparison.Ordinal)).ToList();
        if (instanceIds is not null && tags.Count > 0)
        {
            // SSM takes instance ids or targets, never both.
            throw new ArgumentException("A command targets instance ids or tags, not both.", nameof(input));
        }

        var response = await _sender.SendCommandAsync(new SendCommandRequest
        {
            DocumentName = input.DocumentName,
            InstanceIds = instanceIds,
            Targets = instanceIds is null ? [.. tags.Select(t => new Target { Key = TargetKey(t.Key), Values = [t.Value] })] : null,
            Parameters = input.Parameters.ToDictionary(p => p.Key, p => p.Value.ToList(), StringComparer.Ordinal),
            MaxConcurrency = input.MaxConcurrency,
            MaxErrors = input.MaxErrors,
            TimeoutSeconds = input.TimeoutSeconds,
            Comment = Comment(input.Comment),
        }, cancellationToken).ConfigureAwait(false);
        return response.Command?.CommandId ?? throw new InvalidOperationException("SendCommand answered without a command id.");
    }

    public async Task<string?> FindCommandByCommentAsync(string comment, string documentName, DateTimeOffset invokedAfter, CancellationToken cancellationToken)
    {
        var wanted = Comment(comment);
        var after = invokedAfter.UtcDateTime;
        Command? latest = null;
        string? nextToken = null;
        for (var page = 0; page < MaxCommandPages; page++)
        {
            var response = await _client.ListCommandsAsync(new ListCommandsRequest
            {
                MaxResults = 50,
                NextToken = nextToken,
                Filters =
                [
                    new CommandFilter { Key = CommandFilterKey.InvokedAfter, Value = after.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture) },
                    new CommandFilter { Key = CommandFilterKey.DocumentName, Value = documentName },
                ],
            }, cancellationToken).ConfigureAwait(false);
            // The filters again on our side: they bound what SSM sends, this decides what matches.
            foreach (var command in response.Commands ?? [])
            {
                if (string.Equals(command.Comment, wanted, StringComparison.Ordinal)
                    && string.Equals(command.DocumentName, documentName, StringComparison.Ordinal)
                    && (command.RequestedDateTime ?? DateTime.MaxValue) >= after
                    && (latest is null || (command.RequestedDateTime ?? DateTime.MinValue) > (latest.RequestedDateTime ?? DateTime.MinValue)))
                {
                    latest = command;
                }
            }

            nextToken = response.NextToken;
            if (string.IsNullOrEmpty(nextToken))
            {
                break;
            }
        }

        return latest?.CommandId;
    }

    public async Task<CommandResult> GetCommandAsync(string commandId, CancellationToken cancellationToken)
    {
        ListCommandsResponse listed;
        try
        {
            listed = await _client.ListCommandsAsync(new ListCommandsRequest { CommandId = commandId }, cancellationToken).ConfigureAwait(false);
        }
        catch (InvalidCommandIdException e)
        {
            throw new CommandNotFoundException($"SSM does not know command {commandId}.", e);
        }

        var command = listed.Commands?.FirstOrDefault()
            ?? throw new CommandNotFoundException($"SSM does not know command {commandId}.");

        // A command sent to instance ids lists them; one sent by tag does not, and its
        // invocations (one per instance the tags matched) are the only way to learn them.
        var instances = (command.InstanceIds ?? []).ToDictionary(id => id, _ => (string?)null, StringComparer.Ordinal);
        if (instances.Count == 0)
        {
            foreach (var invocation in await ListInvocationsAsync(commandId, cancellationToken).ConfigureAwait(false))
            {
                instances[invocation.InstanceId] = invocation.Status;
            }
        }

        var results = new List<CommandInvocationResult>(instances.Count);
        foreach (var (instanceId, listedStatus) in instances.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            results.Add(await GetInvocationAsync(commandId, instanceId, listedStatus, cancellationToken).ConfigureAwait(false));
        }

        return new CommandResult(commandId, command.Status ?? "Pending", results)
        {
            DocumentName = command.DocumentName,
            Comment = command.Comment,
        };
    }

    private async Task<List<CommandInvocation>> ListInvocationsAsync(string commandId, CancellationToken cancellationToken)
    {
        var all = new List<CommandInvocation>();
        string? nextToken = null;
        do
        {
            var response = await _client.ListCommandInvocationsAsync(new ListCommandInvocationsRequest
            {
                CommandId = commandId,
                Details = true,
                NextToken = nextToken,
            }, cancellationToken).ConfigureAwait(false);
            all.AddRange(response.CommandInvocations ?? []);
            nextToken = response.NextToken;
        }
        while (!string.IsNullOrEmpty(nextToken));

        return all;
    }

    private async Task<CommandInvocationResult> GetInvocationAsync(string commandId, string instanceId, string? listedStatus, CancellationToken cancellationToken)
    {
        try
        {
            var invocation = await _client.GetCommandInvocationAsync(new GetCommandInvocationRequest
            {
                CommandId = commandId,
                InstanceId = instanceId,
            }, cancellationToken).ConfigureAwait(false);
            // SSM reports -1 until the plugin has finished.
            var exitCode = invocation.ResponseCode is { } code && code >= 0 ? code : (int?)null;
            return new CommandInvocationResult(instanceId, invocation.Status ?? listedStatus ?? "Pending", exitCode,
                Output(invocation.StandardOutputContent, invocation.StandardErrorContent));
        }
        catch (InvocationDoesNotExistException)
        {
            // Listed but not yet delivered to the instance: there is nothing to read yet.
            return new CommandInvocationResult(instanceId, listedStatus ?? "Pending", null, "");
        }
    }

    /// <summary>
    /// Standard output, then standard error (where Puppet writes its failures), keeping the end
    /// when both together are longer than the port allows: callers want the tail.
    /// </summary>
    internal static string Output(string? standardOutput, string? standardError)
    {
        var output = string.IsNullOrEmpty(standardError)
            ? standardOutput ?? ""
            : $"{standardOutput}{(string.IsNullOrEmpty(standardOutput) || standardOutput.EndsWith('\n') ? "" : "\n")}[stderr]\n{standardError}";
        return output.Length <= MaxOutputChars ? output : output[^MaxOutputChars..];
    }

    internal static string Comment(string comment) => comment.Length <= MaxCommentLength ? comment : comment[..MaxCommentLength];

    /// <summary>SSM's tag target syntax: <c>tag:&lt;key&gt;</c>; a key given that way already is kept.</summary>
    public static string TargetKey(string tagKey) => tagKey.StartsWith("tag:", StringComparison.Ordinal) ? tagKey : "tag:" + tagKey;
}
