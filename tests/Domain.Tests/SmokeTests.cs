namespace Wso2Serverless.Domain.Tests;

public class SmokeTests
{
    [Fact]
    public void One_Plus_One() => (1 + 1).Should().Be(2);
}
