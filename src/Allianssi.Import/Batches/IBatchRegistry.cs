namespace Allianssi.Import.Batches;

/// <summary>
/// The record of import batches: ids, the SHA-256 of each accepted file (for "same file twice"),
/// counts, who and when, and the retained upload bytes that <c>store rebuild</c> replays.
/// </summary>
/// <remarks>
/// The importer drives it in this order: <see cref="FindAccepted"/>; <see cref="Begin"/> (a
/// pending record); <see cref="SaveUpload"/>; the analytical-store transaction; then
/// <see cref="Complete"/>, or <see cref="Abandon"/> when anything failed. A batch left pending by
/// a crash between the store's commit and <see cref="Complete"/> is found by
/// <see cref="PendingBatchIds"/> and its rows are removed before the next import
/// (<see cref="ExtractImporter.Recover"/>), so a batch is in the store only when its record says accepted.
/// </remarks>
public interface IBatchRegistry
{
    /// <summary>The accepted, non-reverted batch whose file had this SHA-256, if any.</summary>
    BatchRecord? FindAccepted(string sha256);

    /// <summary>Creates a pending batch record and returns its id (positive, increasing).</summary>
    long Begin(BatchStart start);

    /// <summary>Keeps the upload's bytes (read from the stream's current position to its end).</summary>
    void SaveUpload(long batchId, Stream content);

    /// <summary>Opens the retained upload of a batch for reading.</summary>
    Stream OpenUpload(long batchId);

    /// <summary>Marks a pending batch accepted with its counts.</summary>
    void Complete(long batchId, ImportCounts counts);

    /// <summary>Marks a pending batch failed and drops its retained upload.</summary>
    void Abandon(long batchId);

    /// <summary>Marks an accepted batch reverted (its rows have left the store; the record stays).</summary>
    void MarkReverted(long batchId);

    /// <summary>Batches still pending (a crash interrupted them).</summary>
    IReadOnlyList<long> PendingBatchIds();

    /// <summary>
    /// The accepted batches imported for <paramref name="party"/> (null: those without a party, the CLI's and an admin's):
    /// the only batches whose stored rows an import of that party may replace.
    /// </summary>
    IReadOnlyList<long> AcceptedBatchIds(string? party);

    /// <summary>Every batch, oldest first.</summary>
    IReadOnlyList<BatchRecord> List();
}

/// <summary>What is known when a batch starts.</summary>
public sealed record BatchStart(string Dataset, string FileName, string Sha256, long Bytes, string ImportedBy, DateTimeOffset StartedAt, bool Replace)
{
    /// <summary>The party the importing user belongs to (null for the CLI or an admin).</summary>
    public string? Party { get; init; }
}

/// <summary>The row counts of an import; <c>RowsRead = Accepted + Rejected</c>.</summary>
public sealed record ImportCounts(int RowsRead, int Accepted, int Rejected, int Duplicates, int Conflicts, int Replaced);

/// <summary>The state of a batch record.</summary>
public enum BatchStatus
{
    /// <summary>Started; not (yet) in the store.</summary>
    Pending,
    /// <summary>Its accepted rows are in the store.</summary>
    Accepted,
    /// <summary>Failed or interrupted; nothing in the store.</summary>
    Failed,
    /// <summary>Was accepted; its rows were taken out again.</summary>
    Reverted,
}

/// <summary>One batch as the registry keeps it.</summary>
public sealed record BatchRecord(long Id, BatchStart Start, BatchStatus Status, ImportCounts? Counts, DateTimeOffset? FinishedAt);
