using System.Net;
using Wso2Serverless.Aws.Http;

namespace Wso2Serverless.Aws.Tests.Http;

public sealed class AwsErrorParserTests
{
    [Fact]
    public void Parse_QueryXmlError_ReadsCodeMessageAndRequestId()
    {
        const string body = """
            <ErrorResponse xmlns="http://cloudformation.amazonaws.com/doc/2010-05-15/">
              <Error><Type>Sender</Type><Code>ValidationError</Code><Message>Stack with id prod does not exist</Message></Error>
              <RequestId>req-1</RequestId>
            </ErrorResponse>
            """;

        var error = AwsErrorParser.Parse("cloudformation", HttpStatusCode.BadRequest, body, "header-id");

        error.Code.Should().Be(AwsErrorCodes.ValidationError);
        error.ServiceMessage.Should().Be("Stack with id prod does not exist");
        error.RequestId.Should().Be("req-1");
        error.HttpStatus.Should().Be(HttpStatusCode.BadRequest);
        error.Service.Should().Be("cloudformation");
        error.IsStackNotFound.Should().BeTrue();
    }

    [Fact]
    public void Parse_JsonErrorWithNamespacedType_ReadsTheBareCode()
    {
        const string body = """{"__type":"com.amazonaws.swf.service.v2.model#TaskTimedOut","message":"Task Timed Out"}""";

        var error = AwsErrorParser.Parse("states", HttpStatusCode.BadRequest, body, "req-2");

        error.Code.Should().Be(AwsErrorCodes.TaskTimedOut);
        error.ServiceMessage.Should().Be("Task Timed Out");
        error.RequestId.Should().Be("req-2");
        error.IsTaskGone.Should().BeTrue();
    }

    [Fact]
    public void Parse_JsonErrorWithCapitalMessage_ReadsIt()
    {
        var error = AwsErrorParser.Parse("states", HttpStatusCode.BadRequest, """{"__type":"ExecutionAlreadyExists","Message":"taken"}""", null);

        error.Code.Should().Be(AwsErrorCodes.ExecutionAlreadyExists);
        error.ServiceMessage.Should().Be("taken");
    }

    [Fact]
    public void Parse_ErrorTypeHeaderOnly_UsesTheHeaderWithoutItsUrl()
    {
        var error = AwsErrorParser.Parse("states", HttpStatusCode.BadRequest, "", null, "ThrottlingException:http://internal.amazon.com/coral/");

        error.Code.Should().Be("ThrottlingException");
        error.IsThrottling.Should().BeTrue();
    }

    [Fact]
    public void Parse_UnrecognisedBody_DoesNotEchoIt()
    {
        const string body = "<html>DBPassword=hunter2</html";

        var error = AwsErrorParser.Parse("cloudformation", HttpStatusCode.BadGateway, body, null);

        error.Code.Should().Be("InternalFailure");
        error.Message.Should().NotContain("hunter2");
        error.Message.Should().Contain("502");
    }

    [Theory]
    [InlineData("Throttling", true)]
    [InlineData("ThrottlingException", true)]
    [InlineData("TooManyRequestsException", true)]
    [InlineData("RequestLimitExceeded", true)]
    [InlineData("ValidationError", false)]
    public void IsThrottling_KnowsTheSpellings(string code, bool throttling)
    {
        new AwsServiceException("x", code, "m", null, HttpStatusCode.BadRequest).IsThrottling.Should().Be(throttling);
    }

    [Fact]
    public void IsStackNotFound_ForOtherValidationErrors_IsFalse()
    {
        new AwsServiceException("cloudformation", "ValidationError", "Template format error: bad", null, HttpStatusCode.BadRequest)
            .IsStackNotFound.Should().BeFalse();
    }
}
