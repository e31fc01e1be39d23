namespace Wso2Serverless.Domain.Preflight;

/// <summary>What is wrong with one parameter of a stack request.</summary>
public enum PreflightProblemKind
{
    /// <summary>The template gives no default and the request gives no value.</summary>
    MissingRequired,

    /// <summary>The value is not one of the parameter's AllowedValues.</summary>
    NotAllowed,

    /// <summary>The request names a parameter the template does not declare.</summary>
    UnknownParameter,

    /// <summary>A NoEcho parameter got a literal value instead of a secret reference.</summary>
    LiteralSecret,

    /// <summary>The value cannot be of the parameter's type (a number, a VPC id...).</summary>
    InvalidType,

    /// <summary>The value breaks a constraint the template declares (AllowedPattern, MinLength, MaxValue...).</summary>
    ConstraintViolated,

    /// <summary>An AMI the stack would launch does not exist in the region or is not available.</summary>
    ImageMissing,

    /// <summary>The value is one the orchestrator no longer supports (an end-of-life operating system).</summary>
    Unsupported,
}
