using PveAgent.Cli;

return await CliApplication.RunAsync(args, CliEnvironment.FromProcess());
