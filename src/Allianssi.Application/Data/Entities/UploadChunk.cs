namespace Allianssi.Application.Data.Entities;

/// <summary>
/// Up to 1 MiB of a retained upload: the file of an <see cref="ImportBatch"/> is the concatenation
/// of its chunks by <see cref="Index"/>. Chunked so that a 1 GB file never sits in memory.
/// </summary>
public sealed class UploadChunk
{
    /// <summary>The largest chunk, in bytes.</summary>
    public const int MaxBytes = 1 << 20;

    public long BatchId { get; set; }

    /// <summary>0, 1, 2, ... in file order.</summary>
    public int Index { get; set; }

    public required byte[] Bytes { get; set; }
}
