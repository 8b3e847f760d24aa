using System.Collections.Concurrent;
using Allianssi.Store;

namespace Allianssi.Indicators.Sandbox;

/// <summary>
/// Lets analysts' own queries run on a store one at a time, at validation and at compute alike.
/// </summary>
/// <remarks>
/// DuckDB bounds memory per database instance (<c>memory_limit</c>, and <c>max_temp_directory_size</c> for what spills),
/// not per query or connection, and DuckDB.NET shares one instance between all connections on a file. With the gate,
/// no two custom queries hold the instance's memory at once: one custom query can take at most the store's limit (and
/// its spill cap) and fails with <see cref="SandboxCodes.MemoryLimit"/> beyond it, and custom queries cannot add up to
/// starve the imports and built-in computations that share the instance. Those are not gated: they run beside the one
/// custom query. The gate is per store file (the unit DuckDB's limits apply to), for the whole process. Waiting for the
/// gate does not count against a query's time limit or a job's budget; every holder is bounded by its time limit.
/// </remarks>
public static class SandboxGate
{
    private static readonly ConcurrentDictionary<string, SemaphoreSlim> Gates = new(StringComparer.Ordinal);

    /// <summary>Waits until no other custom query runs on <paramref name="store"/> and holds the gate until disposed.</summary>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled while waiting.</exception>
    public static Held Enter(AnalyticalStore store, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        var gate = Gates.GetOrAdd(Path.GetFullPath(store.Path), _ => new SemaphoreSlim(1, 1));
        gate.Wait(cancellationToken);
        return new Held(gate);
    }

    /// <summary>Whether a custom query holds the gate of <paramref name="store"/> now.</summary>
    public static bool IsHeld(AnalyticalStore store)
    {
        ArgumentNullException.ThrowIfNull(store);
        return Gates.TryGetValue(Path.GetFullPath(store.Path), out var gate) && gate.CurrentCount == 0;
    }

    /// <summary>The gate, held until disposed (once).</summary>
    public sealed class Held : IDisposable
    {
        private SemaphoreSlim? _gate;

        internal Held(SemaphoreSlim gate) => _gate = gate;

        /// <summary>Releases the gate.</summary>
        public void Dispose() => Interlocked.Exchange(ref _gate, null)?.Release();
    }
}
