namespace Wso2Serverless.Cli.Tests.Support;

/// <summary>One moto and one API stand-in for every test class that talks to the API.</summary>
[CollectionDefinition(Name)]
public sealed class ApiGroup : ICollectionFixture<ApiStandInFixture>
{
    public const string Name = "api";
}

/// <summary>Request files and environment names, fresh per test so tests never share a lock.</summary>
public static class Requests
{
    public static string NewEnvironment() => "e" + Guid.NewGuid().ToString("N")[..10];

    public static string ValidFile(string environment) => Write($$"""
        {
          "environment": "{{environment}}",
          "stackName": "wso2-{{environment}}",
          "parameters": { "KeyPairName": "ops", "WSO2InstanceType": "t3.large" },
          "secrets": { "DBPassword": "/wso2/{{environment}}/db-password" }
        }
        """);

    public static string Write(string json)
    {
        var path = Path.Combine(Path.GetTempPath(), "wso2ctl-" + Guid.NewGuid().ToString("N")[..8] + ".json");
        File.WriteAllText(path, json);
        return path;
    }
}
