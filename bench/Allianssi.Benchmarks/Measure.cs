using System.Diagnostics;
using System.Globalization;

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

    /// <summary>
    /// Runs the engine and its floor (the obvious alternative) <paramref name="reps"/> times each, alternating which goes
    /// first so that neither always meets a warm or a cold cache, and writes each repetition's times to standard error.
    /// </summary>
    public static EngineAndFloor Alternate(int reps, Action engine, Action floor)
    {
        var times = new EngineAndFloor();
        for (var rep = 0; rep < reps; rep++)
        {
            if (rep % 2 == 0)
            {
                times.Engine.Add(Time(engine));
                times.Floor.Add(Time(floor));
            }
            else
            {
                times.Floor.Add(Time(floor));
                times.Engine.Add(Time(engine));
            }

            Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  rep {rep + 1}: engine {times.Engine[^1].Wall:0.00} s ({times.Engine[^1].Cpu:0.00} s CPU), floor {times.Floor[^1].Wall:0.00} s ({times.Floor[^1].Cpu:0.00} s CPU)"));
        }

        return times;
    }

    /// <summary>The median of <paramref name="values"/>.</summary>
    public static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
    }
}

/// <summary>The wall and CPU seconds of each repetition of an engine and of its floor.</summary>
internal sealed class EngineAndFloor
{
    public List<(double Wall, double Cpu)> Engine { get; } = [];

    public List<(double Wall, double Cpu)> Floor { get; } = [];

    public double EngineWall => Measure.Median(Engine.Select(t => t.Wall));

    public double FloorWall => Measure.Median(Floor.Select(t => t.Wall));

    public double EngineCpu => Measure.Median(Engine.Select(t => t.Cpu));

    public double FloorCpu => Measure.Median(Floor.Select(t => t.Cpu));
}
