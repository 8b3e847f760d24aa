using System.Text.Json.Serialization;

namespace Allianssi.Application.UseCases.Scoring;

/// <summary>
/// A lock in force over a scorecard or settlement shown: its scope (period, or period/year), the
/// SHA-256 of the approved snapshot, when it was locked, and whether current data gives another
/// result (the figures shown are always computed from current data; the approved ones are in the
/// snapshot). Found by <c>Results/ResultLocks</c>.
/// </summary>
public sealed record ResultLockInfo(string Scope, string SnapshotHash, DateTimeOffset LockedAt, bool CurrentDataDiffers)
{
    /// <summary>The lock columns of a CSV export: the locked scopes and their snapshot hashes (empty when not locked).</summary>
    public static (string? Scope, string? Hash) CsvCells(IReadOnlyList<ResultLockInfo>? locks) =>
        locks is { Count: > 0 }
            ? (string.Join(' ', locks.Select(l => l.Scope)), string.Join(' ', locks.Select(l => l.SnapshotHash)))
            : (null, null);
}

/// <summary>The property added to the views of a locked result.</summary>
internal static class LockedView
{
    /// <summary>Omitted from JSON when null: the snapshot of a result serialises its views and must not depend on its own lock.</summary>
    public const JsonIgnoreCondition Omit = JsonIgnoreCondition.WhenWritingNull;
}
