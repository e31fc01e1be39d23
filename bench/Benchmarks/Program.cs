using Wso2Serverless.Benchmarks;

// Figures for BENCHMARKS.md; scripts/bench.sh builds what they measure and runs them all.
var rest = new Options(args.Length > 0 ? args[1..] : []);
return args.FirstOrDefault() switch
{
    "cold-start" => await ColdStart.RunAsync(rest).ConfigureAwait(false),
    "warm" => await WarmPath.RunAsync(rest).ConfigureAwait(false),
    "cost" => OrchestrationCost.Run(rest),
    "reaction" => ReactionTime.Run(rest),
    "scale" => ScaleCheck.Run(rest),
    "simulate-time" => await SimulateTime.RunAsync(rest).ConfigureAwait(false),
    "replay" => ReplayCheck.Run(rest),
    "measure" => await TreeMemory.RunAsync(rest).ConfigureAwait(false),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("""
        usage: bench cold-start [--aot FILE] [--jit FILE|FILE.dll] [--runs N] [--handler NAME] [--instructions N]
               bench warm [--aot FILE] [--invocations N] [--readme src/Aws/DynamoDb/README.md]
               bench cost --report simulate.json [--poll-seconds 30] [--memory-mb 256] [--invocation-ms 100]
               bench reaction --report simulate.json [--report ...] [--min-events 100]
               bench scale --report simulate.json [--environments N] [--wall-seconds S] [--target-seconds S]
               bench simulate-time [--runs 5] [--target-seconds S] -- COMMAND [ARGS...]
               bench replay --report first.json --report second.json
               bench measure [--log FILE] [--sample-ms 20] -- COMMAND [ARGS...]
        """);
    return 2;
}
