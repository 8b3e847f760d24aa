using System.Text.RegularExpressions;
using Allianssi.Application.Data;
using Allianssi.Application.Data.Entities;
using Allianssi.Application.Security;
using Allianssi.Application.UseCases.Common;
using Allianssi.Indicators.CareGaps;
using Allianssi.Indicators.Catalog;
using Allianssi.Indicators.Definitions;
using Allianssi.Indicators.Engine;
using Allianssi.Indicators.Sandbox;
using Allianssi.Store;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using PartyRole = Allianssi.Domain.Contracts.PartyRole;

namespace Allianssi.Application.UseCases.Indicators;

/// <summary>One stored result on a benchmark: value and counts are null when suppressed for the reader.</summary>
public sealed record ResultPoint(string Unit, int Year, string Period, double? Value, double? Numerator, double? Denominator, long? N, bool Suppressed, bool IsAllianceUnit, int DefinitionVersion);

/// <summary>One indicator across every unit and year from the stored results; unit <c>*</c> is the municipal total.</summary>
public sealed record IndicatorResults(string Indicator, string? AllianceUnit, IReadOnlyList<ResultPoint> Points);

/// <summary>
/// Reads one indicator's stored results for benchmarking and trends (any signed-in reader).
/// Small counts (n below the minimum count) and their complements (<see cref="ResultSuppression"/>)
/// are suppressed for everyone but the controller, who sees the values with the flag.
/// </summary>
public sealed class GetIndicatorResults(AllianssiDbContext db)
{
    public async Task<Outcome<IndicatorResults>> ExecuteAsync(string? allianceCode, string indicatorId, Actor actor, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var alliance = await IndicatorAccess.AllianceAsync(db, allianceCode, ct);
        if (alliance is null)
        {
            return Outcome<IndicatorResults>.NotFound("notFound.alliance", $"alliance '{allianceCode}'");
        }

        var rows = await db.IndicatorResults.AsNoTracking().Where(r => r.AllianceId == alliance.Id && r.IndicatorId == indicatorId).ToListAsync(ct);
        var hidden = ResultSuppression.Hidden(rows.Select(ResultSuppression.Cell), await ResultSuppression.ThresholdsAsync(db, alliance.Id, ct));
        var controller = actor.Role == Roles.Controller;
        var points = rows.OrderBy(r => r.Year).ThenBy(r => r.UnitId, StringComparer.Ordinal).Select(r =>
        {
            var suppressed = hidden.Contains(ResultSuppression.Cell(r));
            var hide = suppressed && !controller;
            return new ResultPoint(r.UnitId, r.Year, r.Period, hide ? null : r.Value, hide ? null : r.Numerator, hide ? null : r.Denominator,
                hide ? null : r.N, suppressed, r.IsAllianceUnit, r.DefinitionVersion);
        }).ToList();
        return Outcome<IndicatorResults>.Ok(new IndicatorResults(indicatorId, rows.FirstOrDefault(r => r.IsAllianceUnit)?.UnitId, points));
    }
}

/// <summary>Care gaps of one unit and year, by pseudonym (controller only, for the units their own party runs).</summary>
public sealed class GetCareGaps(AllianssiDbContext db, AnalyticalStoreLocation location)
{
    public async Task<Outcome<IReadOnlyList<CareGap>>> ExecuteAsync(string? allianceCode, string indicatorId, string? unit, int? year, Actor actor, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (actor.Role != Roles.Controller)
        {
            return Outcome<IReadOnlyList<CareGap>>.Forbidden("forbidden.careGaps", $"care-gap lists are for the data controller only");
        }

        var alliance = await IndicatorAccess.AllianceAsync(db, allianceCode, ct);
        if (alliance is null)
        {
            return Outcome<IReadOnlyList<CareGap>>.NotFound("notFound.alliance", $"alliance '{allianceCode}'");
        }

        if (!CareGapQueries.Indicators.Contains(indicatorId))
        {
            return Outcome<IReadOnlyList<CareGap>>.NotFound("notFound.careGapList", $"care-gap list for '{indicatorId}'");
        }

        var periods = await StoredDates.ReadAsync(db, () => db.Periods.AsNoTracking().Include(p => p.Parameters).Where(p => p.AllianceId == alliance.Id).ToListAsync(ct), ct);
        var period = year is { } y ? periods.FirstOrDefault(p => p.Dates.Overlaps(y)) : null;
        if (period is null || !location.Exists)
        {
            return year is { } asked ? YearRefusals.InNoPeriod<IReadOnlyList<CareGap>>(asked) : YearRefusals.Required<IReadOnlyList<CareGap>>();
        }

        // A controller is the data controller of their own party's units only (units.kind in the data).
        var partyRole = await db.Parties.AsNoTracking().Where(p => p.AllianceId == alliance.Id && p.Code == actor.PartyCode)
            .Select(p => (PartyRole?)p.Role).SingleOrDefaultAsync(ct);
        var kinds = UnitKindsRunBy(partyRole);
        var gaps = await Task.Run(() => CareGapQueries.List(location.Store(), indicatorId, IndicatorDefinitions.ToEngine(period), year!.Value,
            string.IsNullOrWhiteSpace(unit) ? null : unit, kinds, ct), ct);
        return Outcome<IReadOnlyList<CareGap>>.Ok(gaps);
    }

    /// <summary>
    /// The kinds of unit (data-model.md, <c>units.kind</c>) a party runs: the producer the alliance's
    /// own unit, a purchaser the municipality's own health stations; a partner (or no party) none.
    /// </summary>
    public static IReadOnlyList<string> UnitKindsRunBy(PartyRole? role) => role switch
    {
        PartyRole.Producer => ["alliance"],
        PartyRole.Purchaser => ["municipal"],
        _ => [],
    };
}

/// <summary>A custom indicator definition as entered.</summary>
public sealed record CustomIndicatorInput(
    string? Alliance, string? Code, string? NameFi, string? NameEn, string? Description, string? UnitOfMeasure,
    string? Direction, string? Kind, int? MinimumCount, string? Sql, string? Period);

/// <summary>A stored custom definition.</summary>
/// <param name="PublishedBy">The leadership member who published this version on the public page; null: not public.</param>
public sealed record CustomIndicatorDto(string Code, int Version, string NameFi, string NameEn, string Kind, string Direction, string Sql, string CreatedBy, DateTimeOffset CreatedAt,
    string? PublishedBy = null, DateTimeOffset? PublishedAt = null, string? SuspendedCode = null, DateTimeOffset? SuspendedAt = null);

/// <summary>
/// Adds a version of an analyst's own indicator (analyst or admin) after validating it in the
/// sandbox: one SELECT that parses and uses only allow-listed functions, tables and constructs, the
/// columns its kind needs, and a run on the data within the time limit for every year of the period.
/// Refusals carry the sandbox's code and fixed message under <c>sql</c> (never DuckDB's text) and
/// are audited with the code (not the SQL); the server log gets the code and the exception type.
/// </summary>
public sealed partial class AddCustomIndicator(AllianssiDbContext db, TimeProvider time, AnalyticalStoreLocation location, ILogger<AddCustomIndicator>? logger = null)
{
    public async Task<Outcome<CustomIndicatorDto>> ExecuteAsync(CustomIndicatorInput input, Actor actor, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(actor);
        if (!actor.IsAdmin && actor.Role != Roles.Analyst)
        {
            return Outcome<CustomIndicatorDto>.Forbidden("forbidden.customIndicator", $"only analysts and admins may add indicator definitions");
        }

        var alliance = await IndicatorAccess.AllianceAsync(db, input.Alliance, ct);
        if (alliance is null)
        {
            return Outcome<CustomIndicatorDto>.NotFound("notFound.alliance", $"alliance '{input.Alliance}'");
        }

        var v = new Validation();
        var code = input.Code?.Trim() ?? "";
        if (!CodePattern().IsMatch(code))
        {
            v.Add("code", "form.indicatorCodeShape", $"use 2-64 lowercase letters, digits and underscores, starting with a letter");
        }
        else if (ReferenceCatalog.Ids.Contains(code))
        {
            v.Add("code", "form.indicatorCodeTaken", $"'{code}' is a reference indicator");
        }

        if (string.IsNullOrWhiteSpace(input.NameFi))
        {
            v.Add("nameFi", "form.nameFiRequired", $"a Finnish name is required");
        }

        if (string.IsNullOrWhiteSpace(input.NameEn))
        {
            v.Add("nameEn", "form.nameEnRequired", $"an English name is required");
        }

        if (!Enum.TryParse<AggregationKind>(input.Kind, ignoreCase: true, out var kind) || !Enum.IsDefined(kind))
        {
            v.Add("kind", "form.oneOf", $"one of {string.Join(", ", Enum.GetNames<AggregationKind>().Select(n => n.ToLowerInvariant()))}");
        }

        if (!Enum.TryParse<Direction>(input.Direction, ignoreCase: true, out var direction) || !Enum.IsDefined(direction))
        {
            v.Add("direction", "form.direction", $"higher or lower");
        }

        if (input.MinimumCount < Suppression.MinimumCountFloor)
        {
            v.Add("minimumCount", "form.minimumCountBelowFloor", $"cannot be below {Suppression.MinimumCountFloor}");
        }

        var periods = await StoredDates.ReadAsync(db, () => db.Periods.AsNoTracking().Include(p => p.Parameters).Where(p => p.AllianceId == alliance.Id).OrderBy(p => p.Dates.Start).ToListAsync(ct), ct);
        var period = string.IsNullOrWhiteSpace(input.Period) ? periods.FirstOrDefault() : periods.FirstOrDefault(p => p.Code == input.Period);
        if (period is null)
        {
            v.Add("period", "form.validationPeriodUnknown", $"no period '{input.Period}' to validate on");
        }

        if (!location.Exists)
        {
            v.Add("sql", "form.noStore", $"there is no analytical store yet to validate on: import data first");
        }

        if (v.HasErrors)
        {
            return v.ToOutcome<CustomIndicatorDto>();
        }

        var version = (await db.CustomIndicatorDefinitions.Where(d => d.AllianceId == alliance.Id && d.Code == code).MaxAsync(d => (int?)d.Version, ct) ?? 0) + 1;
        var entity = new CustomIndicatorDefinition
        {
            AllianceId = alliance.Id,
            Code = code,
            Version = version,
            NameFi = input.NameFi!.Trim(),
            NameEn = input.NameEn!.Trim(),
            Description = input.Description?.Trim() ?? "",
            UnitOfMeasure = input.UnitOfMeasure?.Trim() ?? "",
            Direction = direction.ToString(),
            Kind = kind.ToString(),
            MinimumCount = input.MinimumCount ?? 5,
            Sql = input.Sql ?? "",
            CreatedBy = actor.UserName,
            CreatedAt = time.GetUtcNow(),
        };
        var computation = IndicatorDefinitions.ToEngine(period!);
        var validation = await Task.Run(() => new CustomIndicatorSandbox(location.Store())
            .Validate(IndicatorDefinitions.ToEngine(entity), computation), ct);
        if (!validation.IsValid)
        {
            SandboxLog.Refused(logger ?? (ILogger)NullLogger.Instance, code, version, validation.Code, validation.Cause);
            AuditLog.Record(db, time, actor, "refuse-custom-indicator", nameof(CustomIndicatorDefinition), $"{code}/v{version}", null, new { code = validation.Code });
            await db.SaveChangesAsync(ct);
            return Outcome<CustomIndicatorDto>.Invalid(new Dictionary<string, string[]> { ["sql"] = [.. validation.Errors] });
        }

        db.CustomIndicatorDefinitions.Add(entity);
        var dto = ToDto(entity);
        AuditLog.Record(db, time, actor, "add-custom-indicator", nameof(CustomIndicatorDefinition), $"{code}/v{version}", null, dto);
        await db.SaveChangesAsync(ct);
        return Outcome<CustomIndicatorDto>.Ok(dto);
    }

    internal static CustomIndicatorDto ToDto(CustomIndicatorDefinition d) =>
        new(d.Code, d.Version, d.NameFi, d.NameEn, d.Kind.ToLowerInvariant(), d.Direction.ToLowerInvariant(), d.Sql, d.CreatedBy, d.CreatedAt, d.PublishedBy, d.PublishedAt, d.SuspendedCode, d.SuspendedAt);

    [GeneratedRegex("^[a-z][a-z0-9_]{1,63}$", RegexOptions.CultureInvariant)]
    private static partial Regex CodePattern();
}

/// <summary>Lists the custom definitions, every version (any reader).</summary>
public sealed class ListCustomIndicators(AllianssiDbContext db)
{
    public async Task<Outcome<IReadOnlyList<CustomIndicatorDto>>> ExecuteAsync(string? allianceCode, CancellationToken ct = default)
    {
        var alliance = await IndicatorAccess.AllianceAsync(db, allianceCode, ct);
        if (alliance is null)
        {
            return Outcome<IReadOnlyList<CustomIndicatorDto>>.NotFound("notFound.alliance", $"alliance '{allianceCode}'");
        }

        var rows = await db.CustomIndicatorDefinitions.AsNoTracking().Where(d => d.AllianceId == alliance.Id).ToListAsync(ct);
        return Outcome<IReadOnlyList<CustomIndicatorDto>>.Ok(rows.OrderBy(d => d.Code, StringComparer.Ordinal).ThenBy(d => d.Version).Select(AddCustomIndicator.ToDto).ToList());
    }
}

internal static class IndicatorAccess
{
    /// <summary>The named alliance, or the only one when no code is given.</summary>
    public static async Task<Alliance?> AllianceAsync(AllianssiDbContext db, string? code, CancellationToken ct)
    {
        if (!string.IsNullOrWhiteSpace(code))
        {
            return await StoredDates.ReadAsync(db, () => db.Alliances.AsNoTracking().SingleOrDefaultAsync(a => a.Code == code, ct), ct);
        }

        var two = await StoredDates.ReadAsync(db, () => db.Alliances.AsNoTracking().Take(2).ToListAsync(ct), ct);
        return two.Count == 1 ? two[0] : null;
    }
}
