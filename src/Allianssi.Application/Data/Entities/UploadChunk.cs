namespace Allianssi.Application.Data.Entities;

/// <summary>
/// Up to 1 MiB of a retained upload: the file of an <see cref="ImportBatch"/> is the concatenation
/// of its chunks by <see cref="Index"/>. Chunked so that a 1 GB file never sits in memory.
/// </summary>
public sealed class UploadChunk
{
    /// <summary>
    /// The largest chunk as saved, in bytes (its plaintext is smaller by the cipher's nonce and tag). A chunk saved before
    /// encryption and sealed later keeps its plaintext's length, so it may be larger by the nonce and tag.
    /// </summary>
    public const int MaxBytes = 1 << 20;

    public long BatchId { get; set; }

    /// <summary>0, 1, 2, ... in file order.</summary>
    public int Index { get; set; }

    /// <summary>The chunk as stored: sealed by <c>UploadCipher</c> when <see cref="Encrypted"/>, else the file's bytes.</summary>
    public required byte[] Bytes { get; set; }

    /// <summary>
    /// Whether <see cref="Bytes"/> is sealed (AES-256-GCM). False only for chunks saved before uploads were encrypted,
    /// which are read as they are until they are sealed in place (docs/security.md).
    /// </summary>
    public bool Encrypted { get; set; }
}
