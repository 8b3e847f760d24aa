using System.Diagnostics;

namespace Allianssi.Import;

/// <summary>Wall-clock time per named phase of one import, lap by lap.</summary>
internal sealed class PhaseClock
{
    private readonly Stopwatch _watch = Stopwatch.StartNew();
    private readonly Dictionary<string, double> _seconds = new(StringComparer.Ordinal);

    /// <summary>The seconds of each phase so far, in the order first lapped.</summary>
    public IReadOnlyDictionary<string, double> Seconds => _seconds;

    /// <summary>Adds the time since the last lap (or the start) to <paramref name="phase"/>.</summary>
    public void Lap(string phase)
    {
        _seconds[phase] = _seconds.GetValueOrDefault(phase) + _watch.Elapsed.TotalSeconds;
        _watch.Restart();
    }
}
