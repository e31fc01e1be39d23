using Wso2Serverless.Domain.Ports;
using Wso2Serverless.Domain.Preflight;

namespace Wso2Serverless.Domain.Tests.Preflight;

/// <summary>
/// A template in the shape the product template takes: an optional AMI parameter per role that
/// falls back to a region mapping, constraints on what reaches a shell, a conditional resource.
/// </summary>
internal static class Fixtures
{
    public const string Template = """
        AWSTemplateFormatVersion: '2010-09-09'
        Parameters:
          OperatingSystem:
            Type: String
            Default: Ubuntu2204
            AllowedValues: [Ubuntu2204, CentOS7]
          PuppetMasterAmiId: {Type: String, Default: ''}
          ApimAmiId: {Type: String, Default: ''}
          MiAmiId: {Type: String, Default: ''}
          WSO2APIMDBInstanceEndpointAddress:
            Type: String
            AllowedPattern: '[A-Za-z0-9][A-Za-z0-9.-]{0,252}'
            ConstraintDescription: a host name or IP address
          WSO2APIMDBInstanceEndpointPort: {Type: String, AllowedPattern: '[0-9]{1,5}'}
          ElasticSearchEndpoint: {Type: String, Default: '', AllowedPattern: '(https://[A-Za-z0-9.-]+(:[0-9]{1,5})?)?'}
          DBUsername: {Type: String, MinLength: 4, MaxLength: 16}
          NodeCount: {Type: Number, MinValue: 1, MaxValue: 3}
          DBPassword: {Type: String, NoEcho: true, AllowedPattern: '[a-z]+'}
        Conditions:
          HasPuppetMasterAmi: !Not [!Equals [!Ref PuppetMasterAmiId, '']]
          HasApimAmi: !Not [!Equals [!Ref ApimAmiId, '']]
          HasMiAmi: !Not [!Equals [!Ref MiAmiId, '']]
          ShipsLogs: !Not [!Equals [!Ref ElasticSearchEndpoint, '']]
        Mappings:
          PuppetMasterAmi:
            us-east-1: {Ubuntu2204: ami-0aaa0000000000001}
            eu-west-1: {Ubuntu2204: ami-0aaa0000000000002}
          ProductAmi:
            us-east-1: {Ubuntu2204: ami-0bbb0000000000001, CentOS7: ami-0ccc0000000000001}
            eu-west-1: {Ubuntu2204: ami-0bbb0000000000002}
        Resources:
          PuppetMaster:
            Type: AWS::EC2::Instance
            Properties:
              ImageId: !If [HasPuppetMasterAmi, !Ref PuppetMasterAmiId, !FindInMap [PuppetMasterAmi, !Ref 'AWS::Region', Ubuntu2204]]
              UserData: !Base64 {'Fn::Sub': 'echo ${AWS::StackName}'}
          ApimLaunchTemplate:
            Type: AWS::EC2::LaunchTemplate
            Properties:
              LaunchTemplateData:
                ImageId: !If [HasApimAmi, !Ref ApimAmiId, !FindInMap [ProductAmi, !Ref 'AWS::Region', !Ref OperatingSystem]]
          MiLaunchTemplate:
            Type: AWS::EC2::LaunchTemplate
            Properties:
              LaunchTemplateData:
                ImageId: !If [HasMiAmi, !Ref MiAmiId, !FindInMap [ProductAmi, !Ref 'AWS::Region', !Ref OperatingSystem]]
          LogShipper:
            Type: AWS::EC2::Instance
            Condition: ShipsLogs
            Properties:
              ImageId: ami-0ddd0000000000001
          LoadBalancer:
            Type: AWS::ElasticLoadBalancingV2::LoadBalancer
            Properties:
              Name: !GetAtt Something.Name
        """;

    public static TemplateDocument Document { get; } = TemplateDocument.Parse(Template);

    /// <summary>The repository's bundled product template.</summary>
    public static string BundledTemplatePath { get; } = Path.Combine(RepoRoot(), "templates", "pattern-1.yaml");

    private static string RepoRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Wso2Serverless.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("Wso2Serverless.sln not found");
    }
}

/// <summary>An image catalog in which every AMI is available unless listed otherwise (null: does not exist).</summary>
internal sealed class Catalog(string region = "us-east-1") : IImageCatalog
{
    public Dictionary<string, string?> States { get; } = new(StringComparer.Ordinal);

    public List<string> Asked { get; } = [];

    public string Region => region;

    public Task<IReadOnlyDictionary<string, string>> DescribeImagesAsync(IReadOnlyCollection<string> imageIds, CancellationToken cancellationToken)
    {
        Asked.AddRange(imageIds);
        var found = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var id in imageIds)
        {
            if ((States.TryGetValue(id, out var state) ? state : "available") is { } s)
            {
                found[id] = s;
            }
        }

        return Task.FromResult<IReadOnlyDictionary<string, string>>(found);
    }
}
