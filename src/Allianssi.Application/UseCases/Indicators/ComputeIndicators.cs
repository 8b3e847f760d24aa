using System.Text.Json;
using Allianssi.Application.Data;
using Allianssi.Application.Security;
using Allianssi.Application.UseCases.Common;
using Allianssi.Indicators.Definitions;
using Allianssi.Indicators.Engine;
using Allianssi.Indicators.Sandbox;
using Allianssi.Store;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using EngineResult = Allianssi.Indicators.Engine.IndicatorResult;
using StoredResult = Allianssi.Application.Data.Entities.IndicatorResult;

namespace Allianssi.Application.UseCases.Indicators;

/// <summary>The outcome of a computation: the per-unit results (as <c>compute --json</c> prints them) and what was stored.</summary>
/// <param name="Results">Per-unit results, ordered by definition, year and unit (the all-units totals are stored, not listed).</param>
/// <param name="Stored">Rows written (including the all-units totals).</param>
/// <param name="AllianceUnit">The unit scored for the alliance, or null when the store has none.</param>
/// <param name="LeftOut">The alliance's own indicators that were refused, failed or ran past a limit (no results stored; suspended unless only the job's budget ran out).</param>
public sealed record ComputeRun(string Alliance, string Period, IReadOnlyList<int> Years, IReadOnlyList<EngineResult> Results, int Stored, string? AllianceUnit,
    IReadOnlyList<CustomFailure>? LeftOut = null);

/// <summary>
/// Computes every indicator (reference catalog and the alliance's own) for every unit and year of a
/// period over the analytical store and replaces that period's (and year's) stored results in one
/// transaction, recording definition versions, parameters and batch ids (analyst or admin).
/// </summary>
/// <remarks>
/// The alliance's unit is its configured <c>ScoredUnit</c> when the store has it, else the store's
/// unit of kind <c>alliance</c>. The totals over all units are stored as unit <c>*</c>
/// (<see cref="IndicatorEngine.AllUnits"/>) for the additive kinds and medians: the municipal line
/// of the benchmarks. The engine is deterministic, so unchanged inputs store identical rows.
/// An own indicator that the sandbox refuses, that fails or that runs past the sandbox's limits is
/// left out (its stored results are removed), and suspended: it is not run again until its author
/// saves a new version. Each suspension is audited.
/// </remarks>
public sealed class ComputeIndicators(AllianssiDbContext db, TimeProvider time, AnalyticalStoreLocation location, ILogger<ComputeIndicators>? logger = null)
{
    private readonly ILogger _logger = logger ?? NullLogger<ComputeIndicators>.Instance;

    /// <summary>The time limit of one query of an own indicator (the sandbox's, as at validation).</summary>
    public TimeSpan CustomQueryTimeout { get; init; } = CustomIndicatorSandbox.DefaultTimeout;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>Computes a stored period (parameters from the operational store) and stores the results.</summary>
    public async Task<Outcome<ComputeRun>> ExecuteAsync(
        string allianceCode, string periodCode, int? year, Actor actor,
        IProgress<(int Done, int Total)>? progress = null, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (!actor.IsAdmin && actor.Role != Roles.Analyst)
        {
            return Outcome<ComputeRun>.Forbidden("forbidden.compute", $"only analysts and admins may compute indicators");
        }

        var alliance = await db.AllianceAsync(allianceCode, ct);
        if (alliance is null)
        {
            return Outcome<ComputeRun>.NotFound("notFound.alliance", $"alliance '{allianceCode}'");
        }

        var period = await IndicatorDefinitions.PeriodAsync(db, alliance.Id, periodCode, ct);
        if (period is null)
        {
            return Outcome<ComputeRun>.NotFound("notFound.period", $"period '{periodCode}'");
        }

        var computation = IndicatorDefinitions.ToEngine(period);
        if (year is { } y && !computation.Years.Contains(y))
        {
            return YearRefusals.OutsidePeriod<ComputeRun>(y, period.Code, period.Dates.Start.Year, period.Dates.End.Year);
        }

        if (!location.Exists)
        {
            return Outcome<ComputeRun>.Invalid("store", "form.noStore", $"there is no analytical store yet: import data first");
        }

        var definitions = await IndicatorDefinitions.ForAllianceAsync(db, alliance.Id, ct);
        var run = await ComputeAndStoreAsync(alliance.Code, computation, year is { } one ? [one] : null, definitions, actor, progress, ct);
        return Outcome<ComputeRun>.Ok(run!);
    }

    /// <summary>
    /// Computes the given definitions for a period as configured by the caller (the command line's
    /// reference configuration) and stores them for the alliance. Null when the alliance is not in the store.
    /// </summary>
    public async Task<ComputeRun?> ComputeAndStoreAsync(
        string allianceCode, ComputationPeriod period, IReadOnlyList<int>? years, IReadOnlyList<IndicatorDefinition> definitions,
        Actor actor, IProgress<(int Done, int Total)>? progress = null, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(period);
        ArgumentNullException.ThrowIfNull(definitions);
        ArgumentNullException.ThrowIfNull(actor);
        var alliance = await StoredDates.ReadAsync(db, () => db.Alliances.AsNoTracking().SingleOrDefaultAsync(a => a.Code == allianceCode, ct), ct);
        if (alliance is null)
        {
            return null;
        }

        var store = location.Store();
        var periodYears = (years ?? period.Years).ToList();
        // A whole period is computed only up to the last year its data covers and never past today: a year
        // without data would otherwise store zero rates from still-open listings and then be scored.
        var dataThrough = LastDataDate(store);
        List<int> yearList = years is null
            ? (dataThrough is { } last ? [.. periodYears.Where(y => y <= Math.Min(last.Year, time.GetUtcNow().Year))] : [])
            : periodYears;
        var engine = new IndicatorEngine(store) { CustomQueryTimeout = CustomQueryTimeout };
        var totals = definitions.Where(HasTotal).ToList();
        var total = definitions.Count * yearList.Count + totals.Count * yearList.Count;
        var failures = new List<CustomFailure>();
        var (results, allUnits, allianceUnit) = await Task.Run(() =>
        {
            var perUnit = engine.ComputeAll(definitions, period, failures, yearList, progress is null ? null : new Progress(progress, 0, total), ct);
            var done = definitions.Count * yearList.Count;
            var sums = new List<EngineResult>();
            foreach (var definition in totals)
            {
                if (failures.Any(f => f.Indicator == definition.Id))
                {
                    done += yearList.Count;
                    continue;
                }

                var own = new List<EngineResult>();
                try
                {
                    foreach (var y in yearList)
                    {
                        ct.ThrowIfCancellationRequested();
                        own.Add(engine.ComputeTotal(definition, period, y, cancellationToken: ct));
                        progress?.Report((++done, total));
                    }
                }
                catch (SandboxException e) when (definition.IsCustom)
                {
                    failures.Add(new CustomFailure(definition.Id, definition.Version, e.Code ?? SandboxCodes.QueryFailed, e.Cause));
                    own.Clear();
                }

                sums.AddRange(own);
            }

            var failed = failures.Select(f => f.Indicator).ToHashSet(StringComparer.Ordinal);
            perUnit = [.. perUnit.Where(r => !failed.Contains(r.Indicator))];
            return (perUnit, sums, AllianceUnit(store, alliance.ScoredUnit, perUnit));
        }, ct);

        var now = time.GetUtcNow();
        var rows = results.Concat(allUnits).Select(r => ToStored(alliance.Id, period.Id, r, r.Unit == allianceUnit, now)).ToList();
        var ids = definitions.Select(d => d.Id).ToList();
        var strategy = db.Database.CreateExecutionStrategy();
        await strategy.ExecuteAsync(async () =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            if (db.Database.IsNpgsql())
            {
                // Two computations of one alliance (two analysts, a job and the command line) take
                // turns here: under READ COMMITTED both would delete, then both insert the same keys.
                // SQLite needs nothing: its writers are serialised by the database lock.
                await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock({StoreLockKey}, {alliance.Id})", ct);
            }

            await db.IndicatorResults
                .Where(r => r.AllianceId == alliance.Id && r.Period == period.Id && periodYears.Contains(r.Year) && ids.Contains(r.IndicatorId))
                .ExecuteDeleteAsync(ct);
            db.IndicatorResults.AddRange(rows);
            await SuspendAsync(alliance.Id, failures, actor, ct);
            AuditLog.Record(db, time, actor, "compute-indicators", nameof(StoredResult), $"{alliance.Code}/{period.Id}", null,
                new { period = period.Id, years = yearList, indicators = ids.Count, results = rows.Count, leftOut = failures.Count, dataThrough });
            await db.SaveChangesAsync(ct);
            await FaultInjection.PauseAsync("compute-before-commit");
            await transaction.CommitAsync(ct);
        });
        db.ChangeTracker.Clear();
        return new ComputeRun(alliance.Code, period.Id, yearList, results, rows.Count, allianceUnit, failures);
    }

    /// <summary>Marks the versions that failed as suspended (not a job-budget skip), each audited with its code; logs each without data.</summary>
    private async Task SuspendAsync(int allianceId, IReadOnlyList<CustomFailure> failures, Actor actor, CancellationToken ct)
    {
        foreach (var failure in failures)
        {
            SandboxLog.LeftOut(_logger, failure.Indicator, failure.Version, failure.Code, failure.Cause, failure.Suspends);
            if (!failure.Suspends)
            {
                continue;
            }

            var stored = await db.CustomIndicatorDefinitions
                .SingleOrDefaultAsync(d => d.AllianceId == allianceId && d.Code == failure.Indicator && d.Version == failure.Version, ct);
            if (stored is null || stored.SuspendedCode is not null)
            {
                continue;
            }

            stored.SuspendedCode = failure.Code;
            stored.SuspendedAt = time.GetUtcNow();
            AuditLog.Record(db, time, actor, "suspend-custom-indicator", nameof(Data.Entities.CustomIndicatorDefinition), $"{failure.Indicator}/v{failure.Version}", null,
                new { code = failure.Code });
        }
    }

    /// <summary>
    /// The years of <paramref name="years"/> up to the last year the imported events cover and up to
    /// <paramref name="thisYear"/>; none when the store holds no events. Listings and persons are not
    /// events: a listing still open says nothing about a year that has not happened.
    /// </summary>
    internal static List<int> YearsWithData(AnalyticalStore store, IReadOnlyList<int> years, int thisYear) =>
        LastDataDate(store) is { } last ? [.. years.Where(y => y <= Math.Min(last.Year, thisYear))] : [];

    /// <summary>
    /// The last date the imported events cover (a value reported per year covers its whole year);
    /// null when the store holds no events. Recorded with each computation, so the scorecard can tell
    /// a year the data covers only partly ("so far").
    /// </summary>
    internal static DateOnly? LastDataDate(AnalyticalStore store)
    {
        using var connection = store.Open();
        using var command = connection.CreateCommand();
        command.CommandText = LastDataDateSql;
        return command.ExecuteScalar() switch
        {
            DateOnly d => d,
            DateTime t => DateOnly.FromDateTime(t),
            _ => null,
        };
    }

    private const string LastDataDateSql = """
        SELECT max(d) FROM (
            SELECT max(visit_on) AS d FROM visits
            UNION ALL SELECT max(recorded_on) FROM diagnoses
            UNION ALL SELECT max(sampled_on) FROM lab_results
            UNION ALL SELECT max(created_on) FROM care_plans
            UNION ALL SELECT max(assessed_on) FROM assessments
            UNION ALL SELECT max(answered_on) FROM survey_responses
            UNION ALL SELECT max(start_on) FROM service_periods
            UNION ALL SELECT max(snapshot_on) FROM calendars
            UNION ALL SELECT max(snapshot_on) FROM slots
            UNION ALL SELECT max(booked_on) FROM ledger
            UNION ALL SELECT make_date(CAST(max(year) AS INTEGER), 12, 31) FROM reported_values)
        """;

    /// <summary>The first key of the PostgreSQL advisory lock that serialises storing an alliance's results.</summary>
    private const int StoreLockKey = 0x41_6C_49_6E; // "AlIn"

    /// <summary>The definitions an alliance computes: the reference catalog, then its own (newest version of each).</summary>
    public static async Task<IReadOnlyList<IndicatorDefinition>> DefinitionsAsync(AllianssiDbContext db, string allianceCode, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        var id = await db.Alliances.Where(a => a.Code == allianceCode).Select(a => (int?)a.Id).SingleOrDefaultAsync(ct);
        return id is { } allianceId ? await IndicatorDefinitions.ForAllianceAsync(db, allianceId, ct) : [];
    }

    /// <summary>Whether a total over all units means something for the kind (the municipal line).</summary>
    private static bool HasTotal(IndicatorDefinition definition) =>
        AggregationKinds.IsAdditive(definition.Kind) || definition.Kind == AggregationKind.Median;

    private static string? AllianceUnit(AnalyticalStore store, string configured, IReadOnlyList<EngineResult> results)
    {
        if (results.Any(r => r.Unit == configured))
        {
            return configured;
        }

        var rows = new CustomIndicatorSandbox(store) { RunThroughGate = false }.Run("SELECT unit_id FROM units WHERE kind = 'alliance' ORDER BY unit_id");
        return rows.Rows.Select(r => r[0] as string).FirstOrDefault(u => u is not null);
    }

    private static StoredResult ToStored(int allianceId, string period, EngineResult r, bool isAllianceUnit, DateTimeOffset at) => new()
    {
        AllianceId = allianceId,
        Period = period,
        IndicatorId = r.Indicator,
        UnitId = r.Unit,
        Year = r.Year,
        Value = r.Value,
        Numerator = r.Numerator,
        Denominator = r.Denominator,
        N = r.N,
        Suppressed = r.Suppressed,
        IsAllianceUnit = isAllianceUnit,
        DefinitionVersion = r.DefinitionVersion,
        ParametersJson = JsonSerializer.Serialize(new SortedDictionary<string, object>(r.Parameters.ToDictionary(p => p.Key, p => p.Value), StringComparer.Ordinal), Json),
        BatchIdsJson = JsonSerializer.Serialize(r.BatchIds, Json),
        WindowStart = r.WindowStart,
        WindowEnd = r.WindowEnd,
        ComputedAt = at,
    };

    /// <summary>Reports the engine's progress as part of the whole run.</summary>
    private sealed class Progress(IProgress<(int Done, int Total)> target, int offset, int total) : IProgress<(int Done, int Total)>
    {
        public void Report((int Done, int Total) value) => target.Report((offset + value.Done, total));
    }
}
