using Allianssi.Benchmarks;

// Usage: dotnet run -c Release --project bench/Allianssi.Benchmarks -- indicators [residents...]
//        dotnet run -c Release --project bench/Allianssi.Benchmarks -- import [options]
//        dotnet run -c Release --project bench/Allianssi.Benchmarks -- organiser [--reps N] [residents...]
//        dotnet run -c Release --project bench/Allianssi.Benchmarks -- reports [--data DIR] [--period P1] [--reps N]
// Benchmarks, not tests: each prints a Markdown table for docs/performance.md.
return args switch
{
    ["import", .. var rest] => ImportBenchmark.Run(rest),
    ["indicators", .. var rest] => IndicatorBenchmark.Run(rest),
    ["organiser", .. var rest] => OrganiserBenchmark.Run(rest),
    ["reports", .. var rest] => ReportBenchmark.Run(rest),
    _ => IndicatorBenchmark.Run(args),
};
