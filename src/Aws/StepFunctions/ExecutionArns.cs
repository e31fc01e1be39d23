namespace Wso2Serverless.Aws.StepFunctions;

/// <summary>
/// <c>arn:aws:states:R:A:stateMachine:M</c> runs executions named N as
/// <c>arn:aws:states:R:A:execution:M:N</c> (Standard machines).
/// </summary>
public static class ExecutionArns
{
    public static string? From(string stateMachineArn, string executionName)
    {
        ArgumentNullException.ThrowIfNull(stateMachineArn);
        var parts = stateMachineArn.Split(':');
        if (parts.Length != 7 || parts[0] != "arn" || parts[2] != "states" || parts[5] != "stateMachine")
        {
            return null;
        }

        parts[5] = "execution";
        return string.Join(':', parts) + ":" + executionName;
    }
}
