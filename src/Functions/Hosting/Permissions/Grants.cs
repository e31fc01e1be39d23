namespace Wso2Serverless.Functions.Hosting.Permissions;

/// <summary>
/// The statements the catalog's functions are declared with, each naming only what the calls it
/// covers reach: this stack's table, its own topic and the request topics the validator lets
/// through, the product stacks under the prefix, the two documents, its two state machines.
/// The tests record every AWS call the functions make and evaluate it against these (docs/security.md).
/// </summary>
public static class Grants
{
    private const string Partition = "arn:${AWS::Partition}";

    private static readonly TemplateText Table = TemplateText.GetAtt("PhaseTable", "Arn");
    private static readonly TemplateText TableIndexes = TemplateText.Sub("${PhaseTable.Arn}/index/*");
    private static readonly TemplateText ProductStacks = TemplateText.Sub($"{Partition}:cloudformation:${{AWS::Region}}:${{AWS::AccountId}}:stack/${{StackNamePrefix}}*/*");
    private static readonly TemplateText[] StateMachines =
    [
        TemplateText.Sub($"{Partition}:states:${{AWS::Region}}:${{AWS::AccountId}}:stateMachine:${{AWS::StackName}}-deployment"),
        TemplateText.Sub($"{Partition}:states:${{AWS::Region}}:${{AWS::AccountId}}:stateMachine:${{AWS::StackName}}-teardown"),
    ];

    private static readonly TemplateText[] Executions =
    [
        TemplateText.Sub($"{Partition}:states:${{AWS::Region}}:${{AWS::AccountId}}:execution:${{AWS::StackName}}-deployment:*"),
        TemplateText.Sub($"{Partition}:states:${{AWS::Region}}:${{AWS::AccountId}}:execution:${{AWS::StackName}}-teardown:*"),
    ];

    /// <summary>The two URL forms the validator accepts for a template under the bucket and prefix (ScopeRules).</summary>
    private static readonly TemplateText[] TemplateUrls =
    [
        TemplateText.Sub("https://${TemplateBucketName}.s3.${AWS::Region}.${AWS::URLSuffix}/${TemplatePrefix}*"),
        TemplateText.Sub("https://${TemplateBucketName}.s3.${AWS::URLSuffix}/${TemplatePrefix}*"),
    ];

    /// <summary>Items of the phase table (records, phases, locks, tokens, environments).</summary>
    public static Grant PhaseTable(params string[] actions) =>
        new("PhaseTable", [.. actions.Select(a => "dynamodb:" + a)], [Table]);

    /// <summary>Queries of the table's GSI1 (an environment's history, pending notifications, registered environments).</summary>
    public static Grant PhaseTableIndex { get; } = new("PhaseTableIndex", ["dynamodb:Query"], [TableIndexes]);

    /// <summary>The callbacks of waiting tasks. Task tokens name no resource IAM can scope.</summary>
    public static Grant CompleteWaitingTasks(params string[] actions) =>
        new("CompleteWaitingTasks", [.. actions.Select(a => "states:" + a)], [TemplateText.Any]);

    public static Grant DescribeProductStacks(params string[] actions) =>
        new("DescribeProductStacks", [.. actions.Select(a => "cloudformation:" + a)], [ProductStacks]);

    /// <summary>
    /// Stacks this orchestrator created only (its tag, which every CreateStack sets), and only under
    /// the prefix: the code checks the same tags before every delete (StackOwnership).
    /// </summary>
    public static Grant DeleteProductStacks { get; } =
        new Grant("DeleteOwnProductStacks", ["cloudformation:DeleteStack"], [ProductStacks])
            .When("StringEquals", "aws:ResourceTag/wso2:orchestrator", TemplateText.Ref("AWS::StackName"));

    /// <summary>Create a stack under the prefix, with this orchestrator's tag and stack role, from the template bucket and prefix only.</summary>
    public static Grant CreateProductStacks { get; } =
        new Grant("CreateProductStacks", ["cloudformation:CreateStack"], [ProductStacks])
            .When("StringEquals", "aws:RequestTag/wso2:orchestrator", TemplateText.Ref("AWS::StackName"))
            .When("StringLike", "cloudformation:TemplateUrl", TemplateUrls)
            .When("ArnEquals", "cloudformation:RoleArn", TemplateText.GetAtt("StackRole", "Arn"));

    /// <summary>Tags given with CreateStack need TagResource too, at creation only.</summary>
    public static Grant TagProductStacksAtCreation { get; } =
        new Grant("TagProductStacksAtCreation", ["cloudformation:TagResource"], [ProductStacks])
            .When("StringEquals", "cloudformation:CreateAction", TemplateText.Literal("CreateStack"));

    /// <summary>Preflight's parameter declarations, of templates under the bucket and prefix only (it names no stack).</summary>
    public static Grant SummariseProductTemplates { get; } =
        new Grant("SummariseProductTemplates", ["cloudformation:GetTemplateSummary"], [TemplateText.Any])
            .When("StringLike", "cloudformation:TemplateUrl", TemplateUrls);

    /// <summary>The template's text, read by preflight, and by CloudFormation as the caller for CreateStack and GetTemplateSummary.</summary>
    public static Grant ReadProductTemplates { get; } =
        new("ReadProductTemplates", ["s3:GetObject"], [TemplateText.Sub($"{Partition}:s3:::${{TemplateBucketName}}/${{TemplatePrefix}}*")]);

    /// <summary>CreateStack passes the stack role, and only to CloudFormation.</summary>
    public static Grant PassTheStackRole { get; } =
        new Grant("PassTheStackRole", ["iam:PassRole"], [TemplateText.GetAtt("StackRole", "Arn")])
            .When("StringEquals", "iam:PassedToService", TemplateText.Literal("cloudformation.amazonaws.com"));

    /// <summary>Preflight checks the AMIs exist. DescribeImages authorises on no resource.</summary>
    public static Grant DescribeImages { get; } = new("DescribeImages", ["ec2:DescribeImages"], [TemplateText.Any]);

    /// <summary>The two documents only; the instances only when they carry an environment tag (products of ours).</summary>
    public static IReadOnlyList<Grant> SendOurDocuments { get; } =
    [
        new("SendOurDocuments", ["ssm:SendCommand"],
        [
            TemplateText.Sub($"{Partition}:ssm:${{AWS::Region}}:${{AWS::AccountId}}:document/${{DatabaseDocumentName}}"),
            TemplateText.Sub($"{Partition}:ssm:${{AWS::Region}}:${{AWS::AccountId}}:document/${{AgentDocumentName}}"),
        ]),
        new Grant("SendToProductInstancesOnly", ["ssm:SendCommand"], [TemplateText.Sub($"{Partition}:ec2:${{AWS::Region}}:${{AWS::AccountId}}:instance/*")])
            .When("StringLike", "ssm:resourceTag/wso2:environment", TemplateText.Literal("?*")),
    ];

    /// <summary>Command status and output. These authorise on no resource.</summary>
    public static Grant ReadCommandResults(params string[] actions) =>
        new("ReadCommandResults", [.. actions.Select(a => "ssm:" + a)], [TemplateText.Any]);

    /// <summary>The stack's own topic, and request topics of this account whose name starts with ExtraTopicPrefix (the validator refuses others).</summary>
    public static Grant PublishNotifications { get; } =
        new("PublishNotifications", ["sns:Publish"],
        [
            TemplateText.Ref("Topic"),
            TemplateText.Sub($"{Partition}:sns:${{AWS::Region}}:${{AWS::AccountId}}:${{ExtraTopicPrefix}}*"),
        ]);

    public static Grant StartOurStateMachines { get; } = new("StartOurStateMachines", ["states:StartExecution"], StateMachines);

    public static Grant ReadOurExecutions(params string[] actions) =>
        new("OurExecutions", [.. actions.Select(a => "states:" + a)], Executions);

    /// <summary>Verify reads the stack's target groups, listeners and health. These authorise on no resource.</summary>
    public static Grant ReadTargetHealth { get; } =
        new("ReadTargetHealth", ["elasticloadbalancing:DescribeTargetGroups", "elasticloadbalancing:DescribeTargetHealth", "elasticloadbalancing:DescribeListeners"], [TemplateText.Any]);

    /// <summary>The pinned probe reads the certificates the listeners present.</summary>
    public static Grant ReadListenerCertificates { get; } =
        new("ReadListenerCertificates", ["iam:GetServerCertificate", "acm:GetCertificate"],
        [
            TemplateText.Sub($"{Partition}:iam::${{AWS::AccountId}}:server-certificate/*"),
            TemplateText.Sub($"{Partition}:acm:${{AWS::Region}}:${{AWS::AccountId}}:certificate/*"),
        ]);
}
