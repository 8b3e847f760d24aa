using System.Text.Json;
using Allianssi.Application;
using Allianssi.Application.Data;
using Allianssi.Application.Data.Entities;
using Allianssi.Application.Security;
using Allianssi.Application.UseCases.Imports;
using Allianssi.Application.UseCases.Indicators;
using Allianssi.Import;
using Allianssi.Import.Synthetic;
using Allianssi.Store.Schema;
using Microsoft.EntityFrameworkCore;
using PartyRole = Allianssi.Domain.Contracts.PartyRole;

namespace Allianssi.Web.Infrastructure;

/// <summary>
/// Demo mode's data: on the first start of a data folder without imported data, generates the
/// synthetic Tampere (<see cref="SyntheticDataGenerator"/>), imports every dataset through
/// <see cref="ImportExtract"/> (so the batches are in the import history and audited) and computes
/// every period's indicator results, in the background with <see cref="DemoDataProgress"/>.
/// </summary>
/// <remarks>
/// State lives in <c>&lt;data&gt;/demo-data/</c>: the folder itself says the work was started,
/// <c>generated.json</c> that the CSV files are complete (the generator renames its partial files only
/// at the end) and <c>done.json</c> that everything was imported and computed; then the CSV files are
/// deleted (the retained uploads keep the bytes). A killed run resumes: complete files are not
/// generated again, a batch lands whole or not at all and a file already imported is recognised by its
/// SHA-256, and computing replaces a period's results in one transaction. A data folder that already
/// has imported batches but no <c>demo-data/</c> folder is someone's own data and is left alone.
/// <para>Each batch is imported as an analyst of the party whose systems hold that dataset
/// (<see cref="Owners"/>, checked by <see cref="ImportRules"/>), so a party's analysts find their
/// own datasets in the import history; the ledger, every party's open book, is split into one file
/// per party, each imported by that party (18 batches in all).</para>
/// </remarks>
internal sealed partial class DemoDataService(
    AllianssiOptions startup, DemoDataOptions options, DemoDataProgress progress, AnalyticalData analytical,
    IServiceScopeFactory scopes, TimeProvider time, ILogger<DemoDataService> log) : BackgroundService
{
    /// <summary>Who the demo indicator results are recorded as (the batches: <see cref="AnalystOf"/> the owning party).</summary>
    public static readonly Actor DemoActor = new("demo-data", Roles.Admin, null);

    // Shares of the whole, measured at the default size (README): generating ~10 %, importing ~50 %, computing ~40 %.
    private const double GenerateShare = 0.1;
    private const double ImportShare = 0.5;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    private string Folder => Path.Combine(analytical.DataDirectory, "demo-data");

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await Task.Yield();
        if (!startup.Demo || options.Residents <= 0)
        {
            return;
        }

        try
        {
            if (File.Exists(Path.Combine(Folder, "done.json")))
            {
                Report(DemoDataStage.Done, null, 1, ranNow: false);
                return;
            }

            if (!Directory.Exists(Folder) && await HasImportedDataAsync(stoppingToken))
            {
                return;
            }

            Report(DemoDataStage.Pending, null, 0);
            Directory.CreateDirectory(Folder);
            var started = time.GetTimestamp();
            var summary = await GenerateAsync(stoppingToken);
            var batches = await ImportAllAsync(summary, stoppingToken);
            if (batches is null)
            {
                return;
            }

            var results = await ComputeAllAsync(stoppingToken);
            if (results is null)
            {
                return;
            }

            var elapsed = time.GetElapsedTime(started);
            await File.WriteAllTextAsync(Path.Combine(Folder, "done.json"), JsonSerializer.Serialize(new
            {
                options.Residents, options.Seed, options.FromYear, options.ToYear, batches, results, seconds = Math.Round(elapsed.TotalSeconds, 1),
                finishedAt = time.GetUtcNow(),
            }, Json), CancellationToken.None);
            foreach (var file in summary.Files)
            {
                File.Delete(file.Path);
            }

            foreach (var part in Directory.GetFiles(Folder, "ledger-*.csv"))
            {
                File.Delete(part);
            }

            Report(DemoDataStage.Done, null, 1);
            LogDone(log, batches.Value, results.Value, elapsed.TotalSeconds);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopped with the application: the next start resumes.
        }
#pragma warning disable CA1031 // The demo data must never take the application down; the failure is shown and logged.
        catch (Exception e)
#pragma warning restore CA1031
        {
            Fail($"{e.GetType().Name}: {e.Message.Split('\n')[0]}");
        }
    }

    private async Task<bool> HasImportedDataAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<AllianssiDbContext>().ImportBatches.AnyAsync(ct);
    }

    private async Task<GenerationSummary> GenerateAsync(CancellationToken ct)
    {
        var marker = Path.Combine(Folder, "generated.json");
        if (File.Exists(marker))
        {
            var previous = JsonSerializer.Deserialize<GeneratedSet>(await File.ReadAllTextAsync(marker, ct), Json);
            if (previous is not null && previous.Options == options && previous.Files.All(f => File.Exists(f.Path)))
            {
                return new GenerationSummary(options.Generation, previous.Files);
            }
        }

        File.Delete(marker);
        Report(DemoDataStage.Generating, null, 0);
        var summary = await SyntheticDataGenerator.GenerateAsync(options.Generation, Folder,
            new Inline<GenerationProgress>(p => Report(DemoDataStage.Generating, null, GenerateShare * p.Fraction)), ct);
        await File.WriteAllTextAsync(marker, JsonSerializer.Serialize(new GeneratedSet(options, summary.Files), Json), ct);
        return summary;
    }

    /// <summary>Imports every file in order, each as its owning party; the number of batches, or null after a failure.</summary>
    private async Task<int?> ImportAllAsync(GenerationSummary summary, CancellationToken ct)
    {
        List<Party> parties;
        await using (var scope = scopes.CreateAsyncScope())
        {
            parties = await scope.ServiceProvider.GetRequiredService<AllianssiDbContext>().Parties.AsNoTracking()
                .Where(p => p.Alliance!.Code == StoreStartup.DemoAlliance).OrderBy(p => p.Id).ToListAsync(ct);
        }

        var owners = Owners(parties);
        var uploads = new List<(string Dataset, string Path, string Party)>();
        foreach (var file in summary.Files)
        {
            var dataset = Datasets.All[file.Dataset];
            if (dataset.Supplier == DatasetSupplier.EachParty)
            {
                uploads.AddRange((await SyntheticDatasets.SplitByPartyAsync(dataset, file.Path, Folder, ct)).Select(part => (file.Dataset, part.Path, part.Party)));
            }
            else if (owners.TryGetValue(file.Dataset, out var owner))
            {
                uploads.Add((file.Dataset, file.Path, owner));
            }
            else
            {
                Fail($"{file.Dataset}: no party of the demo alliance holds it");
                return null;
            }
        }

        var sizes = uploads.Select(f => new FileInfo(f.Path).Length).ToList();
        double total = Math.Max(1, sizes.Sum());
        double before = 0;
        var batches = 0;
        for (var i = 0; i < uploads.Count; i++)
        {
            var file = uploads[i];
            var done = before;
            var share = sizes[i];
            Report(DemoDataStage.Importing, file.Dataset, GenerateShare + (ImportShare * done / total));
            var fileProgress = new Inline<ImportProgress>(p =>
            {
                var fraction = p.TotalBytes == 0 ? 0 : (double)p.Bytes / p.TotalBytes;
                var within = p.Phase switch
                {
                    ImportPhase.Inspecting => 0.1 * fraction,
                    ImportPhase.Reading => 0.1 + (0.8 * fraction),
                    _ => 0.9 + (0.1 * fraction),
                };
                Report(DemoDataStage.Importing, file.Dataset, GenerateShare + (ImportShare * (done + (within * share)) / total));
            });
            ImportResult result;
            await using (var content = new FileStream(file.Path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16))
            {
                await using var scope = scopes.CreateAsyncScope();
                var outcome = await scope.ServiceProvider.GetRequiredService<ImportExtract>()
                    .ExecuteAsync(new ImportExtractCommand(file.Dataset, content, Path.GetFileName(file.Path)) { Progress = fileProgress }, AnalystOf(file.Party), ct);
                if (!outcome.IsOk)
                {
                    Fail($"{file.Dataset}: {outcome.Message}");
                    return null;
                }

                result = outcome.Value!;
            }

            if (result.Outcome == ImportOutcome.Refused)
            {
                Fail($"{file.Dataset}: {(result.Diagnostics.Count > 0 ? result.Diagnostics[0].Code : "refused")}");
                return null;
            }

            batches++;
            LogImported(log, file.Dataset, result.Outcome, result.Accepted, result.Rejected);
            before += share;
        }

        return batches;
    }

    /// <summary>The actor a party's demo batches are recorded as: an analyst of that party, named <c>demo-data</c>.</summary>
    public static Actor AnalystOf(string party) => new(DemoActor.UserName, Roles.Analyst, party);

    /// <summary>
    /// Which party imports each dataset except those every party supplies for itself (<see cref="DatasetSupplier.EachParty"/>,
    /// the ledger, split by its party column with <see cref="SyntheticDatasets.SplitByPartyAsync"/>): the producer (it runs the health station, so
    /// the patient records, calendars and the NPS and partner surveys it sends are in its systems) holds
    /// the health-station data; the first purchaser (the municipality: its unit register, population
    /// register and statistics, home care and social care) holds the rest. Both may import these under
    /// <see cref="ImportRules"/>. Without a producer, the purchaser holds everything.
    /// </summary>
    public static IReadOnlyDictionary<string, string> Owners(IReadOnlyList<Party> parties)
    {
        ArgumentNullException.ThrowIfNull(parties);
        var purchaser = parties.Where(p => p.Role == PartyRole.Purchaser).OrderBy(p => p.From ?? DateOnly.MinValue).ThenBy(p => p.Id).FirstOrDefault();
        var producer = parties.FirstOrDefault(p => p.Role == PartyRole.Producer) ?? purchaser;
        var owners = new Dictionary<string, string>(StringComparer.Ordinal);
        if (purchaser is null || producer is null)
        {
            return owners;
        }

        // Each dataset's supplier is part of its description (Store/Schema/Datasets).
        foreach (var dataset in Datasets.InOrder)
        {
            switch (dataset.Supplier)
            {
                case DatasetSupplier.Producer:
                    owners[dataset.Name] = producer.Code;
                    break;
                case DatasetSupplier.Purchaser:
                    owners[dataset.Name] = purchaser.Code;
                    break;
                default:
                    break;
            }
        }

        return owners;
    }

    /// <summary>Computes every period of the demo alliance; the results stored, or null after a failure.</summary>
    private async Task<int?> ComputeAllAsync(CancellationToken ct)
    {
        List<string> periods;
        await using (var scope = scopes.CreateAsyncScope())
        {
            periods = await scope.ServiceProvider.GetRequiredService<AllianssiDbContext>().Periods
                .Where(p => p.Alliance!.Code == StoreStartup.DemoAlliance).OrderBy(p => p.Dates.Start).Select(p => p.Code).ToListAsync(ct);
        }

        var stored = 0;
        for (var i = 0; i < periods.Count; i++)
        {
            var index = i;
            var start = GenerateShare + ImportShare;
            var each = (1 - start) / Math.Max(1, periods.Count);
            Report(DemoDataStage.Computing, periods[i], start + (each * i));
            await using var scope = scopes.CreateAsyncScope();
            var outcome = await scope.ServiceProvider.GetRequiredService<ComputeIndicators>().ExecuteAsync(
                StoreStartup.DemoAlliance, periods[i], null, DemoActor,
                new Inline<(int Done, int Total)>(p => Report(DemoDataStage.Computing, periods[index], start + (each * (index + (p.Total == 0 ? 0 : (double)p.Done / p.Total))))),
                ct);
            if (!outcome.IsOk)
            {
                Fail($"{periods[i]}: {outcome.Message}");
                return null;
            }

            stored += outcome.Value!.Stored;
        }

        return stored;
    }

    private void Report(DemoDataStage stage, string? step, double fraction, bool ranNow = true) =>
        progress.Set(new DemoDataStatus(stage, step, (int)Math.Clamp(Math.Floor(fraction * 100), 0, 100), options.Residents, ranNow, null));

    private void Fail(string error)
    {
        var current = progress.Current;
        progress.Set(current with { Stage = DemoDataStage.Failed, Error = error, RanNow = true });
        LogFailed(log, error);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Demo data: {Dataset} {Outcome}, {Accepted} accepted, {Rejected} rejected")]
    private static partial void LogImported(ILogger logger, string dataset, ImportOutcome outcome, int accepted, int rejected);

    [LoggerMessage(Level = LogLevel.Information, Message = "Demo data ready: {Batches} datasets imported, {Results} indicator results stored in {Seconds:F0} s")]
    private static partial void LogDone(ILogger logger, int batches, int results, double seconds);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Demo data failed: {Error}; the next start tries again")]
    private static partial void LogFailed(ILogger logger, string error);

    /// <summary>What <c>generated.json</c> records: the options and the complete files.</summary>
    private sealed record GeneratedSet(DemoDataOptions Options, IReadOnlyList<GeneratedFile> Files);

    /// <summary>Progress reported on the reporting thread (Progress&lt;T&gt; would post out of order).</summary>
    private sealed class Inline<T>(Action<T> report) : IProgress<T>
    {
        public void Report(T value) => report(value);
    }
}

/// <summary>Registers the demo data service and its status.</summary>
internal static class DemoDataServices
{
    public static IServiceCollection AddDemoData(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton(DemoDataOptions.From(configuration));
        services.AddSingleton<DemoDataProgress>();
        services.AddHostedService<DemoDataService>();
        return services;
    }
}
