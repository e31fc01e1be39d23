using Wso2Serverless.Aws;
using Wso2Serverless.StandIns.Http;

namespace Wso2Serverless.StandIns.Iam;

/// <summary>Endpoints whose every client, records its requests into an <see cref="IamCallLog"/>.</summary>
public static class RecordedEndpoints
{
    public static AwsEndpoints Create(Func<string, string?> environment, IamCallLog log) =>
        new(environment)
        {
            Transport = () => new RecordingHandler(log) { InnerHandler = new SocketsHttpHandler() },
        };
}
