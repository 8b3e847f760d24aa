using Allianssi.Import.Batches;
using Allianssi.Import.Diagnostics;
using Allianssi.Import.Identity;
using Allianssi.Import.Reading;
using Allianssi.Store;
using Allianssi.Store.Schema;

namespace Allianssi.Import;

/// <summary>
/// Imports one extract file as one batch: detects the dialect, validates and pseudonymises every
/// row, sorts out duplicates and conflicts by natural key, and writes the batch into the
/// analytical store in one transaction (all or nothing). Errors are data: the result lists every
/// diagnostic; exceptions mean a fault of the system, not of the file.
/// </summary>
/// <remarks>
/// This class is the import's order of work: inspect the file, refuse it early (unknown dataset, same bytes, empty,
/// unreadable, bad header: <see cref="HeaderMap"/>), then one store transaction in which the rows go through the
/// <see cref="ImportPipeline"/>, candidate keys are classified (<see cref="BatchWriter"/>) and the batch commits. The
/// batch's record, retained upload, recovery and revert are <see cref="BatchLifecycle"/>'s; what a dataset is and
/// which rules its rows follow is its description (<see cref="Datasets"/>).
/// </remarks>
public sealed class ExtractImporter
{
    private readonly AnalyticalStore _store;
    private readonly IBatchRegistry _registry;
    private readonly ImportOptions _options;
    private readonly BatchLifecycle _batches;
    private readonly ImportPipeline _pipeline;

    /// <param name="store">The analytical store (its schema is ensured on each import).</param>
    /// <param name="pseudonymiser">Keyed with the configured secret.</param>
    /// <param name="registry">The batch records and retained uploads.</param>
    /// <param name="time">For the batch record's timestamps.</param>
    /// <param name="options">Limits and test hooks; defaults when null.</param>
    public ExtractImporter(AnalyticalStore store, Pseudonymiser pseudonymiser, IBatchRegistry registry, TimeProvider time, ImportOptions? options = null)
    {
        _store = store ?? throw new ArgumentNullException(nameof(store));
        ArgumentNullException.ThrowIfNull(pseudonymiser);
        _registry = registry ?? throw new ArgumentNullException(nameof(registry));
        ArgumentNullException.ThrowIfNull(time);
        _options = options ?? new ImportOptions();
        _batches = new BatchLifecycle(store, registry, time);
        _pipeline = new ImportPipeline(pseudonymiser, _options);
    }

    /// <summary>Imports <paramref name="request"/>'s file.</summary>
    public ImportResult Import(ImportRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!request.Content.CanSeek || !request.Content.CanRead)
        {
            throw new ArgumentException("The content stream must be readable and seekable.", nameof(request));
        }

        var clock = new PhaseClock();
        Recover();
        clock.Lap("recover");
        var diagnostics = new DiagnosticList(_options.MaxDiagnosticsPerCode);
        if (!Datasets.All.TryGetValue(request.Dataset, out var schema))
        {
            diagnostics.Add(DiagnosticCodes.UnknownDataset, 0, null, Severity.Error, $"Unknown dataset; expected one of: {string.Join(", ", AnalyticalStore.Tables)}.");
            return Refused(request.Dataset, diagnostics, null, null);
        }

        var inspectionProgress = request.Progress is null ? null : new Progress<long>(b => request.Progress.Report(new ImportProgress(ImportPhase.Inspecting, b, 0, 0)));
        var start = request.Content.Position;
        var inspection = FileInspection.Inspect(request.Content, inspectionProgress);
        request.Content.Position = start;
        clock.Lap("inspect");

        if (_registry.FindAccepted(inspection.Sha256) is { } earlier)
        {
            diagnostics.Add(DiagnosticCodes.SameFile, 0, null, Severity.Info, $"These bytes were already imported as batch {earlier.Id}; nothing changed.");
            return new ImportResult(null, schema.Name, ImportOutcome.SameFile, 0, 0, 0, 0, 0, 0, diagnostics.ToList())
            {
                Sha256 = inspection.Sha256,
                SameAsBatch = earlier.Id,
            };
        }

        if (schema.NamesParties && request.Parties is null)
        {
            diagnostics.Add(DiagnosticCodes.NoParties, 0, null, Severity.Error, $"A {schema.Name} import needs the alliance's parties; none were given.");
            return Refused(schema.Name, diagnostics, inspection, null);
        }

        if (inspection.Length == 0)
        {
            diagnostics.Add(DiagnosticCodes.Empty, 0, null, Severity.Error, "The file is empty: no header row.");
            return Refused(schema.Name, diagnostics, inspection, null);
        }

        ITableReader reader;
        string dialect;
        try
        {
            if (inspection.Format == FileFormat.Xlsx)
            {
                reader = XlsxTableReader.Open(request.Content, _options.Limits);
                dialect = "xlsx; first sheet";
            }
            else
            {
                var csv = CsvTableReader.Open(request.Content, inspection, _options.Limits);
                reader = csv;
                dialect = $"csv; delimiter {(csv.Delimiter == '\t' ? "tab" : $"'{csv.Delimiter}'")}; {inspection.Encoding.WebName}{(inspection.Encoding.GetPreamble().Length > 0 ? " with BOM" : string.Empty)}";
            }
        }
        catch (FileRefusedException e)
        {
            return Refused(schema.Name, diagnostics, inspection, null, e);
        }
#pragma warning disable CA1031 // Any reader failure on a corrupt file is the file's fault: a file-level diagnostic, not a crash.
        catch (Exception e) when (e is not OutOfMemoryException)
#pragma warning restore CA1031
        {
            diagnostics.Add(DiagnosticCodes.Unreadable, 0, null, Severity.Error, $"The file cannot be read as CSV or XLSX ({e.GetType().Name}).");
            return Refused(schema.Name, diagnostics, inspection, null);
        }

        using (reader)
        {
            var map = HeaderMap.Map(schema, reader.Header, diagnostics);
            if (diagnostics.HasFileError)
            {
                return Refused(schema.Name, diagnostics, inspection, dialect);
            }

            try
            {
                return ImportRows(request, schema, inspection, dialect, reader, map, diagnostics, clock, cancellationToken);
            }
            catch (FileRefusedException e)
            {
                // Met while reading the rows (a limit, a malformed quote): the transaction was rolled back and the batch
                // abandoned, and the file is refused like one refused at its header.
                return Refused(schema.Name, diagnostics, inspection, dialect, e);
            }
        }
    }

    /// <summary>
    /// Removes from the store the rows of batches a crash left pending, and marks them failed.
    /// Called before every import; call it at start-up too.
    /// </summary>
    public void Recover() => _batches.Recover();

    /// <summary>Takes an accepted batch's rows out of the store (one transaction) and marks it reverted.</summary>
    /// <remarks>Rows the batch replaced are not restored; re-import their batch with replace to bring them back.</remarks>
    public void Revert(long batchId) => _batches.Revert(batchId);

    /// <summary>
    /// Replays an accepted batch's retained upload into this importer's store under its original
    /// batch id, without touching the registry (for <see cref="StoreRebuilder"/>).
    /// </summary>
    internal ImportResult Replay(BatchRecord batch, IReadOnlyCollection<string>? parties)
    {
        using var content = _registry.OpenUpload(batch.Id);
        var request = new ImportRequest
        {
            Dataset = batch.Start.Dataset, Content = content, FileName = batch.Start.FileName, Replace = batch.Start.Replace, Parties = parties,
            Party = batch.Start.Party,
        };
        var diagnostics = new DiagnosticList(_options.MaxDiagnosticsPerCode);
        var schema = Datasets.All[batch.Start.Dataset];
        var inspection = FileInspection.Inspect(content);
        content.Position = 0;
        using ITableReader reader = inspection.Format == FileFormat.Xlsx ? XlsxTableReader.Open(content, _options.Limits) : CsvTableReader.Open(content, inspection, _options.Limits);
        var map = HeaderMap.Map(schema, reader.Header, diagnostics);
        _store.EnsureSchema();
        var counts = RunTransaction(request, schema, inspection, reader, map, diagnostics, batch.Id, new PhaseClock(), CancellationToken.None, replay: true);
        return new ImportResult(batch.Id, schema.Name, ImportOutcome.Imported, counts.RowsRead, counts.Accepted, counts.Rejected, counts.Duplicates, counts.Conflicts, counts.Replaced, diagnostics.ToList());
    }

    private ImportResult ImportRows(ImportRequest request, DatasetSchema schema, FileInspection inspection, string dialect, ITableReader reader, int[] map, DiagnosticList diagnostics, PhaseClock clock, CancellationToken cancellationToken)
    {
        _store.EnsureSchema();
        long batchId = 0;
        if (!request.DryRun)
        {
            batchId = _batches.Begin(request, schema, inspection);
        }

        try
        {
            var counts = RunTransaction(request, schema, inspection, reader, map, diagnostics, batchId, clock, cancellationToken);
            if (!request.DryRun)
            {
                _batches.Complete(batchId, counts);
            }

            return new ImportResult(request.DryRun ? null : batchId, schema.Name, request.DryRun ? ImportOutcome.DryRun : ImportOutcome.Imported,
                counts.RowsRead, counts.Accepted, counts.Rejected, counts.Duplicates, counts.Conflicts, counts.Replaced, diagnostics.ToList())
            {
                Sha256 = inspection.Sha256,
                Dialect = dialect,
                PhaseSeconds = clock.Seconds,
            };
        }
        catch
        {
            if (!request.DryRun)
            {
                _batches.Abandon(batchId);
            }

            throw;
        }
    }

    private ImportCounts RunTransaction(ImportRequest request, DatasetSchema schema, FileInspection inspection, ITableReader reader, int[] map, DiagnosticList diagnostics, long batchId, PhaseClock clock, CancellationToken cancellationToken, bool replay = false)
    {
        // Retained before the store's commit, so an accepted batch always has its bytes for rebuild.
        var retaining = !request.DryRun && !replay ? _batches.Retain(batchId, request.Content, clock) : Task.CompletedTask;
        try
        {
            return RunStoreTransaction(request, schema, inspection, reader, map, diagnostics, batchId, clock, retaining, cancellationToken);
        }
        catch
        {
            // Let the copy finish before the caller abandons the batch (which drops its retained chunks); its own failure,
            // if any, is secondary to the one being thrown.
            try
            {
                retaining.Wait(CancellationToken.None);
            }
#pragma warning disable CA1031 // The store transaction's failure is the one to report.
            catch (Exception)
#pragma warning restore CA1031
            {
            }

            throw;
        }
    }

    private ImportCounts RunStoreTransaction(ImportRequest request, DatasetSchema schema, FileInspection inspection, ITableReader reader, int[] map,
        DiagnosticList diagnostics, long batchId, PhaseClock clock, Task retaining, CancellationToken cancellationToken)
    {
        using var connection = _store.Open();
        Execute(connection, "BEGIN TRANSACTION;");
        var units = schema.Columns.Any(c => c.Kind == ColumnKind.UnitRef) ? LoadUnits(connection) : (IReadOnlySet<string>)new HashSet<string>();
        int duplicates = 0, conflicts = 0, replaced = 0;
        using (var writer = new BatchWriter(connection, schema, batchId, _registry.AcceptedBatchIds(request.Party), _options.CandidateKeysPerBucket))
        {
            var (rowsRead, rejected) = _pipeline.Run(request, schema, inspection, reader, map, units, diagnostics, writer, cancellationToken);
            request.Progress?.Report(new ImportProgress(ImportPhase.Writing, inspection.Length, inspection.Length, rowsRead));
            clock.Lap("read and append");
            foreach (var row in writer.FinishAppending())
            {
                diagnostics.Add(DiagnosticCodes.UnknownUnit, row, schema.SelfReference, Severity.Error, "No such unit in units or in this file.");
                rejected++;
            }

            var keyColumns = string.Join("+", schema.KeyColumns);
            var replace = request.Replace || schema.UpdatesByDefault;
            foreach (var (row, status) in writer.Classify(replace))
            {
                switch (status)
                {
                    case RowStatus.Duplicate:
                        duplicates++;
                        diagnostics.Add(DiagnosticCodes.Duplicate, row, keyColumns, Severity.Info, "Same key and content as a stored or earlier row: nothing changed.");
                        break;
                    case RowStatus.Conflict:
                        conflicts++;
                        rejected++;
                        diagnostics.Add(DiagnosticCodes.Conflict, row, keyColumns, Severity.Error, "Same key as a stored or earlier row but different content; import with replace to let this row win.");
                        break;
                    case RowStatus.OtherParty:
                        conflicts++;
                        rejected++;
                        diagnostics.Add(DiagnosticCodes.OtherPartysRow, row, keyColumns, Severity.Error, "Same key as a row another party's batch brought in, but different content: rejected; only that party can replace its rows.");
                        break;
                    default:
                        replaced++;
                        if (schema.UpdatesByDefault)
                        {
                            diagnostics.Add(DiagnosticCodes.PersonUpdated, row, keyColumns, Severity.Info, "A known person: this row updates the stored one.");
                        }
                        else
                        {
                            conflicts++;
                            diagnostics.Add(DiagnosticCodes.Replaced, row, keyColumns, Severity.Info, "Same key as a stored or earlier row but different content: this row replaces it.");
                        }

                        break;
                }
            }

            clock.Lap("classify");
            writer.TakeOutLosingAndReplacedRows();
            clock.Lap("write");
            if (rowsRead == 0)
            {
                diagnostics.Add(DiagnosticCodes.NoRows, 0, null, Severity.Warning, "The file has a header but no data rows.");
            }

            var waited = !retaining.IsCompleted;
            retaining.GetAwaiter().GetResult();
            if (waited)
            {
                clock.Lap("retain upload (rest)");
            }

            Execute(connection, request.DryRun ? "ROLLBACK;" : "COMMIT;");
            clock.Lap("commit");
            return new ImportCounts(rowsRead, rowsRead - rejected, rejected, duplicates, conflicts, replaced);
        }
    }

    private static HashSet<string> LoadUnits(DuckDB.NET.Data.DuckDBConnection connection)
    {
        var units = new HashSet<string>(StringComparer.Ordinal);
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT DISTINCT {Datasets.Units.KeyColumns[0]} FROM {Datasets.Units.Name}";
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            units.Add(reader.GetString(0));
        }

        return units;
    }

    private static ImportResult Refused(string dataset, DiagnosticList diagnostics, FileInspection? inspection, string? dialect) =>
        new(null, dataset, ImportOutcome.Refused, 0, 0, 0, 0, 0, 0, diagnostics.ToList()) { Sha256 = inspection?.Sha256, Dialect = dialect };

    /// <summary>The file refused by a reader: its diagnostic alone (row diagnostics met before it are dropped, since no row was kept).</summary>
    private ImportResult Refused(string dataset, DiagnosticList diagnostics, FileInspection inspection, string? dialect, FileRefusedException refusal)
    {
        var refused = new DiagnosticList(_options.MaxDiagnosticsPerCode);
        foreach (var earlier in diagnostics.ToList().Where(d => d.Row == 0 && d.Code != DiagnosticCodes.Suppressed))
        {
            refused.Add(earlier.Code, earlier.Row, earlier.Column, earlier.Severity, earlier.Message);
        }

        refused.Add(refusal.Code, refusal.Row, refusal.Column, Severity.Error, refusal.Message);
        return Refused(dataset, refused, inspection, dialect);
    }

    private static void Execute(DuckDB.NET.Data.DuckDBConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
