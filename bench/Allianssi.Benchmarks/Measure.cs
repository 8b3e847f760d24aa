using System.Diagnostics;

namespace Allianssi.Benchmarks;

/// <summary>What every benchmark here measures with: wall and CPU time of one call, and the median of repetitions.</summary>
internal static class Measure
{
    /// <summary>Wall time and the process's CPU time of the same call (the machine may be shared, so CPU is the steadier comparison).</summary>
    public static (double Wall, double Cpu) Time(Action action)
    {
        using var process = Process.GetCurrentProcess();
        var cpu = process.TotalProcessorTime;
        var watch = Stopwatch.StartNew();
        action();
        var wall = watch.Elapsed.TotalSeconds;
        process.Refresh();
        return (wall, (process.TotalProcessorTime - cpu).TotalSeconds);
    }

    /// <summary>The median of <paramref name="values"/>.</summary>
    public static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
    }
}
