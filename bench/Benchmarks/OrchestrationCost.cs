using System.Globalization;
using System.Text.Json;

namespace Wso2Serverless.Benchmarks;

/// <summary>
/// What one happy-path deployment costs in Step Functions state transitions and Lambda
/// invocations: measured for our callback design (from a <c>simulate --json</c> report), and
/// modelled for a Wait-state polling design with a 30 s interval over the same phase durations.
/// </summary>
internal static class OrchestrationCost
{
    // Public on-demand prices (us-east-1, x86): Step Functions Standard $0.025 per 1,000 state
    // transitions; Lambda $0.20 per 1M requests and $0.0000166667 per GB-second.
    private const double PerTransition = 0.025 / 1000;
    private const double PerRequest = 0.20 / 1_000_000;
    private const double PerGbSecond = 0.0000166667;

    // The phases that wait, in minutes, as the issue fixes them: stack 45, Puppet Master 10,
    // DB scripts 5, two agent roles 10 each.
    private static readonly (string Phase, double Minutes)[] Waits =
        [("CreateStack", 45), ("AwaitPuppetMaster", 10), ("RunDatabaseScripts", 5), ("RunPuppetAgents:apim", 10), ("RunPuppetAgents:mi", 10)];

    public static int Run(string[] args)
    {
        var reportPath = Stats.Args(args, "--report", "artifacts/bench/simulate-happy.json");
        using var report = JsonDocument.Parse(File.ReadAllBytes(reportPath));
        var root = report.RootElement;
        var transitions = root.GetProperty("stateTransitions").GetInt32();
        var invocations = root.GetProperty("functionInvocations").GetInt32();
        // Our functions are short: start work, store a token. 128-256 MB, well under a second.
        const double callbackGbSeconds = 0.25 * 0.3;

        // Polling: each 30 s tick is Wait -> check Task -> Choice (3 transitions, 1 invocation),
        // on top of the same straight-line states the callback design has.
        var polls = Waits.Sum(w => Math.Ceiling(w.Minutes * 60 / 30));
        var pollTransitions = transitions + (polls * 3);
        var pollInvocations = invocations + polls;

        double Dollars(double t, double i) => (t * PerTransition) + (i * PerRequest) + (i * callbackGbSeconds * PerGbSecond);
        var ours = Dollars(transitions, invocations);
        var polling = Dollars(pollTransitions, pollInvocations);

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"callback design (measured): {transitions} transitions, {invocations} invocations, ${ours:F6} per deployment"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"polling design (30 s, modelled): {pollTransitions} transitions, {pollInvocations} invocations, ${polling:F6} per deployment"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"ratio polling/callback: transitions {pollTransitions / transitions:F1}x, cost {polling / ours:F1}x"));
        return transitions <= 20 ? 0 : 1;
    }
}
