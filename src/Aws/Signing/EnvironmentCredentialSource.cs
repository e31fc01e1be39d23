using Amazon.Runtime;

namespace Wso2Serverless.Aws.Signing;

/// <summary>
/// The role's keys from <c>AWS_ACCESS_KEY_ID</c>, <c>AWS_SECRET_ACCESS_KEY</c> and
/// <c>AWS_SESSION_TOKEN</c>: how Lambda hands a function its execution role, valid for the life of
/// the execution environment. Nothing else is searched (no profile files, no instance metadata),
/// so a function never picks up some other identity; the CLI brings its own chain.
/// </summary>
public sealed class EnvironmentCredentialSource(Func<string, string?>? getEnvironment = null) : ICredentialSource
{
    public const string AccessKeyIdVariable = "AWS_ACCESS_KEY_ID";
    public const string SecretAccessKeyVariable = "AWS_SECRET_ACCESS_KEY";
    public const string SessionTokenVariable = "AWS_SESSION_TOKEN";

    private readonly Func<string, string?> _get = getEnvironment ?? Environment.GetEnvironmentVariable;
    private ImmutableCredentials? _credentials;

    public static EnvironmentCredentialSource Instance { get; } = new();

    public ValueTask<ImmutableCredentials> GetCredentialsAsync(CancellationToken cancellationToken) =>
        ValueTask.FromResult(_credentials ??= Read());

    private ImmutableCredentials Read()
    {
        var accessKeyId = Required(AccessKeyIdVariable);
        var secret = Required(SecretAccessKeyVariable);
        return new ImmutableCredentials(accessKeyId, secret, _get(SessionTokenVariable) is { Length: > 0 } token ? token : null);
    }

    private string Required(string name) =>
        _get(name) is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException($"{name} is not set: AWS calls are signed with the keys Lambda puts in the environment.");
}
