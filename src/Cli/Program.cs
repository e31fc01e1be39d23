using Wso2Serverless.Cli;

// wso2ctl: the operators' client of the orchestrator's HTTP API. Exit codes: see ExitCodes and --help.
return await CliApp.RunAsync(args, CliContext.FromProcess());
