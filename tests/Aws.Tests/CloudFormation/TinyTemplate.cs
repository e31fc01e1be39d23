namespace Wso2Serverless.Aws.Tests.CloudFormation;

/// <summary>
/// A template moto can create: its CloudFormation handles simple resources but not the user-data
/// idioms of the product template (Fn::Base64 around Fn::Sub fails with a 500).
/// </summary>
public static class TinyTemplate
{
    public const string Body = """
        {
          "AWSTemplateFormatVersion": "2010-09-09",
          "Description": "contract test stack",
          "Parameters": {
            "EnvironmentName": { "Type": "String", "Default": "dev", "AllowedValues": ["dev", "prod"], "Description": "Which environment" },
            "DbPassword": { "Type": "String", "NoEcho": true }
          },
          "Resources": {
            "Topic": { "Type": "AWS::SNS::Topic", "Properties": { "TopicName": { "Fn::Sub": "${AWS::StackName}-topic" } } },
            "Queue": { "Type": "AWS::SQS::Queue", "Properties": { "QueueName": { "Fn::Sub": "${AWS::StackName}-queue" } } }
          },
          "Outputs": {
            "TopicArn": { "Value": { "Ref": "Topic" } },
            "Environment": { "Value": { "Ref": "EnvironmentName" } }
          }
        }
        """;
}
