using System.Globalization;
using Allianssi.Application.Data;
using Allianssi.Application.Data.Entities;
using Allianssi.Import.Batches;
using Microsoft.EntityFrameworkCore;

namespace Allianssi.Application.UseCases.Imports;

/// <summary>
/// The batch records and retained uploads in the operational database (ARCHITECTURE.md decision 1):
/// <see cref="ImportBatch"/> rows and their 1 MiB <see cref="UploadChunk"/>s, sealed with <paramref name="cipher"/>.
/// </summary>
/// <remarks>
/// Every call works on a fresh context from <paramref name="contexts"/> and clears its change
/// tracker after each chunk, so saving or reading a 1 GB upload holds one chunk in memory at a time.
/// Chunks saved before uploads were encrypted (<see cref="UploadChunk.Encrypted"/> false) are read as they are until
/// <see cref="SealPlaintextChunks"/> seals them (at start-up when the key is present, or <c>allianssi store seal-uploads</c>).
/// </remarks>
public sealed class EfBatchRegistry(Func<AllianssiDbContext> contexts, TimeProvider time, UploadCipher cipher) : IBatchRegistry
{
    /// <inheritdoc/>
    public BatchRecord? FindAccepted(string sha256)
    {
        using var db = contexts();
        var batch = db.ImportBatches.AsNoTracking().Where(b => b.Sha256 == sha256 && b.Status == BatchStatus.Accepted).OrderBy(b => b.Id).FirstOrDefault();
        return batch is null ? null : ToRecord(batch);
    }

    /// <inheritdoc/>
    public long Begin(BatchStart start)
    {
        ArgumentNullException.ThrowIfNull(start);
        using var db = contexts();
        var batch = new ImportBatch
        {
            Dataset = start.Dataset, FileName = Truncate(start.FileName, 260), Sha256 = start.Sha256, Bytes = start.Bytes, ImportedBy = Truncate(start.ImportedBy, 256),
            Party = start.Party, ImportedAt = start.StartedAt, Replace = start.Replace, Status = BatchStatus.Pending,
        };
        db.ImportBatches.Add(batch);
        db.SaveChanges();
        return batch.Id;
    }

    /// <inheritdoc/>
    public void SaveUpload(long batchId, Stream content)
    {
        ArgumentNullException.ThrowIfNull(content);
        using var db = contexts();
        using var transaction = db.Database.BeginTransaction();

        // The next chunk is read before one is sealed, because whether a chunk is the last is part of what is authenticated.
        var current = new byte[UploadChunk.MaxBytes - UploadCipher.Overhead];
        var next = new byte[current.Length];
        var sealedChunk = new byte[UploadChunk.MaxBytes];
        var filled = Fill(content, current);
        var index = 0;
        while (filled > 0)
        {
            var nextFilled = filled == current.Length ? Fill(content, next) : 0;
            var length = cipher.Seal(batchId, index, nextFilled == 0, current.AsSpan(0, filled), sealedChunk);

            // A full chunk is saved from the reused buffer: the providers copy a parameter's bytes while saving, and a fresh
            // 1 MiB array per chunk (large-object heap) made every upload trigger several full garbage collections.
            db.UploadChunks.Add(new UploadChunk { BatchId = batchId, Index = index++, Bytes = length == sealedChunk.Length ? sealedChunk : sealedChunk[..length], Encrypted = true });
            db.SaveChanges();
            db.ChangeTracker.Clear();
            (current, next, filled) = (next, current, nextFilled);
        }

        transaction.Commit();
    }

    /// <inheritdoc/>
    /// <exception cref="InvalidDataException">A chunk fails authentication, one is missing, or the length differs from the batch record's.</exception>
    public Stream OpenUpload(long batchId)
    {
        // Chunks are copied to a temporary file one by one, so a 1 GB upload never sits in memory; the file is deleted on close.
        var file = new FileStream(Path.GetTempFileName(), FileMode.Create, FileAccess.ReadWrite, FileShare.None, 1 << 16, FileOptions.DeleteOnClose);
        try
        {
            using var db = contexts();
            var expected = db.ImportBatches.Where(b => b.Id == batchId).Select(b => (long?)b.Bytes).SingleOrDefault();
            var count = db.UploadChunks.Count(c => c.BatchId == batchId);
            for (var i = 0; i < count; i++)
            {
                var index = i;
                var chunk = db.UploadChunks.AsNoTracking().Where(c => c.BatchId == batchId && c.Index == index).Select(c => new { c.Bytes, c.Encrypted }).SingleOrDefault()
                    ?? throw new InvalidDataException(string.Create(CultureInfo.InvariantCulture, $"Chunk {index} of batch {batchId}'s retained upload is missing."));
                file.Write(chunk.Encrypted ? cipher.Open(batchId, index, index == count - 1, chunk.Bytes) : chunk.Bytes);
            }

            if (expected is { } bytes && bytes != file.Length)
            {
                throw new InvalidDataException(string.Create(CultureInfo.InvariantCulture, $"Batch {batchId}'s retained upload has {file.Length} bytes; its record says {bytes}."));
            }

            file.Position = 0;
            return file;
        }
        catch
        {
            file.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Seals the chunks that were saved before uploads were encrypted (<see cref="UploadChunk.Encrypted"/> false) in
    /// place, as <see cref="SaveUpload"/> seals new ones (the same associated data: batch, place, whether it is the
    /// last), one upload per transaction with an audit entry that holds its batch id and chunk count only. Memory holds
    /// one chunk at a time. Returns how many uploads and chunks were sealed; a second run finds none.
    /// </summary>
    /// <param name="actor">Who runs it, for the audit entries (the start-up or the CLI).</param>
    public (int Uploads, int Chunks) SealPlaintextChunks(Security.Actor actor)
    {
        ArgumentNullException.ThrowIfNull(actor);
        List<long> batches;
        using (var db = contexts())
        {
            batches = db.UploadChunks.AsNoTracking().Where(c => !c.Encrypted).Select(c => c.BatchId).Distinct().OrderBy(b => b).ToList();
        }

        var uploads = 0;
        var sealedChunks = 0;
        foreach (var batchId in batches)
        {
            using var db = contexts();
            using var transaction = db.Database.BeginTransaction();
            var count = db.UploadChunks.Count(c => c.BatchId == batchId);
            var plaintext = db.UploadChunks.AsNoTracking().Where(c => c.BatchId == batchId && !c.Encrypted).OrderBy(c => c.Index).Select(c => c.Index).ToList();
            var sealedHere = 0;
            foreach (var index in plaintext)
            {
                // Another process (the web app at start-up and the command, or a second instance) may seal the same chunk
                // meanwhile: the chunk is read and written only while it is still plaintext, so nothing is sealed twice.
                var bytes = db.UploadChunks.AsNoTracking().Where(c => c.BatchId == batchId && c.Index == index && !c.Encrypted).Select(c => c.Bytes).SingleOrDefault();
                if (bytes is null)
                {
                    continue;
                }

                var sealedChunk = new byte[bytes.Length + UploadCipher.Overhead];
                cipher.Seal(batchId, index, index == count - 1, bytes, sealedChunk);
                sealedHere += db.UploadChunks.Where(c => c.BatchId == batchId && c.Index == index && !c.Encrypted)
                    .ExecuteUpdate(u => u.SetProperty(c => c.Bytes, sealedChunk).SetProperty(c => c.Encrypted, true));
            }

            if (sealedHere == 0)
            {
                transaction.Rollback();
                continue;
            }

            Common.AuditLog.Record(db, time, actor, "seal-retained-upload", "import-batch", batchId.ToString(CultureInfo.InvariantCulture), null, new { chunks = sealedHere });
            db.SaveChanges();
            transaction.Commit();
            uploads++;
            sealedChunks += sealedHere;
        }

        return (uploads, sealedChunks);
    }

    private static int Fill(Stream content, byte[] buffer)
    {
        var filled = 0;
        int read;
        while (filled < buffer.Length && (read = content.Read(buffer, filled, buffer.Length - filled)) > 0)
        {
            filled += read;
        }

        return filled;
    }

    /// <inheritdoc/>
    public void Complete(long batchId, ImportCounts counts)
    {
        ArgumentNullException.ThrowIfNull(counts);
        Update(batchId, b =>
        {
            b.Status = BatchStatus.Accepted;
            b.FinishedAt = time.GetUtcNow();
            (b.RowsRead, b.Accepted, b.Rejected, b.Duplicates, b.Conflicts, b.Replaced) =
                (counts.RowsRead, counts.Accepted, counts.Rejected, counts.Duplicates, counts.Conflicts, counts.Replaced);
        });
    }

    /// <inheritdoc/>
    public void Abandon(long batchId)
    {
        using var db = contexts();
        db.UploadChunks.Where(c => c.BatchId == batchId).ExecuteDelete();
        db.ImportBatches.Where(b => b.Id == batchId).ExecuteUpdate(s => s
            .SetProperty(b => b.Status, BatchStatus.Failed)
            .SetProperty(b => b.FinishedAt, time.GetUtcNow()));
    }

    /// <inheritdoc/>
    public void MarkReverted(long batchId) => Update(batchId, b =>
    {
        if (b.Status == BatchStatus.Accepted)
        {
            b.Status = BatchStatus.Reverted;
            b.RevertedAt = time.GetUtcNow();
        }
    });

    /// <inheritdoc/>
    public IReadOnlyList<long> PendingBatchIds()
    {
        using var db = contexts();
        return [.. db.ImportBatches.Where(b => b.Status == BatchStatus.Pending).OrderBy(b => b.Id).Select(b => b.Id)];
    }

    /// <inheritdoc/>
    public IReadOnlyList<long> AcceptedBatchIds(string? party)
    {
        using var db = contexts();
        return [.. db.ImportBatches.Where(b => b.Status == BatchStatus.Accepted && b.Party == party).OrderBy(b => b.Id).Select(b => b.Id)];
    }

    /// <inheritdoc/>
    public IReadOnlyList<BatchRecord> List()
    {
        using var db = contexts();
        return [.. db.ImportBatches.AsNoTracking().OrderBy(b => b.Id).AsEnumerable().Select(ToRecord)];
    }

    internal static BatchRecord ToRecord(ImportBatch b) => new(
        b.Id,
        new BatchStart(b.Dataset, b.FileName, b.Sha256, b.Bytes, b.ImportedBy, b.ImportedAt, b.Replace) { Party = b.Party },
        b.Status,
        b.RowsRead is { } read ? new ImportCounts(read, b.Accepted ?? 0, b.Rejected ?? 0, b.Duplicates ?? 0, b.Conflicts ?? 0, b.Replaced ?? 0) : null,
        b.FinishedAt);

    private void Update(long batchId, Action<ImportBatch> change)
    {
        using var db = contexts();
        var batch = db.ImportBatches.Single(b => b.Id == batchId);
        change(batch);
        db.SaveChanges();
    }

    private static string Truncate(string text, int length) => text.Length <= length ? text : text[..length];
}
