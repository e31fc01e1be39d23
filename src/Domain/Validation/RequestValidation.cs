using Wso2Serverless.Domain.Model;

namespace Wso2Serverless.Domain.Validation;

/// <summary>
/// The validator's answer: the normalised deployment when the request is valid, otherwise every
/// problem found (never just the first, so one round trip fixes the request).
/// </summary>
public sealed record RequestValidation(Deployment? Deployment, IReadOnlyList<ValidationProblem> Problems)
{
    public bool IsValid => Deployment is not null && Problems.Count == 0;

    /// <summary>One readable line per problem, for the rejection's cause. Never contains submitted values.</summary>
    public string Describe() =>
        Problems.Count == 1
            ? $"The request is invalid: {Problems[0]}"
            : $"The request has {Problems.Count} problems: " + string.Join("; ", Problems.Select(p => p.ToString()));
}
