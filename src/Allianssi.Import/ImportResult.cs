using Allianssi.Import.Diagnostics;

namespace Allianssi.Import;

/// <summary>
/// The outcome of importing one file. <c>RowsRead = Accepted + Rejected</c> always; duplicates
/// are accepted rows that changed nothing.
/// </summary>
/// <param name="Batch">The batch id; null for a dry run, a refused file or a file already imported (see <see cref="SameAsBatch"/>).</param>
/// <param name="Dataset">The dataset (as given when unknown).</param>
/// <param name="Outcome">What happened to the file as a whole.</param>
/// <param name="RowsRead">Non-blank data rows read.</param>
/// <param name="Accepted">Rows accepted (including duplicates and rows that replaced others).</param>
/// <param name="Rejected">Rows rejected, each with at least one error diagnostic.</param>
/// <param name="Duplicates">Accepted rows identical to a stored or earlier row.</param>
/// <param name="Conflicts">Rows whose key was known with different content: rejected, or with replace accepted.</param>
/// <param name="Replaced">Accepted rows that replaced a stored or earlier row (replace, or a person updated).</param>
/// <param name="Diagnostics">Every finding, by row.</param>
public sealed record ImportResult(
    long? Batch, string Dataset, ImportOutcome Outcome, int RowsRead, int Accepted, int Rejected, int Duplicates, int Conflicts, int Replaced,
    IReadOnlyList<Diagnostic> Diagnostics)
{
    /// <summary>Lowercase hex SHA-256 of the file, when it could be read.</summary>
    public string? Sha256 { get; init; }

    /// <summary>For <see cref="ImportOutcome.SameFile"/>: the batch that already imported these bytes.</summary>
    public long? SameAsBatch { get; init; }

    /// <summary>The detected dialect, e.g. <c>csv; delimiter ';'; windows-1252</c>.</summary>
    public string? Dialect { get; init; }

    /// <summary>
    /// Wall-clock seconds per phase of an import that reached the store (recover, inspect, retain upload, read and
    /// append, classify, write, commit), for benchmarks and diagnostics; never any data. Null otherwise.
    /// </summary>
    public IReadOnlyDictionary<string, double>? PhaseSeconds { get; init; }
}

/// <summary>What happened to a file as a whole.</summary>
public enum ImportOutcome
{
    /// <summary>Stored as a batch (possibly with rejected rows).</summary>
    Imported,
    /// <summary>Everything checked; nothing stored.</summary>
    DryRun,
    /// <summary>The same bytes were already imported; nothing changed.</summary>
    SameFile,
    /// <summary>The whole file was refused (unreadable, missing column, unknown dataset).</summary>
    Refused,
}
