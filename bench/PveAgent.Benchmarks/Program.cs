using BenchmarkDotNet.Running;
using PveAgent.Benchmarks.Routing;

if (args is ["percentiles"])
{
    new RouterDecisionPercentiles(Console.Out).Run();
    return;
}

BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
