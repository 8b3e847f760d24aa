using Allianssi.Import.Batches;

namespace Allianssi.Application.Data.Entities;

/// <summary>
/// One imported file [tuontierä]: which dataset, which bytes (SHA-256), who, when, the row counts,
/// and its state. The record stays when the batch is reverted; its upload's bytes are kept in
/// <see cref="UploadChunk"/> rows so the analytical store can be rebuilt.
/// </summary>
public sealed class ImportBatch
{
    public long Id { get; set; }

    /// <summary>The dataset of data-model.md, e.g. <c>visits</c>.</summary>
    public required string Dataset { get; set; }

    /// <summary>The file name as uploaded (never parsed for meaning).</summary>
    public required string FileName { get; set; }

    /// <summary>Lowercase hex SHA-256 of the file.</summary>
    public required string Sha256 { get; set; }

    /// <summary>The file's length in bytes.</summary>
    public long Bytes { get; set; }

    public BatchStatus Status { get; set; }

    /// <summary>Imported with replace: a different row for a known key replaced the stored one.</summary>
    public bool Replace { get; set; }

    public int? RowsRead { get; set; }

    public int? Accepted { get; set; }

    public int? Rejected { get; set; }

    public int? Duplicates { get; set; }

    public int? Conflicts { get; set; }

    public int? Replaced { get; set; }

    /// <summary>User name, or <c>cli:&lt;os user&gt;</c>.</summary>
    public required string ImportedBy { get; set; }

    /// <summary>The importing user's party code; null for the CLI and admins.</summary>
    public string? Party { get; set; }

    public DateTimeOffset ImportedAt { get; set; }

    /// <summary>When the batch was accepted or failed.</summary>
    public DateTimeOffset? FinishedAt { get; set; }

    public string? RevertedBy { get; set; }

    public DateTimeOffset? RevertedAt { get; set; }

    /// <summary>The import's diagnostics as gzip-compressed JSON (no identifier values, by construction of the importer).</summary>
    public byte[]? Diagnostics { get; set; }
}
