namespace Wso2Serverless.Functions.Hosting.Permissions;

/// <summary>
/// A value as serverless.template writes it: a literal, or an intrinsic function the template
/// resolves (<c>Fn::Sub</c>, <c>Ref</c>, <c>Fn::GetAtt</c>). Plain data: the template generator
/// (Templates.Tests) turns it into JSON.
/// </summary>
public sealed record TemplateText(TemplateTextKind Kind, string Value, string? Attribute = null)
{
    public static TemplateText Literal(string value) => new(TemplateTextKind.Literal, value);

    public static TemplateText Sub(string text) => new(TemplateTextKind.Sub, text);

    public static TemplateText Ref(string logicalId) => new(TemplateTextKind.Ref, logicalId);

    public static TemplateText GetAtt(string logicalId, string attribute) => new(TemplateTextKind.GetAtt, logicalId, attribute);

    /// <summary>Every resource: for actions the service authorises on no resource of their own.</summary>
    public static TemplateText Any { get; } = Literal("*");
}

public enum TemplateTextKind
{
    Literal,
    Sub,
    Ref,
    GetAtt,
}
