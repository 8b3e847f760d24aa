using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using Allianssi.Application;
using Allianssi.Application.Data;
using Allianssi.Application.Security;
using Allianssi.Application.UseCases.Imports;
using Allianssi.Application.UseCases.Setup;
using Allianssi.Import;
using Allianssi.Import.Identity;
using Allianssi.Import.Reading;
using Microsoft.EntityFrameworkCore;
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
/// <c>&lt;data&gt;/pseudonym.key</c> (generated on fresh embedded data, see <see cref="CliPseudonymKey"/>). Batch records and
/// retained uploads live in the operational database (<c>ConnectionStrings__Operational</c>, else the embedded SQLite file,
/// migrated on use), the same records the web application shows.
/// Without a terminal and without <c>--json</c>, progress goes to stderr as plain lines.
/// </remarks>
public static class ImportCommand
{
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
        var limits = LimitsOption();
        var command = new Command("import", "Import one extract file (CSV or XLSX) as a batch into the analytical store")
        {
            dataset,
            file,
            dryRun,
            replace,
            json,
            demo,
            parties,
            limits,
        };
        command.SetAction(async (parseResult, ct) =>
        {
            var output = parseResult.InvocationConfiguration.Output;
            var error = parseResult.InvocationConfiguration.Error;
            var options = globals.Options(parseResult);
            var data = options.DataDirectory;
            var path = parseResult.GetValue(file)!.FullName;
            if (!File.Exists(path))
            {
                error.WriteLine($"import: no such file: {path}");
                return CliApplication.InvalidInput;
            }

            byte[] key;
            byte[] uploadKey;
            ReaderLimits readerLimits;
            try
            {
                readerLimits = Limits(globals, parseResult, parseResult.GetValue(limits));
                key = CliPseudonymKey.Load(options, parseResult.GetValue(demo), () => HasImportedBatch(globals.Host(parseResult)), error);
                uploadKey = CliPseudonymKey.LoadUploadKey(options, parseResult.GetValue(demo), error);
            }
            catch (InvalidOperationException e)
            {
                error.WriteLine($"import: {e.Message}");
                return CliApplication.InvalidInput;
            }

            var host = globals.Host(parseResult);
            await using var db = await OpenOperationalAsync(host, ct);
            if (db is null)
            {
                error.WriteLine("import: the operational store has pending migrations: run `allianssi db migrate` first");
                return CliApplication.InvalidInput;
            }

            // The command line's own key policy (CliPseudonymKey), over the host's store and clock.
            var analytical = new AnalyticalData(options.AnalyticalLocation(), host.Store, () => key, host.Time, () => uploadKey, readerLimits);
            var asJson = parseResult.GetValue(json);
            var partyIds = parseResult.GetValue(parties) is { Length: > 0 } given ? given : null;
            ImportResult result;
            try
            {
                await using var content = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
                var request = (IProgress<ImportProgress>? progress) => new ImportExtractCommand(parseResult.GetValue(dataset)!, content, Path.GetFileName(path))
                {
                    DryRun = parseResult.GetValue(dryRun), Replace = parseResult.GetValue(replace), Parties = partyIds, Progress = progress,
                };
                var useCase = new ImportExtract(db, analytical);
                var actor = new Actor("cli:" + Environment.UserName, Roles.Admin, null);
                var onTerminal = !asJson && ReferenceEquals(output, Console.Out) && !Console.IsOutputRedirected;
                var outcome = onTerminal
                    ? await WithProgressBar(progress => useCase.ExecuteAsync(request(progress), actor, ct))
                    : await useCase.ExecuteAsync(request(asJson ? null : new PlainProgress(error)), actor, ct);
                if (!outcome.IsOk)
                {
                    error.WriteLine($"import: {outcome.Message}");
                    return CliApplication.InvalidInput;
                }

                result = outcome.Value!;
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
        var limits = LimitsOption();
        rebuild.Options.Add(demo);
        rebuild.Options.Add(limits);
        rebuild.SetAction(async (parseResult, ct) =>
        {
            var output = parseResult.InvocationConfiguration.Output;
            var error = parseResult.InvocationConfiguration.Error;
            var options = globals.Options(parseResult);
            var data = options.DataDirectory;
            try
            {
                var readerLimits = Limits(globals, parseResult, parseResult.GetValue(limits));
                var key = SecretKey.Pseudonym.Load(data, parseResult.GetValue(demo), options.Secret);
                var host = globals.Host(parseResult);
                await using var db = await OpenOperationalAsync(host, ct)
                    ?? throw new InvalidOperationException("the operational store has pending migrations: run `allianssi db migrate` first");
                var uploads = new UploadCipher(SecretKey.Upload.Load(data, parseResult.GetValue(demo), options.Secret));
                var registry = new EfBatchRegistry(() => host.Store.CreateContext(host.Time), host.Time, uploads);
                var count = StoreRebuilder.Rebuild(options.AnalyticalLocation(), new Pseudonymiser(key), registry, ReferenceParties(), readerLimits);
                output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"rebuilt the analytical store from {count} accepted batches"));
                return CliApplication.Success;
            }
            catch (Exception e) when (e is InvalidOperationException or InvalidDataException)
            {
                // InvalidDataException: a retained upload failed its authentication; the store was left as it was.
                error.WriteLine($"store rebuild: {e.Message}");
                return CliApplication.InvalidInput;
            }
        });
        var seal = new Command("seal-uploads", "Encrypt in place the retained uploads stored before encryption (chunks marked plaintext), one upload per transaction, audited");
        seal.Options.Add(demo);
        seal.SetAction(async (parseResult, ct) =>
        {
            var output = parseResult.InvocationConfiguration.Output;
            var error = parseResult.InvocationConfiguration.Error;
            var options = globals.Options(parseResult);
            try
            {
                var host = globals.Host(parseResult);
                await using var db = await OpenOperationalAsync(host, ct)
                    ?? throw new InvalidOperationException("the operational store has pending migrations: run `allianssi db migrate` first");
                var uploads = new UploadCipher(SecretKey.Upload.Load(options.DataDirectory, parseResult.GetValue(demo), options.Secret));
                var registry = new EfBatchRegistry(() => host.Store.CreateContext(host.Time), host.Time, uploads);
                var (sealedUploads, chunks) = registry.SealPlaintextChunks(new Actor("cli:" + Environment.UserName, Roles.Admin, null));
                output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"sealed {chunks} plaintext chunks of {sealedUploads} retained uploads"));
                return CliApplication.Success;
            }
            catch (InvalidOperationException e)
            {
                error.WriteLine($"store seal-uploads: {e.Message}");
                return CliApplication.InvalidInput;
            }
        });
        var store = new Command("store", "The analytical store") { rebuild, seal };
        return store;
    }

    /// <summary>Whether the operational store records any import batch (migrating an embedded one first).</summary>
    internal static bool HasImportedBatch(CliHost host)
    {
        using var db = OpenOperationalAsync(host, CancellationToken.None).GetAwaiter().GetResult();
        return db is null || db.ImportBatches.Any();
    }

    /// <summary>The <c>--limits</c> option of the verbs that read extracts.</summary>
    private static Option<string?> LimitsOption() => new("--limits")
    {
        Description = $"Reader limits, Name=value;... (e.g. MaxColumns=2048); over ${ReaderLimits.EnvironmentVariable} and Allianssi__Import__Limits__<Name>",
    };

    /// <summary>
    /// The readers' limits of this command: the built-in ones, then <c>ALLIANSSI_IMPORT_LIMITS</c>, then the configuration's
    /// <c>Allianssi:Import:Limits:&lt;Name&gt;</c> (as the web app reads them), then <c>--limits</c>.
    /// </summary>
    /// <exception cref="InvalidOperationException">An invalid limit; the message names the setting.</exception>
    internal static ReaderLimits Limits(GlobalOptions globals, ParseResult parseResult, string? overrides) =>
        AllianssiOptions.ImportLimitsOf(globals.Configuration(parseResult), overrides);

    /// <summary>Opens the operational store, migrating a SQLite one; null when a server store has pending migrations.</summary>
    internal static async Task<AllianssiDbContext?> OpenOperationalAsync(CliHost host, CancellationToken ct)
    {
        var store = host.Store;
        var db = store.CreateContext(host.Time);
        var migrate = new MigrateStore(db);
        if (store.Provider == StoreProvider.Sqlite)
        {
            await migrate.ExecuteAsync(ct);
        }
        else if ((await migrate.PendingAsync(ct)).Count > 0)
        {
            await db.DisposeAsync();
            return null;
        }

        return db;
    }

    /// <summary>The party ids of the embedded Tesoma reference configuration.</summary>
    private static string[] ReferenceParties() => [.. Domain.Reference.ReferenceConfiguration.Tesoma.PartyIds];

    private static async Task<T> WithProgressBar<T>(Func<IProgress<ImportProgress>, Task<T>> run)
    {
        T result = default!;
        await AnsiConsole.Progress().StartAsync(async context =>
        {
            var task = context.AddTask("importing", maxValue: 100);
            result = await run(new Progress<ImportProgress>(p =>
            {
                task.Description = p.Phase.ToString().ToLowerInvariant();
                task.Value = p.TotalBytes > 0 ? 100.0 * p.Bytes / p.TotalBytes : task.Value;
            }));
            task.Value = 100;
        });
        return result;
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
