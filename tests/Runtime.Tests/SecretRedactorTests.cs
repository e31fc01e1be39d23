using System.Text;

namespace Wso2Serverless.Runtime.Tests;

public sealed class SecretRedactorTests
{
    [Theory]
    [InlineData("dbPassword", true)]
    [InlineData("DB_PASSWORD", true)]
    [InlineData("masterUserPassword", true)]
    [InlineData("taskToken", true)]
    [InlineData("TaskToken", true)]
    [InlineData("aws_secret_access_key", true)]
    [InlineData("x-api-key", true)]
    [InlineData("Authorization", true)]
    [InlineData("keystorePassphrase", true)]
    [InlineData("clientRequestToken", false)]
    [InlineData("NextToken", false)]
    [InlineData("deploymentId", false)]
    [InlineData("stackName", false)]
    [InlineData("correlationKey", false)]
    [InlineData("", false)]
    [InlineData(null, false)]
    public void IsSecretKey_KnowsSecretNames(string? key, bool secret) =>
        SecretRedactor.IsSecretKey(key).Should().Be(secret);

    [Fact]
    public void RedactText_MasksRegisteredValuesAnywhere()
    {
        var redactor = new SecretRedactor();
        redactor.Add("Sup3rS3cret!");

        redactor.RedactText("login failed for admin with Sup3rS3cret! at 10:00")
            .Should().Be("login failed for admin with *** at 10:00");
    }

    [Fact]
    public void RedactText_MasksTheJsonEscapedFormOfARegisteredValue()
    {
        var redactor = new SecretRedactor();
        redactor.Add("pa\"ss\\word");

        redactor.RedactText("""payload {"x":"pa\"ss\\word"}""").Should().Be("""payload {"x":"***"}""");
    }

    [Fact]
    public void RedactText_MasksTheDefaultEncodersFormOfARegisteredValue()
    {
        var redactor = new SecretRedactor();
        redactor.Add("a+b<c>'d");

        redactor.RedactText("""{"x":"a\u002Bb\u003Cc\u003E\u0027d"}""").Should().Be("""{"x":"***"}""");
    }

    [Fact]
    public void Add_IgnoresValuesTooShortToMaskSafely()
    {
        var redactor = new SecretRedactor();
        redactor.Add("abc");
        redactor.Add(null);

        redactor.RedactText("abc stays readable").Should().Be("abc stays readable");
    }

    [Fact]
    public void RedactText_MasksTheLongerOfTwoOverlappingSecretsWhole()
    {
        var redactor = new SecretRedactor();
        redactor.Add("secret");
        redactor.Add("secret-and-more");

        redactor.RedactText("x secret-and-more y").Should().Be("x *** y");
    }

    [Theory]
    [InlineData("connecting with password=hunter22 to db", "connecting with password=*** to db")]
    [InlineData("""body {"dbPassword":"hunter22","env":"dev"}""", """body {"dbPassword":"***","env":"dev"}""")]
    [InlineData("""escaped {\"dbPassword\":\"hunter22\"}""", """escaped {\"dbPassword\":\"***\"}""")]
    [InlineData("Secret: hunter22", "Secret: ***")]
    [InlineData("api_key = abc123; next", "api_key = ***; next")]
    [InlineData("the token expired", "the token expired")]
    [InlineData("CreateStack ClientRequestToken=dev-42-create", "CreateStack ClientRequestToken=dev-42-create")]
    public void RedactText_MasksKeyValueShapedSecrets(string text, string expected) =>
        new SecretRedactor().RedactText(text).Should().Be(expected);

    [Fact]
    public void Harvest_RegistersValuesUnderSecretKeysAtAnyDepth()
    {
        var redactor = new SecretRedactor();

        redactor.Harvest(Encoding.UTF8.GetBytes("""{"env":"dev","db":{"masterPassword":"n3sted-Pw","user":"wso2"},"taskToken":"TOKEN-abc-123"}"""));

        redactor.RedactText("n3sted-Pw TOKEN-abc-123 wso2 dev").Should().Be("*** *** wso2 dev");
    }

    [Fact]
    public void Harvest_WithInvalidJson_DoesNothing()
    {
        var redactor = new SecretRedactor();

        redactor.Harvest(Encoding.UTF8.GetBytes("""{"password":"only-half"""));
        redactor.Harvest(default);

        redactor.RedactText("keep it").Should().Be("keep it");
    }

    [Fact]
    public void CreateScope_SeesTheParentsValuesButDoesNotAddToThem()
    {
        var parent = new SecretRedactor();
        parent.Add("global-secret");
        var scope = parent.CreateScope();
        scope.Add("event-secret");

        scope.RedactText("global-secret event-secret").Should().Be("*** ***");
        parent.RedactText("global-secret event-secret").Should().Be("*** event-secret");
    }

    [Fact]
    public void Register_AddsToTheProcessWideRedactor()
    {
        SecretRedactor.Register("process-wide-9f1c2e");

        SecretRedactor.Default.CreateScope().RedactText("v=process-wide-9f1c2e").Should().Be("v=***");
    }
}
