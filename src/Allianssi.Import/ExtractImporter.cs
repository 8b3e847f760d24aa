using System.Collections.Concurrent;
using System.Globalization;
using System.Runtime.ExceptionServices;
using Allianssi.Import.Batches;
using Allianssi.Import.Diagnostics;
using Allianssi.Import.Identity;
using Allianssi.Import.Reading;
using Allianssi.Import.Schema;
using Allianssi.Store;

namespace Allianssi.Import;

/// <summary>
/// Imports one extract file as one batch: detects the dialect, validates and pseudonymises every
/// row, sorts out duplicates and conflicts by natural key, and writes the batch into the
/// analytical store in one transaction (all or nothing). Errors are data: the result lists every
/// diagnostic; exceptions mean a fault of the system, not of the file.
/// </summary>
public sealed class ExtractImporter
{
    private readonly AnalyticalStore _store;
    private readonly Pseudonymiser _pseudonymiser;
    private readonly IBatchRegistry _registry;
    private readonly TimeProvider _time;
    private readonly ImportOptions _options;

    /// <param name="store">The analytical store (its schema is ensured on each import).</param>
    /// <param name="pseudonymiser">Keyed with the configured secret.</param>
    /// <param name="registry">The batch records and retained uploads.</param>
    /// <param name="time">For the batch record's timestamps.</param>
    /// <param name="options">Limits and test hooks; defaults when null.</param>
    public ExtractImporter(AnalyticalStore store, Pseudonymiser pseudonymiser, IBatchRegistry registry, TimeProvider time, ImportOptions? options = null)
    {
        _store = store ?? throw new ArgumentNullException(nameof(store));
        _pseudonymiser = pseudonymiser ?? throw new ArgumentNullException(nameof(pseudonymiser));
        _registry = registry ?? throw new ArgumentNullException(nameof(registry));
        _time = time ?? throw new ArgumentNullException(nameof(time));
        _options = options ?? new ImportOptions();
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

        if (schema.Name == "ledger" && request.Parties is null)
        {
            diagnostics.Add(DiagnosticCodes.NoParties, 0, null, Severity.Error, "A ledger import needs the alliance's parties; none were given.");
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
            var map = MapHeader(schema, reader.Header, diagnostics);
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
    public void Recover()
    {
        var pending = _registry.PendingBatchIds();
        if (pending.Count == 0)
        {
            return;
        }

        _store.EnsureSchema();
        using (var connection = _store.Open())
        {
            foreach (var batch in pending)
            {
                DeleteBatchRows(connection, batch);
            }
        }

        foreach (var batch in pending)
        {
            _registry.Abandon(batch);
        }
    }

    /// <summary>Takes an accepted batch's rows out of the store (one transaction) and marks it reverted.</summary>
    /// <remarks>Rows the batch replaced are not restored; re-import their batch with replace to bring them back.</remarks>
    public void Revert(long batchId)
    {
        _store.EnsureSchema();
        using (var connection = _store.Open())
        {
            DeleteBatchRows(connection, batchId);
        }

        _registry.MarkReverted(batchId);
    }

    private static void DeleteBatchRows(DuckDB.NET.Data.DuckDBConnection connection, long batchId)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "BEGIN TRANSACTION; "
            + string.Concat(AnalyticalStore.Tables.Select(t => $"DELETE FROM {t} WHERE batch_id = {batchId}; "))
            + "COMMIT;";
        command.ExecuteNonQuery();
    }

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
        var map = MapHeader(schema, reader.Header, diagnostics);
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
            // The batch record keeps the file's name; one that holds an identifier is not kept.
            var fileName = Path.GetFileName(request.FileName);
            fileName = Henkilotunnus.OccursIn(fileName) ? "(name withheld)" + Path.GetExtension(fileName) : fileName;
            batchId = _registry.Begin(new BatchStart(schema.Name, fileName, inspection.Sha256, inspection.Length, request.ImportedBy, _time.GetUtcNow(), request.Replace) { Party = request.Party });
        }

        try
        {
            var counts = RunTransaction(request, schema, inspection, reader, map, diagnostics, batchId, clock, cancellationToken);
            if (!request.DryRun)
            {
                _registry.Complete(batchId, counts);
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
                _registry.Abandon(batchId);
            }

            throw;
        }
    }

    private ImportCounts RunTransaction(ImportRequest request, DatasetSchema schema, FileInspection inspection, ITableReader reader, int[] map, DiagnosticList diagnostics, long batchId, PhaseClock clock, CancellationToken cancellationToken, bool replay = false)
    {
        // Retained before the store's commit, so an accepted batch always has its bytes for rebuild. When the content can
        // be read a second time independently (a file, a memory buffer) the copy runs beside the rows; else before them.
        var retaining = Task.CompletedTask;
        if (!request.DryRun && !replay)
        {
            if (SecondReader(request.Content) is { } copy)
            {
                retaining = Task.Run(
                    () =>
                    {
                        using (copy)
                        {
                            _registry.SaveUpload(batchId, copy);
                        }
                    },
                    CancellationToken.None);
            }
            else
            {
                var position = request.Content.Position;
                request.Content.Position = 0;
                _registry.SaveUpload(batchId, request.Content);
                request.Content.Position = position;
                clock.Lap("retain upload");
            }
        }

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

    private ImportCounts RunStoreTransaction(ImportRequest request, DatasetSchema schema, FileInspection inspection, ITableReader reader, int[] map,
        DiagnosticList diagnostics, long batchId, PhaseClock clock, Task retaining, CancellationToken cancellationToken)
    {
        using var connection = _store.Open();
        Execute(connection, "BEGIN TRANSACTION;");
        var units = schema.Columns.Any(c => c.Kind == ColumnKind.UnitRef) ? LoadUnits(connection) : (IReadOnlySet<string>)new HashSet<string>();
        int duplicates = 0, conflicts = 0, replaced = 0;
        using (var writer = new BatchWriter(connection, schema, batchId, _registry.AcceptedBatchIds(request.Party), _options.CandidateKeysPerBucket))
        {
            var (rowsRead, rejected) = ReadRows(request, schema, inspection, reader, map, units, diagnostics, writer, cancellationToken);
            request.Progress?.Report(new ImportProgress(ImportPhase.Writing, inspection.Length, inspection.Length, rowsRead));
            clock.Lap("read and append");
            foreach (var row in writer.FinishAppending())
            {
                diagnostics.Add(DiagnosticCodes.UnknownUnit, row, "parent_id", Severity.Error, "No such unit in units or in this file.");
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

    /// <summary>
    /// Three stages joined by bounded queues, so the work spreads over the cores: a scanner reads the rows' fields and
    /// computes the person identifiers' pseudonyms (the costliest single step); a parser validates and converts every row
    /// in file order, reports the diagnostics and writes the valid rows into DuckDB data chunks; this thread appends each
    /// full chunk to the store. At most <see cref="ScannedBatches"/> batches of <see cref="RowsPerScan"/> scanned rows and
    /// <see cref="Chunks"/> chunks of 2,048 rows exist at a time. The reader belongs to the scanner, and the parser and
    /// diagnostics to the parser, until both have finished. A failure in any stage stops the others and the first real
    /// failure (not a cancellation that followed from it) is rethrown here, so the caller's transaction is rolled back.
    /// </summary>
    private (int RowsRead, int Rejected) ReadRows(ImportRequest request, DatasetSchema schema, FileInspection inspection, ITableReader reader, int[] map,
        IReadOnlySet<string> units, DiagnosticList diagnostics, BatchWriter writer, CancellationToken cancellationToken)
    {
        var appender = writer.Appender;
        var chunks = Enumerable.Range(0, Chunks).Select(_ => appender.CreateChunk()).ToList();
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        using var scanned = new BlockingCollection<ScannedRow[]>(ScannedBatches);
        using var empty = new BlockingCollection<RowChunk>(Chunks);
        using var full = new BlockingCollection<RowChunk>(Chunks);
        chunks.ForEach(empty.Add);
        var scan = Stage(() => Scan(request, schema, inspection, reader, map, scanned, stop.Token), scanned.CompleteAdding, stop);
        var parse = Stage(() => Parse(request, schema, units, diagnostics, writer.BatchId, scanned, empty, full, stop.Token), full.CompleteAdding, stop);
        Exception? appending = null;
        try
        {
            foreach (var chunk in full.GetConsumingEnumerable(stop.Token))
            {
                appender.Append(chunk);
                empty.Add(chunk, stop.Token);
            }
        }
#pragma warning disable CA1031 // Kept and rethrown below, once the other stages have stopped.
        catch (Exception e)
#pragma warning restore CA1031
        {
            appending = e;
            stop.Cancel();
        }

        try
        {
            Task.WaitAll([scan, parse], CancellationToken.None);
        }
        catch (AggregateException)
        {
            // Each stage's failure is looked at below.
        }
        finally
        {
            chunks.ForEach(c => c.Dispose());
        }

        var failures = new[] { appending, parse.Exception?.InnerException, scan.Exception?.InnerException }.OfType<Exception>().ToList();
        if ((failures.FirstOrDefault(e => e is not OperationCanceledException) ?? failures.FirstOrDefault()) is { } failure)
        {
            ExceptionDispatchInfo.Throw(failure);
        }

        return parse.Result;
    }

    private static Task<T> Stage<T>(Func<T> work, Action completeOutput, CancellationTokenSource stop) =>
        Task.Run(
            () =>
            {
                try
                {
                    return work();
                }
                catch
                {
                    stop.Cancel();
                    throw;
                }
                finally
                {
                    completeOutput();
                }
            },
            CancellationToken.None);

    /// <summary>The scanner: each non-blank row's fields by schema column, whether it has extra fields, and its person's pseudonym.</summary>
    private int Scan(ImportRequest request, DatasetSchema schema, FileInspection inspection, ITableReader reader, int[] map,
        BlockingCollection<ScannedRow[]> scanned, CancellationToken cancellationToken)
    {
        using var session = _pseudonymiser.OpenSession();
        var person = -1;
        var columnFields = new int[schema.Columns.Count];
        for (var c = 0; c < columnFields.Length; c++)
        {
            columnFields[c] = Array.IndexOf(map, c);
            person = person < 0 && schema.Columns[c].Kind == ColumnKind.PersonId ? c : person;
        }

        var headerCount = reader.Header.Count;
        var batch = new List<ScannedRow>(RowsPerScan);

        // Repeated texts (codes, unit ids, dates) share one string per column; person ids go through the pseudonym memo.
        var pools = schema.Columns.Select(c => c.Kind == ColumnKind.PersonId ? null : new FieldPool(FieldsPooled)).ToArray();

        // A person has many rows in an extract; the keyed HMAC was the scanner's costliest step.
        var pseudonyms = new Dictionary<string, string>(StringComparer.Ordinal);
        int rowNo = 0, rows = 0;
        while (reader.Read())
        {
            rowNo++;
            if (IsBlank(reader))
            {
                continue;
            }

            var extra = false;
            for (var f = headerCount; f < reader.FieldCount && !extra; f++)
            {
                extra = !reader.IsBlank(f);
            }

            var fields = new string?[columnFields.Length];
            for (var c = 0; c < fields.Length; c++)
            {
                fields[c] = columnFields[c] < 0 ? null : pools[c] is { } pool ? pool.Get(reader.GetFieldSpan(columnFields[c])) : reader.GetField(columnFields[c]);
            }

            // Computed for any non-blank value; the parser uses it only when the identifier is valid.
            string? pseudonym = null;
            if (person >= 0 && !string.IsNullOrWhiteSpace(fields[person]))
            {
                var identifier = Pseudonymiser.Normalise(fields[person]!);
                if (!pseudonyms.TryGetValue(identifier, out pseudonym))
                {
                    if (pseudonyms.Count == PseudonymsRemembered)
                    {
                        pseudonyms.Clear();
                    }

                    pseudonym = session.Pseudonymise(identifier);
                    pseudonyms.Add(identifier, pseudonym);
                }
            }

            batch.Add(new ScannedRow(rowNo, fields, extra, pseudonym));
            if (batch.Count == RowsPerScan)
            {
                scanned.Add([.. batch], cancellationToken);
                batch.Clear();
            }

            if (++rows % 10_000 == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
                request.Progress?.Report(new ImportProgress(ImportPhase.Reading, SafePosition(request.Content), inspection.Length, rows));
            }
        }

        if (batch.Count > 0)
        {
            scanned.Add([.. batch], cancellationToken);
        }

        return rows;
    }

    /// <summary>The parser: validates the scanned rows in file order and writes the valid ones into chunks.</summary>
    private (int RowsRead, int Rejected) Parse(ImportRequest request, DatasetSchema schema, IReadOnlySet<string> units, DiagnosticList diagnostics, long batchId,
        BlockingCollection<ScannedRow[]> scanned, BlockingCollection<RowChunk> empty, BlockingCollection<RowChunk> full, CancellationToken cancellationToken)
    {
        var parser = new RowParser(schema, units, request.Parties, diagnostics);
        int rowsRead = 0, rejected = 0;
        var chunk = empty.Take(cancellationToken);
        foreach (var batch in scanned.GetConsumingEnumerable(cancellationToken))
        {
            foreach (var row in batch)
            {
                rowsRead++;
                var ok = true;
                if (row.ExtraFields)
                {
                    diagnostics.Add(DiagnosticCodes.ExtraFields, row.RowNo, null, Severity.Error, "The row has more fields than the header has columns.");
                    ok = false;
                }

                ok &= parser.TryParse(row.RowNo, row.Fields, row.PersonPseudonym);
                if (!ok)
                {
                    rejected++;
                }
                else if (chunk.Add(batchId, row.RowNo, parser.Values))
                {
                    full.Add(chunk, cancellationToken);
                    chunk = empty.Take(cancellationToken);
                }

                if (_options.AbortAfterRows is { } abort && rowsRead >= abort)
                {
                    full.Add(chunk, cancellationToken);
                    throw new InvalidOperationException("Import aborted by the test hook.");
                }
            }
        }

        if (chunk.Count > 0)
        {
            full.Add(chunk, cancellationToken);
        }

        return (rowsRead, rejected);
    }

    /// <summary>Data chunks in flight between the parser and the appending thread.</summary>
    private const int Chunks = 6;

    /// <summary>
    /// Pseudonyms the scanner remembers, by normalised identifier (about 60 MB at most; forgotten all at once when full).
    /// More than the residents of Tampere, so a city's extract computes each person's pseudonym about once.
    /// </summary>
    private const int PseudonymsRemembered = 1 << 18;

    /// <summary>Distinct texts the scanner pools per column.</summary>
    private const int FieldsPooled = 4096;

    /// <summary>Rows per batch handed from the scanner to the parser.</summary>
    private const int RowsPerScan = 1024;

    /// <summary>Scanned batches waiting for the parser.</summary>
    private const int ScannedBatches = 8;

    /// <summary>One non-blank row as the scanner hands it to the parser.</summary>
    private sealed record ScannedRow(int RowNo, string?[] Fields, bool ExtraFields, string? PersonPseudonym);

    private static long SafePosition(Stream stream)
    {
        try
        {
            return stream.Position;
        }
        catch (NotSupportedException)
        {
            return 0;
        }
    }

    private static bool IsBlank(ITableReader reader)
    {
        for (var i = 0; i < reader.FieldCount; i++)
        {
            if (!reader.IsBlank(i))
            {
                return false;
            }
        }

        return true;
    }

    private static HashSet<string> LoadUnits(DuckDB.NET.Data.DuckDBConnection connection)
    {
        var units = new HashSet<string>(StringComparer.Ordinal);
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT DISTINCT unit_id FROM units";
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            units.Add(reader.GetString(0));
        }

        return units;
    }

    private static int[] MapHeader(DatasetSchema schema, IReadOnlyList<string> header, DiagnosticList diagnostics)
    {
        var map = new int[header.Count];
        var seen = new HashSet<int>();
        if (header.Count == 0 || header.All(string.IsNullOrWhiteSpace))
        {
            diagnostics.Add(DiagnosticCodes.Empty, 0, null, Severity.Error, "The file has no header row.");
            return map;
        }

        for (var i = 0; i < header.Count; i++)
        {
            var name = header[i].Trim();
            var index = schema.IndexOf(name);
            if (index >= 0 && schema.Columns[index].Kind == ColumnKind.Derived)
            {
                index = -1;
            }

            map[i] = index;
            if (index < 0)
            {
                if (name.Length > 0)
                {
                    // A header is kept in the batch's diagnostics, so one that holds an identifier is named by its position.
                    var shown = Henkilotunnus.OccursIn(name) ? string.Create(CultureInfo.InvariantCulture, $"(column {i + 1})") : name.Length > 64 ? name[..64] : name;
                    diagnostics.Add(DiagnosticCodes.UnknownColumn, 0, shown, Severity.Warning, "A column this dataset does not know: ignored.");
                }
            }
            else if (!seen.Add(index))
            {
                diagnostics.Add(DiagnosticCodes.DuplicateColumn, 0, schema.Columns[index].Name, Severity.Error, "The column appears more than once in the header.");
            }
        }

        foreach (var (column, index) in schema.Columns.Select((c, i) => (c, i)))
        {
            if (column.Required && !seen.Contains(index))
            {
                diagnostics.Add(DiagnosticCodes.MissingColumn, 0, column.Name, Severity.Error, $"The required column {column.Name} is missing: the file is refused.");
            }
        }

        return map;
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

/// <summary>Limits of an import.</summary>
public sealed class ImportOptions
{
    /// <summary>Diagnostics kept per code; the rest are counted in one <see cref="DiagnosticCodes.Suppressed"/>.</summary>
    public int MaxDiagnosticsPerCode { get; init; } = 100_000;

    /// <summary>How much of a file the readers take before refusing it (docs/import-diagnostics.md).</summary>
    public ReaderLimits Limits { get; init; } = ReaderLimits.Default;

    /// <summary>Test hook: throw inside the store transaction after this many rows.</summary>
    internal int? AbortAfterRows { get; init; }

    /// <summary>Candidate keys per bucket of the classification (smaller in tests, to exercise the buckets).</summary>
    internal int CandidateKeysPerBucket { get; init; } = BatchWriter.DefaultKeysPerBucket;
}
