using System.Text.Json.Nodes;

namespace Wso2Serverless.Security.Tests.Support;

/// <summary>
/// The concrete values serverless.template is resolved with for one recording: the account, region
/// and stack name the calls went to, parameter values, and the physical names the functions were
/// configured with (table, topic, stack role), so the resolved policies name the same resources the
/// recorded calls reach. <see cref="Product"/> resolves pattern-1's roles as well.
/// </summary>
public sealed record IamProfile(string Account, string Region, string StackName)
{
    public Dictionary<string, string> Parameters { get; init; } = [];

    /// <summary>Logical id to attribute ("Ref", "Arn") to value.</summary>
    public Dictionary<string, Dictionary<string, string>> Physical { get; init; } = [];

    public (string StackName, Dictionary<string, string> Parameters)? Product { get; init; }

    public string ToJson()
    {
        var json = new JsonObject
        {
            ["root"] = Repo.Root,
            ["account"] = Account,
            ["region"] = Region,
            ["stackName"] = StackName,
            ["parameters"] = new JsonObject([.. Parameters.Select(p => KeyValuePair.Create(p.Key, (JsonNode?)p.Value))]),
            ["physical"] = new JsonObject([.. Physical.Select(p => KeyValuePair.Create(p.Key, (JsonNode?)new JsonObject([.. p.Value.Select(a => KeyValuePair.Create(a.Key, (JsonNode?)a.Value))])))]),
        };
        if (Product is { } product)
        {
            json["product"] = new JsonObject
            {
                ["stackName"] = product.StackName,
                ["parameters"] = new JsonObject([.. product.Parameters.Select(p => KeyValuePair.Create(p.Key, (JsonNode?)p.Value))]),
            };
        }

        return json.ToJsonString();
    }
}
