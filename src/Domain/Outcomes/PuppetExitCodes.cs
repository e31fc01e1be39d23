namespace Wso2Serverless.Domain.Outcomes;

/// <summary>
/// <c>puppet agent -t</c> implies <c>--detailed-exitcodes</c>: 0 nothing changed, 2 changes
/// applied, 1 run failed, 4 some resources failed, 6 changes applied and some failed. The agent
/// document maps 2 to 0 for SSM, but a document without that mapping reports 2 as Failed.
/// </summary>
public static class PuppetExitCodes
{
    public static bool IsSuccess(int exitCode) => exitCode is 0 or 2;

    public static bool IsFailure(int exitCode) => !IsSuccess(exitCode);

    public static string Describe(int exitCode) => exitCode switch
    {
        0 => "no changes",
        2 => "changes applied",
        1 => "run failed",
        4 => "some resources failed",
        6 => "changes applied, some resources failed",
        _ => "failed",
    };
}
