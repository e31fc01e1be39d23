using Wso2Serverless.Domain.Ports;

namespace Wso2Serverless.Cli.Tests.Support;

/// <summary>Ports the API handler never calls; a call fails the test loudly instead of passing silently.</summary>
internal sealed class UnusedPorts : IStackService, ICommandService, ITokenStore, INotifier, IEndpointProbe, IStackLoadBalancer, IImageCatalog, ITemplateSource
{
    public static UnusedPorts Instance { get; } = new();

    public Task<string> CreateStackAsync(CreateStackInput input, CancellationToken cancellationToken) => throw Unused();
    public Task DeleteStackAsync(string stackNameOrId, string clientRequestToken, CancellationToken cancellationToken) => throw Unused();
    public Task<StackDescription?> DescribeStackAsync(string stackNameOrId, CancellationToken cancellationToken) => throw Unused();
    public Task<IReadOnlyList<StackEvent>> DescribeStackEventsAsync(string stackNameOrId, CancellationToken cancellationToken) => throw Unused();
    public Task<TemplateSummary> GetTemplateSummaryAsync(string? templateUrl, string? templateBody, CancellationToken cancellationToken) => throw Unused();
    public Task<string> SendCommandAsync(SendCommandInput input, CancellationToken cancellationToken) => throw Unused();
    public Task<string?> FindCommandByCommentAsync(string comment, string documentName, DateTimeOffset invokedAfter, CancellationToken cancellationToken) => throw Unused();
    public Task<CommandResult> GetCommandAsync(string commandId, CancellationToken cancellationToken) => throw Unused();
    public Task<TokenRegistration> RegisterAsync(string correlationKey, PendingToken token, CancellationToken cancellationToken) => throw Unused();
    public Task<RecordedOutcome?> RecordOutcomeAsync(string correlationKey, CallbackOutcome outcome, DateTimeOffset now, bool onlyIfAwaited, CancellationToken cancellationToken) => throw Unused();
    public Task<PendingToken?> GetAsync(string correlationKey, CancellationToken cancellationToken) => throw Unused();
    public Task HoldStepAsync(string correlationKey, Wso2Serverless.Domain.Model.SubStep step, DateTimeOffset now, CancellationToken cancellationToken) => throw Unused();
    public Task PublishAsync(string topicArn, string subject, string message, CancellationToken cancellationToken) => throw Unused();
    public Task<string?> ProbeAsync(Uri endpoint, IReadOnlyCollection<string> trustedCertificates, TimeSpan timeout, CancellationToken cancellationToken) => throw Unused();
    public Task<IReadOnlyList<TargetGroupHealth>> DescribeTargetHealthAsync(string stackId, CancellationToken cancellationToken) => throw Unused();
    public Task<IReadOnlyList<ListenerCertificate>> GetListenerCertificatesAsync(string stackId, CancellationToken cancellationToken) => throw Unused();
    public Task<IReadOnlyDictionary<string, string>> DescribeImagesAsync(IReadOnlyCollection<string> imageIds, CancellationToken cancellationToken) => throw Unused();
    public string Region => throw Unused();
    public Task<string> GetTemplateBodyAsync(string templateUrl, CancellationToken cancellationToken) => throw Unused();

    private static NotSupportedException Unused() => new("The API handler is not expected to call this port.");
}
