using System.Text.Json.Nodes;
using Wso2Serverless.Functions.Hosting;
using Wso2Serverless.Functions.Hosting.Permissions;

namespace Wso2Serverless.Templates.Tests.ServerlessTemplate;

/// <summary>
/// The Policies of each function resource, generated from the catalog's declarations
/// (<see cref="FunctionDefinition.Permissions"/>): one inline policy document, its statements in
/// declaration order. Statements with the same Sid are merged into one (two grants of one kind).
/// </summary>
internal static class FunctionPolicies
{
    public static JsonArray For(FunctionDefinition function)
    {
        ArgumentNullException.ThrowIfNull(function);
        var statements = new JsonArray();
        foreach (var grant in function.Permissions)
        {
            statements.Add(Statement(grant));
        }

        return [new JsonObject { ["Version"] = "2012-10-17", ["Statement"] = statements }];
    }

    /// <summary>serverless.template with every function's Policies replaced by what the catalog declares.</summary>
    public static JsonObject Generate(JsonObject template)
    {
        var generated = template.DeepClone().AsObject();
        foreach (var (_, resource) in generated["Resources"]!.AsObject())
        {
            if ((string?)resource!["Type"] == "AWS::Serverless::Function"
                && FunctionCatalog.Find((string)resource["Properties"]!["Handler"]!) is { } function)
            {
                resource["Properties"]!["Policies"] = For(function);
            }
        }

        return generated;
    }

    private static JsonObject Statement(Grant grant)
    {
        var statement = new JsonObject
        {
            ["Sid"] = grant.Sid,
            ["Effect"] = "Allow",
            ["Action"] = new JsonArray([.. grant.Actions.Select(a => (JsonNode)a)]),
            ["Resource"] = new JsonArray([.. grant.Resources.Select(Value)]),
        };
        if (grant.Conditions.Count > 0)
        {
            var condition = new JsonObject();
            foreach (var c in grant.Conditions)
            {
                var byKey = condition[c.Operator] as JsonObject ?? (JsonObject)(condition[c.Operator] = new JsonObject());
                byKey[c.Key] = c.Values.Count == 1 ? Value(c.Values[0]) : new JsonArray([.. c.Values.Select(Value)]);
            }

            statement["Condition"] = condition;
        }

        return statement;
    }

    private static JsonNode Value(TemplateText text) => text.Kind switch
    {
        TemplateTextKind.Literal => text.Value,
        TemplateTextKind.Sub => new JsonObject { ["Fn::Sub"] = text.Value },
        TemplateTextKind.Ref => new JsonObject { ["Ref"] = text.Value },
        _ => new JsonObject { ["Fn::GetAtt"] = new JsonArray(text.Value, text.Attribute) },
    };
}
