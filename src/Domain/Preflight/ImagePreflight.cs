using Wso2Serverless.Domain.Ports;

namespace Wso2Serverless.Domain.Preflight;

/// <summary>
/// Every AMI the stack will launch exists in the region and is available, before the stack is
/// created: otherwise CloudFormation finds out 10 minutes in, at the first launch, and rolls back.
/// Upstream's 2023 AMIs may be gone, and organisations bake their own.
/// </summary>
public static class ImagePreflight
{
    public static async Task<IReadOnlyList<PreflightProblem>> CheckAsync(TemplateDocument template, TemplateEvaluator evaluator, IImageCatalog catalog, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        var (images, missingEntries) = ImageReferences.Find(template, evaluator);
        var problems = new List<PreflightProblem>();
        foreach (var entry in missingEntries)
        {
            problems.Add(new(entry.Mapping, PreflightProblemKind.ImageMissing,
                $"the template's mapping {entry.Mapping} has no AMI for {entry.Key.Replace("/", ", ", StringComparison.Ordinal)} (used by {string.Join(", ", entry.UsedBy)}){Override(entry.OverrideParameters)}"));
        }

        if (images.Count == 0)
        {
            return problems;
        }

        var found = await catalog.DescribeImagesAsync([.. images.Select(i => i.ImageId).Distinct(StringComparer.Ordinal)], cancellationToken).ConfigureAwait(false);
        foreach (var image in images)
        {
            var state = found.GetValueOrDefault(image.ImageId);
            if (state == "available")
            {
                continue;
            }

            var what = state is null
                ? $"does not exist in {catalog.Region} or is not shared with this account"
                : $"is {state} in {catalog.Region}, not available";
            var origin = image.Parameter is not null ? "" : image.Mapping is not null ? $" (from the template's mapping {image.Mapping} for {evaluator.Region})" : " (written in the template)";
            problems.Add(new(image.Parameter ?? image.Mapping ?? image.UsedBy[0], PreflightProblemKind.ImageMissing,
                $"AMI {image.ImageId}{origin} {what}; used by {string.Join(", ", image.UsedBy)}{Override(image.OverrideParameters)}"));
        }

        return problems;
    }

    private static string Override(IReadOnlyList<string> parameters) =>
        parameters.Count == 0 ? "" : $"; choose another through {string.Join(" or ", parameters)}";
}
