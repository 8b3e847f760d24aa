namespace Allianssi.Import;

/// <summary>One file to import as one batch of one dataset.</summary>
public sealed class ImportRequest
{
    /// <summary>The dataset name of data-model.md (case-insensitive).</summary>
    public required string Dataset { get; init; }

    /// <summary>The file's bytes: a readable, seekable stream positioned at the start. Not disposed.</summary>
    public required Stream Content { get; init; }

    /// <summary>The file name as uploaded (kept with the batch record; never parsed for meaning).</summary>
    public required string FileName { get; init; }

    /// <summary>Report everything, store nothing.</summary>
    public bool DryRun { get; init; }

    /// <summary>A row with the key of a stored row but different content replaces it (instead of a conflict).</summary>
    public bool Replace { get; init; }

    /// <summary>The alliance's party ids (required for <c>ledger</c>; ignored otherwise).</summary>
    public IReadOnlyCollection<string>? Parties { get; init; }

    /// <summary>Who imports (user name or "cli:&lt;os user&gt;"), for the batch record.</summary>
    public string ImportedBy { get; init; } = "unknown";

    /// <summary>The importing user's party, for the batch record (null for the CLI or an admin).</summary>
    public string? Party { get; init; }

    /// <summary>Progress as bytes of the file processed and rows read.</summary>
    public IProgress<ImportProgress>? Progress { get; init; }
}

/// <summary>How far an import has come.</summary>
/// <param name="Phase">What it is doing.</param>
/// <param name="Bytes">Bytes of the file processed in this phase.</param>
/// <param name="TotalBytes">The file's length.</param>
/// <param name="Rows">Data rows read so far.</param>
public readonly record struct ImportProgress(ImportPhase Phase, long Bytes, long TotalBytes, long Rows);

/// <summary>The phases of an import.</summary>
public enum ImportPhase
{
    /// <summary>Hashing and checking the encoding.</summary>
    Inspecting,
    /// <summary>Reading and validating rows.</summary>
    Reading,
    /// <summary>Duplicates, conflicts and the commit.</summary>
    Writing,
}
