namespace Allianssi.Benchmarks;

// Import throughput against DuckDB's read_csv and row-by-row EF Core inserts (being written).
internal static class ImportBenchmark
{
    public static int Run(string[] args)
    {
        Console.Error.WriteLine("The import benchmark is not written yet.");
        return 1;
    }
}
