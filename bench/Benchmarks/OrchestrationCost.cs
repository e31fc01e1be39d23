namespace Wso2Serverless.Benchmarks;

/// <summary>
/// What one happy-path deployment costs in Step Functions state transitions and Lambda
/// invocations: measured for our callback design from a <c>simulate --json</c> report, and
/// modelled for a Wait-state polling design with a 30 s interval over the same phase durations.
/// </summary>
internal static class OrchestrationCost
{
    // The waits as the issue fixes them, in minutes: stack 45, Puppet Master 10, DB scripts 5,
    // two agent roles 10 each. The simulated world uses the same durations.
    private static readonly (string Phase, double Minutes)[] Waits =
        [("CreateStack", 45), ("AwaitPuppetMaster", 10), ("RunDatabaseScripts", 5), ("RunPuppetAgents:apim", 10), ("RunPuppetAgents:mi", 10)];

    public static int Run(Options options)
    {
        var report = SimulateReport.Load(options.Text("--report", "artifacts/bench/simulate-happy.json"));
        var interval = options.Number("--poll-seconds", 30);
        // serverless.template gives every function 256 MB. Billed duration is an assumption (the
        // simulator's handler times are against moto on a loaded machine, not AWS): our functions
        // make one or two AWS calls each, so 100 ms is generous for a warm AOT function.
        var memoryGb = options.Number("--memory-mb", 256) / 1024;
        var billedSeconds = options.Number("--invocation-ms", 100) / 1000;

        if (report.Executions.Count == 0)
        {
            Out.Error($"cost: {report.Path} holds no execution");
            return 2;
        }

        var n = report.Executions.Count;
        var transitions = report.Executions.Average(e => e.Transitions);
        var statesEntered = report.Executions.Average(e => e.States.Count);
        var workflowCalls = (double)report.Invocations.Count(i => i.Execution is not null) / n;
        var eventCalls = (double)report.Invocations.Count(i => i.Execution is null) / n;
        var timeouts = report.Executions.Sum(e => e.States.Count(s => s.Error == "States.Timeout"));
        var unclean = report.Executions.Count(e => e.Status != "SUCCEEDED");

        // Polling: each wait becomes Task(start) -> [Wait 30 s -> Task(check) -> Choice]* ; the start
        // Task stands where our callback Task stands, so the loop's three transitions and one Lambda
        // call per tick come on top of the same straight-line states. No event router is needed.
        var ticks = Waits.Sum(w => Math.Ceiling(w.Minutes * 60 / interval));
        var pollTransitions = transitions + (ticks * 3);
        var pollCalls = workflowCalls + ticks;

        double Dollars(double t, double calls) => (t * Prices.PerTransition) + (calls * Prices.PerRequest) + (calls * memoryGb * billedSeconds * Prices.PerGbSecond);
        var ours = Dollars(transitions, workflowCalls + eventCalls);
        var polling = Dollars(pollTransitions, pollCalls);

        Out.Line($"cost report: {report.Path} ({report.Scenario}, {n} execution(s), {timeouts} wait timeout(s), {unclean} not succeeded)");
        Out.Line($"cost callback (measured): {transitions:F1} state transitions ({statesEntered:F1} states entered), {workflowCalls + eventCalls:F1} Lambda invocations ({workflowCalls:F1} workflow tasks + {eventCalls:F1} EventBridge events), ${ours:F6} per deployment, ${ours * 1000:F2} per 1,000");
        Out.Line($"cost polling {interval:F0} s (modelled): {pollTransitions:F0} state transitions ({ticks:F0} ticks x 3 on top), {pollCalls:F0} Lambda invocations, ${polling:F6} per deployment, ${polling * 1000:F2} per 1,000");
        Out.Line($"cost ratio polling/callback: transitions {pollTransitions / transitions:F1}x, invocations {pollCalls / (workflowCalls + eventCalls):F1}x, dollars {polling / ours:F1}x");
        Out.Line($"cost assumptions: ${Prices.PerTransition * 1000:F3}/1k transitions, ${Prices.PerRequest * 1e6:F2}/1M requests, ${Prices.PerGbSecond:F10}/GB-s, {memoryGb * 1024:F0} MB, {billedSeconds * 1000:F0} ms billed per invocation");
        var met = transitions <= 20;
        Out.Line($"cost target <= 20 transitions per deployment: {(met ? "met" : "NOT met")}");
        return met ? 0 : 1;
    }
}
