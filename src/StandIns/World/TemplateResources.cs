using Wso2Serverless.StandIns.Templates;
using YamlDotNet.RepresentationModel;

namespace Wso2Serverless.StandIns.World;

/// <summary>The resources a template declares, in order: what the simulated stack creates and reports events for.</summary>
public static class TemplateResources
{
    public static IReadOnlyList<(string LogicalId, string Type)> Read(string templateBody)
    {
        var root = LocalTemplateSummary.LoadRoot(templateBody);
        if (!root.Children.TryGetValue(new YamlScalarNode("Resources"), out var node) || node is not YamlMappingNode resources)
        {
            return [];
        }

        var result = new List<(string, string)>();
        foreach (var (key, value) in resources.Children)
        {
            var type = value is YamlMappingNode m && m.Children.TryGetValue(new YamlScalarNode("Type"), out var t) && t is YamlScalarNode s
                ? s.Value ?? "AWS::CloudFormation::WaitConditionHandle"
                : "AWS::CloudFormation::WaitConditionHandle";
            result.Add((((YamlScalarNode)key).Value ?? "Resource", type));
        }

        return result;
    }
}
