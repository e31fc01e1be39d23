namespace Wso2Serverless.Benchmarks;

/// <summary>
/// Public on-demand list prices, us-east-1 (also eu-west-1), x86_64, checked 2026-11-28 on
/// aws.amazon.com/step-functions/pricing and aws.amazon.com/lambda/pricing. Free tiers are
/// left out: they are per account, not per deployment.
/// </summary>
internal static class Prices
{
    /// <summary>Step Functions Standard: $0.025 per 1,000 state transitions.</summary>
    public const double PerTransition = 0.025 / 1000;

    /// <summary>Lambda: $0.20 per 1M requests.</summary>
    public const double PerRequest = 0.20 / 1_000_000;

    /// <summary>Lambda x86_64, first pricing tier: $0.0000166667 per GB-second.</summary>
    public const double PerGbSecond = 0.0000166667;
}
