using System.CommandLine;
using System.Data.Common;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Allianssi.Application.Data;
using Allianssi.Application.Security;
using Allianssi.Application.UseCases.Indicators;
using Allianssi.Application.UseCases.Setup;
using Allianssi.Indicators.Catalog;
using Allianssi.Indicators.Engine;
using Allianssi.Store;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Allianssi.Cli.Commands;

/// <summary>
/// <c>allianssi compute --period P [--year Y] [--json]</c>: computes every reference indicator for
/// every unit in the analytical store (<c>&lt;data&gt;/analytical.duckdb</c>) and every year of the period.
/// </summary>
/// <remarks>
/// Periods and their parameters (hba1cMax, ldlChdMax, minimumCount, ...) come from the reference
/// configuration: the embedded Tesoma one, or <c>--config FILE</c> in the same format.
/// <c>--json</c> prints <c>[{indicator, unit, year, value, numerator, denominator, n, suppressed}]</c>;
/// value is null when the denominator is empty.
/// </remarks>
public static class ComputeCommand
{
    /// <summary>The store file name under the data directory.</summary>
    public const string StoreFileName = AnalyticalStoreLocation.FileName;

    /// <summary>Builds the verb.</summary>
    public static Command Create(GlobalOptions globals)
    {
        ArgumentNullException.ThrowIfNull(globals);
        var period = new Option<string>("--period") { Description = "Contract period id, e.g. P1", Required = true };
        var year = new Option<int?>("--year") { Description = "One calendar year of the period (default: every year it touches)" };
        var json = new Option<bool>("--json") { Description = "Print a JSON array instead of a table" };
        var config = new Option<FileInfo?>("--config") { Description = "Reference configuration (JSON like tesoma-reference.json); default: the embedded Tesoma one" };
        var indicator = new Option<string[]>("--indicator") { Description = "Only these indicator ids (repeatable)", AllowMultipleArgumentsPerToken = true };
        var command = new Command("compute", "Compute the indicators for every unit from the analytical store")
        {
            period,
            year,
            json,
            config,
            indicator,
        };
        command.SetAction(async (parseResult, ct) =>
        {
            var output = parseResult.InvocationConfiguration.Output;
            var error = parseResult.InvocationConfiguration.Error;
            var store = globals.AnalyticalStore(parseResult);
            if (!store.Exists)
            {
                error.WriteLine($"compute: no analytical store at {store.Path}; import data first");
                return CliApplication.InvalidInput;
            }

            IReadOnlyList<ComputationPeriod> periods;
            try
            {
                var file = parseResult.GetValue(config);
                periods = file is null ? ComputationPeriod.Tesoma : ComputationPeriod.From(Domain.Reference.ReferenceConfiguration.Parse(File.ReadAllText(file.FullName)));
            }
            catch (Exception e) when (e is IOException or JsonException or KeyNotFoundException or FormatException or UnauthorizedAccessException or Domain.Scenarios.InvalidScenarioException)
            {
                error.WriteLine($"compute: cannot read the configuration: {e.Message}");
                return CliApplication.InvalidInput;
            }

            var periodId = parseResult.GetValue(period)!;
            var chosen = periods.FirstOrDefault(p => string.Equals(p.Id, periodId, StringComparison.OrdinalIgnoreCase));
            if (chosen is null)
            {
                error.WriteLine($"compute: no period '{periodId}' (known: {string.Join(", ", periods.Select(p => p.Id))})");
                return CliApplication.InvalidInput;
            }

            var onlyYear = parseResult.GetValue(year);
            if (onlyYear is { } y && !chosen.Years.Contains(y))
            {
                error.WriteLine($"compute: year {y} is outside period {chosen.Id} ({chosen.Start:yyyy-MM-dd}..{chosen.End:yyyy-MM-dd})");
                return CliApplication.InvalidInput;
            }

            var definitions = ReferenceCatalog.Definitions;
            var only = parseResult.GetValue(indicator);
            if (only is { Length: > 0 })
            {
                var unknown = only.Where(id => !ReferenceCatalog.Ids.Contains(id)).ToList();
                if (unknown.Count > 0)
                {
                    error.WriteLine($"compute: unknown indicator(s) {string.Join(", ", unknown)}");
                    return CliApplication.InvalidInput;
                }

                definitions = definitions.Where(d => only.Contains(d.Id)).ToList();
            }

            var years = onlyYear is { } one ? new[] { one } : null;
            var results = await ComputeStoredAsync(globals, parseResult, chosen, years, definitions, error, ct)
                ?? new IndicatorEngine(store.Store()).ComputeAll(definitions, chosen, years, cancellationToken: ct);
            output.Write(parseResult.GetValue(json) ? ToJson(results) : ToTable(results));
            return CliApplication.Success;
        });
        return command;
    }

    /// <summary>
    /// When the operational store is available (configured, or the embedded file exists) and holds
    /// one alliance, computes through the application's use case, which also stores the results;
    /// otherwise null (the caller computes without storing).
    /// </summary>
    private static async Task<IReadOnlyList<IndicatorResult>?> ComputeStoredAsync(
        GlobalOptions globals, ParseResult parseResult, ComputationPeriod period, int[]? years,
        IReadOnlyList<Indicators.Definitions.IndicatorDefinition> definitions, TextWriter error, CancellationToken ct)
    {
        var options = globals.Options(parseResult);
        if (options.IsEmbeddedStore && !File.Exists(Path.Combine(options.DataDirectory, OperationalStore.EmbeddedFileName)))
        {
            return null;
        }

        try
        {
            var host = globals.Host(parseResult);
            await using var scope = host.Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<AllianssiDbContext>();
            var migrate = scope.ServiceProvider.GetRequiredService<MigrateStore>();
            if (host.Store.Provider == StoreProvider.Sqlite)
            {
                await migrate.ExecuteAsync(ct);
            }
            else if ((await migrate.PendingAsync(ct)).Count > 0)
            {
                error.WriteLine("compute: the operational store has pending migrations (run allianssi db migrate); results are not stored");
                return null;
            }

            if (await OnlyAlliance.OfAsync(db, ct) is not { } alliance)
            {
                return null;
            }

            var all = definitions.Concat(await CustomDefinitionsAsync(db, alliance, definitions, ct)).ToList();
            var useCase = scope.ServiceProvider.GetRequiredService<ComputeIndicators>();
            var run = await useCase.ComputeAndStoreAsync(alliance, period, years, all, Actor.System, null, ct);
            return run?.Results;
        }
        catch (Exception e) when (e is DbException or InvalidOperationException)
        {
            error.WriteLine($"compute: results are not stored ({e.GetType().Name})");
            return null;
        }
    }

    /// <summary>The alliance's own definitions, when every reference indicator is computed.</summary>
    private static async Task<IReadOnlyList<Indicators.Definitions.IndicatorDefinition>> CustomDefinitionsAsync(
        AllianssiDbContext db, string alliance, IReadOnlyList<Indicators.Definitions.IndicatorDefinition> definitions, CancellationToken ct)
    {
        if (definitions.Count != ReferenceCatalog.Definitions.Count)
        {
            return [];
        }

        var all = await ComputeIndicators.DefinitionsAsync(db, alliance, ct);
        return all.Skip(ReferenceCatalog.Definitions.Count).ToList();
    }

    /// <summary>The <c>--json</c> rendering.</summary>
    public static string ToJson(IEnumerable<IndicatorResult> results)
    {
        ArgumentNullException.ThrowIfNull(results);
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            writer.WriteStartArray();
            foreach (var r in results)
            {
                writer.WriteStartObject();
                writer.WriteString("indicator", r.Indicator);
                writer.WriteString("unit", r.Unit);
                writer.WriteNumber("year", r.Year);
                WriteNumber(writer, "value", r.Value);
                WriteNumber(writer, "numerator", r.Numerator);
                WriteNumber(writer, "denominator", r.Denominator);
                if (r.N is { } n)
                {
                    writer.WriteNumber("n", n);
                }
                else
                {
                    writer.WriteNull("n");
                }

                writer.WriteBoolean("suppressed", r.Suppressed);
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
        }

        return Encoding.UTF8.GetString(stream.ToArray()) + "\n";
    }

    private static void WriteNumber(Utf8JsonWriter writer, string name, double? value)
    {
        if (value is { } v)
        {
            writer.WriteNumber(name, v);
        }
        else
        {
            writer.WriteNull(name);
        }
    }

    private static string ToTable(IReadOnlyList<IndicatorResult> results)
    {
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"{"indicator",-26} {"unit",-16} {"year",4} {"value",12} {"numerator",14} {"denominator",12} {"n",8} suppressed");
        foreach (var r in results)
        {
            text.AppendLine(CultureInfo.InvariantCulture,
                $"{r.Indicator,-26} {r.Unit,-16} {r.Year,4} {Format(r.Value),12} {Format(r.Numerator),14} {Format(r.Denominator),12} {(r.N?.ToString(CultureInfo.InvariantCulture) ?? "-"),8} {(r.Suppressed ? "yes" : "")}");
        }

        return text.ToString();
    }

    private static string Format(double? value) => value?.ToString("0.###", CultureInfo.InvariantCulture) ?? "-";
}
