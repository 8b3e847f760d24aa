using Allianssi.Import.Batches;
using Allianssi.Import.Identity;
using Allianssi.Import.Reading;
using Allianssi.Store;
using Allianssi.Store.Schema;

namespace Allianssi.Import;

/// <summary>
/// The life cycle of an import batch, apart from its rows: its record is begun (pending), its upload retained
/// encrypted, and it is completed (accepted with its counts) or abandoned; a crash's pending batches are recovered
/// (their rows removed) and an accepted batch can be reverted. The rows themselves go through
/// <see cref="ImportPipeline"/> inside <see cref="ExtractImporter"/>'s transaction.
/// </summary>
/// <param name="store">The analytical store.</param>
/// <param name="registry">The batch records and retained uploads.</param>
/// <param name="time">For the batch record's timestamps.</param>
internal sealed class BatchLifecycle(AnalyticalStore store, IBatchRegistry registry, TimeProvider time)
{
    /// <summary>Records a pending batch for <paramref name="request"/>'s file; its id.</summary>
    public long Begin(ImportRequest request, DatasetSchema schema, FileInspection inspection)
    {
        // The batch record keeps the file's name; one that holds an identifier is not kept.
        var fileName = Path.GetFileName(request.FileName);
        fileName = Henkilotunnus.OccursIn(fileName) ? "(name withheld)" + Path.GetExtension(fileName) : fileName;
        return registry.Begin(new BatchStart(schema.Name, fileName, inspection.Sha256, inspection.Length, request.ImportedBy, time.GetUtcNow(), request.Replace) { Party = request.Party });
    }

    /// <summary>Marks the batch accepted with its counts.</summary>
    public void Complete(long batchId, ImportCounts counts) => registry.Complete(batchId, counts);

    /// <summary>Marks the batch failed (its retained upload is dropped).</summary>
    public void Abandon(long batchId) => registry.Abandon(batchId);

    /// <summary>
    /// Retains the batch's upload, before the store's commit, so an accepted batch always has its bytes for rebuild.
    /// When the content can be read a second time independently (a file, a memory buffer) the copy runs beside the
    /// rows (the task returned); else it is made now, and the content's position is kept.
    /// </summary>
    public Task Retain(long batchId, Stream content, PhaseClock clock)
    {
        if (SecondReader(content) is { } copy)
        {
            return Task.Run(
                () =>
                {
                    using (copy)
                    {
                        registry.SaveUpload(batchId, copy);
                    }
                },
                CancellationToken.None);
        }

        var position = content.Position;
        content.Position = 0;
        registry.SaveUpload(batchId, content);
        content.Position = position;
        clock.Lap("retain upload");
        return Task.CompletedTask;
    }

    /// <summary>
    /// Removes from the store the rows of batches a crash left pending, and marks them failed.
    /// Called before every import; call it at start-up too.
    /// </summary>
    public void Recover()
    {
        var pending = registry.PendingBatchIds();
        if (pending.Count == 0)
        {
            return;
        }

        store.EnsureSchema();
        using (var connection = store.Open())
        {
            foreach (var batch in pending)
            {
                DeleteBatchRows(connection, batch);
            }
        }

        foreach (var batch in pending)
        {
            registry.Abandon(batch);
        }
    }

    /// <summary>Takes an accepted batch's rows out of the store (one transaction) and marks it reverted.</summary>
    /// <remarks>Rows the batch replaced are not restored; re-import their batch with replace to bring them back.</remarks>
    public void Revert(long batchId)
    {
        store.EnsureSchema();
        using (var connection = store.Open())
        {
            DeleteBatchRows(connection, batchId);
        }

        registry.MarkReverted(batchId);
    }

    private static void DeleteBatchRows(DuckDB.NET.Data.DuckDBConnection connection, long batchId)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "BEGIN TRANSACTION; "
            + string.Concat(AnalyticalStore.Tables.Select(t => $"DELETE FROM {t} WHERE batch_id = {batchId}; "))
            + "COMMIT;";
        command.ExecuteNonQuery();
    }

    /// <summary>An independent reader of the same bytes from their start, or null when the stream offers none.</summary>
    private static Stream? SecondReader(Stream content)
    {
        switch (content)
        {
            case FileStream file:
                try
                {
                    return new FileStream(file.Name, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 1 << 16);
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                {
                    return null;
                }

            case MemoryStream memory when memory.TryGetBuffer(out var buffer):
                return new MemoryStream(buffer.Array!, buffer.Offset, buffer.Count, writable: false);
            default:
                return null;
        }
    }
}
