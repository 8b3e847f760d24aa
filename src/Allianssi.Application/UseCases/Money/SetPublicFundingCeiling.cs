using System.Globalization;
using Allianssi.Application.Data;
using Allianssi.Application.Security;
using Allianssi.Application.UseCases.Common;
using Microsoft.EntityFrameworkCore;

namespace Allianssi.Application.UseCases.Money;

/// <summary>An alliance's public-funding ceiling: the amount in euros and its span, both ends inclusive.</summary>
public sealed record PublicFundingCeilingDto(decimal? Amount, DateOnly? From, DateOnly? To);

/// <summary>
/// Sets the public-funding ceiling of an alliance (seed 001: Tesoma's 140 M EUR over 2018-04-01..2028-03-31).
/// How much public money the alliance may use is the leadership team's decision (and admins'); every
/// change is audited with the ceiling before and after. Invalid input names its field (<c>amount</c>,
/// <c>from</c>, <c>to</c>) and saves nothing.
/// </summary>
public sealed class SetPublicFundingCeiling(AllianssiDbContext db, TimeProvider time)
{
    /// <summary>The largest amount accepted (the column's precision keeps two decimals of 18 digits).</summary>
    public const decimal MaximumAmount = 9_999_999_999_999_999.99m;

    /// <summary>The ceiling in force, or null when the alliance (or its ceiling) is not set.</summary>
    public async Task<PublicFundingCeilingDto?> CurrentAsync(string allianceCode, CancellationToken ct = default) =>
        await db.Alliances.AsNoTracking().Where(a => a.Code == allianceCode && a.PublicFundingCeiling != null)
            .Select(a => new PublicFundingCeilingDto(a.PublicFundingCeiling!.Value.Euros, a.PublicFundingFrom, a.PublicFundingTo)).SingleOrDefaultAsync(ct);

    public async Task<Outcome<PublicFundingCeilingDto>> ExecuteAsync(string allianceCode, PublicFundingCeilingDto input, Actor actor, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(actor);
        if (!actor.IsAdmin && actor.Role != Roles.Leadership)
        {
            return Outcome<PublicFundingCeilingDto>.Forbidden("forbidden.publicFundingCeiling", $"only leadership and admins may change the public-funding ceiling");
        }

        var alliance = await StoredDates.ReadAsync(db, () => db.Alliances.SingleOrDefaultAsync(a => a.Code == allianceCode, ct), ct);
        if (alliance is null)
        {
            return Outcome<PublicFundingCeilingDto>.NotFound("notFound.alliance", $"alliance '{allianceCode}'");
        }

        var v = new Validation();
        if (input.Amount is not { } amount)
        {
            v.Add("amount", "form.ceilingRequired", $"the ceiling's amount is required");
        }
        else if (amount <= 0m)
        {
            v.Add("amount", "form.ceilingNotPositive", $"the ceiling must be positive, is {amount}");
        }
        else if (amount > MaximumAmount || decimal.Round(amount, 2) != amount)
        {
            v.Add("amount", "form.ceilingPrecision", $"the ceiling is euros with at most two decimals and 16 digits before them");
        }

        if (input.From is null)
        {
            v.Add("from", "form.firstDayRequired", $"the span's first day is required");
        }

        if (input.To is null)
        {
            v.Add("to", "form.lastDayRequired", $"the span's last day is required");
        }
        else if (input.From is { } from && input.To < from)
        {
            v.Add("to", "form.lastDayBeforeFirst", $"the span's last day {input.To.Value:yyyy-MM-dd} is before its first day {from:yyyy-MM-dd}");
        }

        if (v.HasErrors)
        {
            return v.ToOutcome<PublicFundingCeilingDto>();
        }

        var before = alliance.PublicFundingCeiling is null ? null : new PublicFundingCeilingDto(alliance.PublicFundingCeiling.Value.Euros, alliance.PublicFundingFrom, alliance.PublicFundingTo);
        alliance.PublicFundingCeiling = input.Amount is { } ceiling ? new Domain.Money(ceiling) : null;
        alliance.PublicFundingFrom = input.From;
        alliance.PublicFundingTo = input.To;
        var after = new PublicFundingCeilingDto(input.Amount, input.From, input.To);
        AuditLog.Record(db, time, actor, "set-public-funding-ceiling", "Alliance", alliance.Code, before, after);
        await db.SaveChangesAsync(ct);
        return Outcome<PublicFundingCeilingDto>.Ok(after);
    }
}
