namespace Wso2Serverless.Aws.StepFunctions.Model;

/// <summary>Only tests and <c>simulate</c> create state machines; production ones come from the template.</summary>
public sealed class CreateStateMachineRequest
{
    public string Name { get; set; } = "";
    public string Definition { get; set; } = "";
    public string RoleArn { get; set; } = "";
    /// <summary>STANDARD or EXPRESS.</summary>
    public string? Type { get; set; }
}

public sealed class CreateStateMachineResponse
{
    public string StateMachineArn { get; set; } = "";
    public DateTimeOffset CreationDate { get; set; }
}
