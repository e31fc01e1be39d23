using Wso2Serverless.StandIns.Moto;

namespace Wso2Serverless.Simulator.Tests.Moto;

public sealed class MotoPoolTests
{
    [Fact]
    public async Task AServer_IsLentToOneBorrowerAtATime_ReusedWhenReturned_AndReplacedAfterAFailedRun()
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        MotoServer first, second, afterReturn;
        await using (var pool = new MotoPool())
        {
            first = await pool.RentAsync();
            second = await pool.RentAsync();
            second.Endpoint.Should().NotBe(first.Endpoint, "a lent server is never lent twice");

            pool.Return(first);
            afterReturn = await pool.UseAsync(Task.FromResult);
            afterReturn.Should().BeSameAs(first);

            var failing = () => pool.UseAsync<int>(_ => throw new InvalidOperationException("the run failed"));
            await failing.Should().ThrowAsync<InvalidOperationException>();
            (await Answers(http, first)).Should().BeFalse("a server whose run failed is stopped, not lent again");
            (await pool.UseAsync(Task.FromResult)).Should().NotBeSameAs(first);
            (await Answers(http, second)).Should().BeTrue();
        }

        (await Answers(http, second)).Should().BeFalse("disposing the pool stops every server it started");
    }

    private static async Task<bool> Answers(HttpClient http, MotoServer server)
    {
        try
        {
            using var response = await http.GetAsync(new Uri(server.Endpoint, "/moto-api/"));
            return response.IsSuccessStatusCode;
        }
        catch (HttpRequestException)
        {
            return false;
        }
    }
}
