using Wso2Serverless.StandIns.ApiGateway;

namespace Wso2Serverless.Cli.Tests.Support;

/// <summary>The API's route keys as serverless.template declares them on the API function (what API Gateway will route, $default included).</summary>
internal static class TemplateRoutes
{
    public static IReadOnlyList<string> Read() => SamHttpApiRoutes.Read(RepositoryFiles.InRepo("serverless.template"), "api");
}
