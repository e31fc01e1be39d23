using Wso2Serverless.Benchmarks;

// bench cold-start --aot PATH --jit PATH [--runs N]
// bench cost --report simulate.json
return args.Length > 0 && args[0] == "cold-start" ? await ColdStart.RunAsync(args[1..]).ConfigureAwait(false)
    : args.Length > 0 && args[0] == "cost" ? OrchestrationCost.Run(args[1..])
    : Usage();

static int Usage()
{
    Console.Error.WriteLine("usage: bench cold-start --aot PATH --jit PATH [--runs N] | bench cost --report FILE");
    return 2;
}
