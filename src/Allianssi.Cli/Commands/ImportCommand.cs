using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using Allianssi.Import;
using Allianssi.Import.Batches;
using Allianssi.Import.Identity;
using Allianssi.Indicators.Store;
using Spectre.Console;

namespace Allianssi.Cli.Commands;

/// <summary>
/// <c>allianssi import DATASET FILE [--dry-run] [--replace] [--json]</c>: imports one extract as one
/// batch into <c>&lt;data&gt;/analytical.duckdb</c>; and <c>allianssi store rebuild</c>.
/// </summary>
/// <remarks>
/// Exit codes: 0 imported (even with rejected rows), a dry run or the same file again; 2 the whole
/// file was refused (unreadable, missing column, unknown dataset) or the command line was wrong;
/// 1 an internal error. The pseudonymisation key comes from <c>ALLIANSSI_PSEUDONYM_KEY</c> or
/// <c>&lt;data&gt;/pseudonym.key</c>; <c>--demo</c> generates the file when absent. Batch records and retained uploads
/// live in <c>&lt;data&gt;/import-registry.duckdb</c> until the operational database holds them.
/// Without a terminal and without <c>--json</c>, progress goes to stderr as plain lines.
/// </remarks>
public static class ImportCommand
{
    /// <summary>The batch registry's file under the data directory.</summary>
    public const string RegistryFileName = "import-registry.duckdb";

    private static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
        WriteIndented = true,
    };

    /// <summary>Builds the <c>import</c> verb.</summary>
    public static Command Create(GlobalOptions globals)
    {
        ArgumentNullException.ThrowIfNull(globals);
        var dataset = new Argument<string>("DATASET") { Description = "Dataset of data-model.md, e.g. visits" };
        var file = new Argument<FileInfo>("FILE") { Description = "CSV or XLSX extract" };
        var dryRun = new Option<bool>("--dry-run") { Description = "Report everything, store nothing" };
        var replace = new Option<bool>("--replace") { Description = "A different row for a known key replaces the stored one" };
        var json = new Option<bool>("--json") { Description = "Print the result as JSON" };
        var demo = new Option<bool>("--demo") { Description = "Demo mode: generate <data>/pseudonym.key when no key is configured" };
        var parties = new Option<string[]>("--party") { Description = "Party ids of the alliance for ledger checks (default: the Tesoma reference's)", AllowMultipleArgumentsPerToken = true };
        var command = new Command("import", "Import one extract file (CSV or XLSX) as a batch into the analytical store");
        command.Arguments.Add(dataset);
        command.Arguments.Add(file);
        command.Options.Add(dryRun);
        command.Options.Add(replace);
        command.Options.Add(json);
        command.Options.Add(demo);
        command.Options.Add(parties);
        command.SetAction(parseResult =>
        {
            var output = parseResult.InvocationConfiguration.Output;
            var error = parseResult.InvocationConfiguration.Error;
            var data = globals.DataDirectory(parseResult).Path;
            var path = parseResult.GetValue(file)!.FullName;
            if (!File.Exists(path))
            {
                error.WriteLine($"import: no such file: {path}");
                return CliApplication.InvalidInput;
            }

            ExtractImporter importer;
            try
            {
                importer = CreateImporter(data, parseResult.GetValue(demo), globals, error);
            }
            catch (InvalidOperationException e)
            {
                error.WriteLine($"import: {e.Message}");
                return CliApplication.InvalidInput;
            }

            var asJson = parseResult.GetValue(json);
            var partyIds = parseResult.GetValue(parties) is { Length: > 0 } given ? given : ReferenceParties();
            ImportResult result;
            try
            {
                using var content = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
                var request = (IProgress<ImportProgress>? progress) => new ImportRequest
                {
                    Dataset = parseResult.GetValue(dataset)!, Content = content, FileName = Path.GetFileName(path),
                    DryRun = parseResult.GetValue(dryRun), Replace = parseResult.GetValue(replace), Parties = partyIds,
                    ImportedBy = "cli:" + Environment.UserName, Progress = progress,
                };
                var onTerminal = !asJson && ReferenceEquals(output, Console.Out) && !Console.IsOutputRedirected;
                result = onTerminal ? WithProgressBar(importer, request) : importer.Import(request(asJson ? null : new PlainProgress(error)));
            }
#pragma warning disable CA1031 // The last line of defence of a command: report the type, never a value, exit 1.
            catch (Exception e)
#pragma warning restore CA1031
            {
                error.WriteLine($"import: internal error ({e.GetType().Name}); nothing of this batch was stored");
                return 1;
            }

            if (asJson)
            {
                output.WriteLine(JsonSerializer.Serialize(new
                {
                    batch = result.Batch, dataset = result.Dataset, outcome = result.Outcome, rowsRead = result.RowsRead, accepted = result.Accepted,
                    rejected = result.Rejected, duplicates = result.Duplicates, conflicts = result.Conflicts, replaced = result.Replaced,
                    sha256 = result.Sha256, sameAsBatch = result.SameAsBatch, dialect = result.Dialect,
                    diagnostics = result.Diagnostics.Select(d => new { code = d.Code, row = d.Row, column = d.Column, severity = d.Severity, message = d.Message }),
                }, Json));
            }
            else
            {
                WriteSummary(output, result);
            }

            return result.Outcome == ImportOutcome.Refused ? CliApplication.InvalidInput : CliApplication.Success;
        });
        return command;
    }

    /// <summary>Builds the <c>store</c> verb with <c>store rebuild</c>.</summary>
    public static Command CreateStore(GlobalOptions globals)
    {
        ArgumentNullException.ThrowIfNull(globals);
        var demo = new Option<bool>("--demo") { Description = "Demo mode: generate <data>/pseudonym.key when no key is configured" };
        var rebuild = new Command("rebuild", "Replay the retained uploads of every accepted batch into a fresh analytical store and swap it in");
        rebuild.Options.Add(demo);
        rebuild.SetAction(parseResult =>
        {
            var output = parseResult.InvocationConfiguration.Output;
            var error = parseResult.InvocationConfiguration.Error;
            var data = globals.DataDirectory(parseResult).Path;
            try
            {
                var key = PseudonymKey.Load(data, parseResult.GetValue(demo), globals.Environment(PseudonymKey.EnvironmentVariable));
                var registry = new DuckDbBatchRegistry(Path.Combine(data, RegistryFileName));
                var count = StoreRebuilder.Rebuild(Path.Combine(data, ComputeCommand.StoreFileName), new Pseudonymiser(key), registry, ReferenceParties());
                output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"rebuilt the analytical store from {count} accepted batches"));
                return CliApplication.Success;
            }
            catch (InvalidOperationException e)
            {
                error.WriteLine($"store rebuild: {e.Message}");
                return CliApplication.InvalidInput;
            }
        });
        var store = new Command("store", "The analytical store");
        store.Subcommands.Add(rebuild);
        return store;
    }

    /// <summary>Whether the data directory's batch registry records any batch.</summary>
    internal static bool HasImportedBatch(string data)
    {
        var path = Path.Combine(data, RegistryFileName);
        return File.Exists(path) && new DuckDbBatchRegistry(path).List().Count > 0;
    }

    private static ExtractImporter CreateImporter(string data, bool demo, GlobalOptions globals, TextWriter error)
    {
        Directory.CreateDirectory(data);
        var registry = new DuckDbBatchRegistry(Path.Combine(data, RegistryFileName));
        var key = CliPseudonymKey.Load(data, demo, globals, null, () => registry.List().Count > 0, error);
        var store = new AnalyticalStore(Path.Combine(data, ComputeCommand.StoreFileName));
        return new ExtractImporter(store, new Pseudonymiser(key), registry, TimeProvider.System);
    }

    /// <summary>The party ids of the embedded Tesoma reference configuration.</summary>
    private static string[] ReferenceParties()
    {
        using var stream = Allianssi.Application.Reference.ReferenceConfiguration.Open("tesoma");
        using var doc = JsonDocument.Parse(stream, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        return [.. doc.RootElement.GetProperty("parties").EnumerateArray().Select(p => p.GetProperty("id").GetString()!)];
    }

    private static ImportResult WithProgressBar(ExtractImporter importer, Func<IProgress<ImportProgress>?, ImportRequest> request)
    {
        ImportResult? result = null;
        AnsiConsole.Progress().Start(context =>
        {
            var task = context.AddTask("importing", maxValue: 100);
            result = importer.Import(request(new Progress<ImportProgress>(p =>
            {
                task.Description = p.Phase.ToString().ToLowerInvariant();
                task.Value = p.TotalBytes > 0 ? 100.0 * p.Bytes / p.TotalBytes : task.Value;
            })));
            task.Value = 100;
        });
        return result!;
    }

    private static void WriteSummary(TextWriter output, ImportResult result)
    {
        var head = result.Outcome switch
        {
            ImportOutcome.Imported => $"batch {result.Batch}: imported {result.Dataset}",
            ImportOutcome.DryRun => $"dry run of {result.Dataset}: nothing stored",
            ImportOutcome.SameFile => $"same file as batch {result.SameAsBatch}: nothing changed",
            _ => $"refused: the whole file was not imported",
        };
        output.WriteLine(head);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"rows read {result.RowsRead} = accepted {result.Accepted} + rejected {result.Rejected}; duplicates {result.Duplicates}, conflicts {result.Conflicts}, replaced {result.Replaced}"));
        foreach (var d in result.Diagnostics)
        {
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{d.Code} {d.Severity.ToString().ToLowerInvariant(),-7} row {d.Row,-7} {d.Column ?? "-",-20} {d.Message}"));
        }
    }

    /// <summary>Progress as plain lines on stderr (no terminal): one line per 100,000 rows.</summary>
    private sealed class PlainProgress(TextWriter error) : IProgress<ImportProgress>
    {
        private long _next = 100_000;

        public void Report(ImportProgress value)
        {
            if (value.Phase == ImportPhase.Reading && value.Rows >= _next)
            {
                _next = value.Rows + 100_000;
                error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"import: {value.Rows} rows read"));
                error.Flush();
            }
        }
    }
}
