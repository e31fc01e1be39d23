using System.Text.Json.Nodes;

namespace Wso2Serverless.Domain.Preflight;

/// <summary>
/// One AMI the stack will launch, and where its id comes from: a parameter, a mapping entry
/// (for the region), or a literal in the template. <see cref="OverrideParameters"/> are the
/// parameters that choose between the mapping and a caller's own AMI.
/// </summary>
public sealed record ImageReference(
    string ImageId,
    string? Parameter,
    string? Mapping,
    IReadOnlyList<string> OverrideParameters,
    IReadOnlyList<string> UsedBy) : IImageUse;

/// <summary>A mapping the template reads an AMI from has no entry for this region (or key).</summary>
public sealed record MissingMappingEntry(string Mapping, string Region, string Key, IReadOnlyList<string> OverrideParameters, IReadOnlyList<string> UsedBy) : IImageUse;

/// <summary>Which resources use an AMI, and which parameters would choose another.</summary>
public interface IImageUse
{
    IReadOnlyList<string> OverrideParameters { get; }
    IReadOnlyList<string> UsedBy { get; }
}

/// <summary>
/// Finds the AMIs a template will use: every <c>ImageId</c> of an EC2 instance, launch template
/// or launch configuration whose condition holds, evaluated for the request's parameters and region.
/// </summary>
public static class ImageReferences
{
    private static readonly Dictionary<string, string[]> ImagePaths = new(StringComparer.Ordinal)
    {
        ["AWS::EC2::Instance"] = ["ImageId"],
        ["AWS::EC2::LaunchTemplate"] = ["LaunchTemplateData", "ImageId"],
        ["AWS::AutoScaling::LaunchConfiguration"] = ["ImageId"],
    };

    public static (IReadOnlyList<ImageReference> Images, IReadOnlyList<MissingMappingEntry> Missing) Find(TemplateDocument template, TemplateEvaluator evaluator)
    {
        ArgumentNullException.ThrowIfNull(template);
        ArgumentNullException.ThrowIfNull(evaluator);
        var images = new List<ImageReference>();
        var missing = new List<MissingMappingEntry>();
        foreach (var (logicalId, node) in template.Resources)
        {
            if (node is not JsonObject resource || resource["Type"] is not JsonValue type
                || TemplateEvaluator.Text(type) is not { } typeName || !ImagePaths.TryGetValue(typeName, out var path)
                || (resource["Condition"] is JsonValue c && evaluator.Condition(TemplateEvaluator.Text(c)) == false))
            {
                continue;
            }

            JsonNode? expression = resource["Properties"];
            foreach (var step in path)
            {
                expression = expression is JsonObject o ? o[step] : null;
            }

            if (expression is null)
            {
                continue;
            }

            var overrides = evaluator.ParametersIn(expression);
            var source = Resolve(expression, evaluator);
            switch (source)
            {
                case (_, _, { } mapping, { } key) when source.ImageId is null:
                    Add(missing, new MissingMappingEntry(mapping, evaluator.Region, key, overrides, [logicalId]));
                    break;
                case ({ } id, var parameter, var mapping, _) when id.StartsWith("ami-", StringComparison.Ordinal):
                    // A mapping entry is changed through the parameters that pick it; a parameter is its own override.
                    Add(images, new ImageReference(id, parameter, mapping, parameter is null ? overrides : [], [logicalId]));
                    break;
            }
        }

        return (images, missing);
    }

    /// <summary>Follows Fn::If to the branch that applies; reports a parameter or a mapping entry as the origin.</summary>
    private static (string? ImageId, string? Parameter, string? Mapping, string? Key) Resolve(JsonNode expression, TemplateEvaluator evaluator)
    {
        while (expression is JsonObject { Count: 1 } f && f.First() is ("Fn::If", JsonArray { Count: 3 } branches))
        {
            var chosen = evaluator.Condition(evaluator.Evaluate(branches[0]));
            if (chosen is null)
            {
                return default;
            }

            expression = branches[chosen.Value ? 1 : 2]!;
            if (expression is null)
            {
                return default;
            }
        }

        if (expression is JsonObject { Count: 1 } r && r.First() is ("Ref", JsonValue name))
        {
            var parameter = TemplateEvaluator.Text(name);
            return (evaluator.Evaluate(expression), parameter, null, null);
        }

        if (expression is JsonObject { Count: 1 } m && m.First() is ("Fn::FindInMap", JsonArray { Count: 3 } args))
        {
            var map = evaluator.Evaluate(args[0]);
            var first = evaluator.Evaluate(args[1]);
            var second = evaluator.Evaluate(args[2]);
            return map is null || first is null || second is null
                ? default
                : (evaluator.Evaluate(expression), null, map, $"{first}/{second}");
        }

        return (evaluator.Evaluate(expression), null, null, null);
    }

    /// <summary>One entry per AMI and origin, naming every resource that uses it.</summary>
    private static void Add(List<ImageReference> images, ImageReference image) =>
        Merge(images, image, i => i.ImageId == image.ImageId && i.Parameter == image.Parameter && i.Mapping == image.Mapping,
            (known, used, overrides) => known with { UsedBy = used, OverrideParameters = overrides });

    private static void Add(List<MissingMappingEntry> missing, MissingMappingEntry entry) =>
        Merge(missing, entry, m => m.Mapping == entry.Mapping && m.Key == entry.Key,
            (known, used, overrides) => known with { UsedBy = used, OverrideParameters = overrides });

    /// <summary>Adds <paramref name="item"/>, or folds its users and override parameters into the entry it matches.</summary>
    private static void Merge<T>(List<T> list, T item, Predicate<T> same, Func<T, IReadOnlyList<string>, IReadOnlyList<string>, T> with)
        where T : IImageUse
    {
        var index = list.FindIndex(same);
        if (index < 0)
        {
            list.Add(item);
            return;
        }

        var known = list[index];
        list[index] = with(known, [.. known.UsedBy, .. item.UsedBy], [.. known.OverrideParameters.Union(item.OverrideParameters, StringComparer.Ordinal)]);
    }
}
