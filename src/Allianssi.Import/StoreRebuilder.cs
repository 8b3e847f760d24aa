using Allianssi.Import.Batches;
using Allianssi.Import.Identity;
using Allianssi.Store;

namespace Allianssi.Import;

/// <summary>
/// Rebuilds the analytical store from the retained uploads: replays every accepted (non-reverted)
/// batch, oldest first, under its original batch id into a fresh file, then swaps that file in.
/// The store is derived data (ARCHITECTURE.md decision 2); this is the proof.
/// </summary>
public static class StoreRebuilder
{
    /// <summary>Rebuilds the store at <paramref name="location"/>; returns the batches replayed.</summary>
    /// <param name="location">The analytical store to replace; the fresh file is opened with its settings.</param>
    /// <param name="pseudonymiser">The same key as the original imports, or pseudonyms would change.</param>
    /// <param name="registry">The batch records and retained uploads.</param>
    /// <param name="parties">The alliance's parties (for ledger batches).</param>
    /// <param name="limits">The readers' limits (as the imports had); null: <see cref="Reading.ReaderLimits.Default"/>.</param>
    public static int Rebuild(AnalyticalStoreLocation location, Pseudonymiser pseudonymiser, IBatchRegistry registry, IReadOnlyCollection<string>? parties, Reading.ReaderLimits? limits = null)
    {
        ArgumentNullException.ThrowIfNull(location);
        ArgumentNullException.ThrowIfNull(registry);
        var storePath = location.Path;
        var fresh = storePath + ".rebuild";
        foreach (var leftover in new[] { fresh, fresh + ".wal" })
        {
            File.Delete(leftover);
        }

        // The fresh file with the process's one memory limit and spill cap, as every opener of the store.
        var store = (location with { Path = fresh }).Store();
        store.EnsureSchema();
        var importer = new ExtractImporter(store, pseudonymiser, registry, TimeProvider.System, new ImportOptions { Limits = limits ?? Reading.ReaderLimits.Default });
        var replayed = 0;
        foreach (var batch in registry.List().Where(b => b.Status == BatchStatus.Accepted))
        {
            importer.Replay(batch, parties);
            replayed++;
        }

        // Checkpoint so the fresh file is complete on its own, then swap it in.
        using (var connection = store.Open())
        using (var command = connection.CreateCommand())
        {
            command.CommandText = "CHECKPOINT;";
            command.ExecuteNonQuery();
        }

        File.Move(fresh, storePath, overwrite: true);
        File.Delete(storePath + ".wal");
        if (File.Exists(fresh + ".wal"))
        {
            File.Move(fresh + ".wal", storePath + ".wal");
        }

        return replayed;
    }
}
