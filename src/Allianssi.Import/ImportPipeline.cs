using System.Collections.Concurrent;
using System.Runtime.ExceptionServices;
using Allianssi.Import.Diagnostics;
using Allianssi.Import.Identity;
using Allianssi.Import.Reading;
using Allianssi.Store.Schema;

namespace Allianssi.Import;

/// <summary>
/// The import's pipeline: the rows of one file, from the reader to the store's table, through the scanner, the parser
/// (<see cref="RowParser"/>, the dataset's description) and the appender (<see cref="ChunkAppender"/>). The batch it
/// writes, its transaction and its record are the caller's (<see cref="ExtractImporter"/>, <see cref="BatchLifecycle"/>).
/// </summary>
/// <param name="pseudonymiser">Keyed with the configured secret.</param>
/// <param name="options">The diagnostics' limit and the test hooks.</param>
internal sealed class ImportPipeline(Pseudonymiser pseudonymiser, ImportOptions options)
{
    /// <summary>
    /// Three stages joined by bounded queues, so the work spreads over the cores: a scanner reads the rows' fields and
    /// computes the person identifiers' pseudonyms (the costliest single step); a parser validates and converts every row
    /// in file order, reports the diagnostics and writes the valid rows into DuckDB data chunks; this thread appends each
    /// full chunk to the store. At most <see cref="ScannedBatches"/> batches of <see cref="RowsPerScan"/> scanned rows and
    /// <see cref="Chunks"/> chunks of 2,048 rows exist at a time. The reader belongs to the scanner, and the parser and
    /// diagnostics to the parser, until both have finished. A failure in any stage stops the others and the first real
    /// failure (not a cancellation that followed from it) is rethrown here, so the caller's transaction is rolled back.
    /// </summary>
    public (int RowsRead, int Rejected) Run(ImportRequest request, DatasetSchema schema, FileInspection inspection, ITableReader reader, int[] map,
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
        using var session = pseudonymiser.OpenSession();
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

                if (options.AbortAfterRows is { } abort && rowsRead >= abort)
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
}
