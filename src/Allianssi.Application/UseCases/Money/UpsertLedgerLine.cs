using System.Globalization;
using Allianssi.Application.Data;
using Allianssi.Application.Data.Entities;
using Allianssi.Application.Security;
using Allianssi.Application.UseCases.Common;
using Microsoft.EntityFrameworkCore;

namespace Allianssi.Application.UseCases.Money;

/// <summary>An open-book ledger line as the pages and the API show it.</summary>
public sealed record LedgerLineDto(int Id, string Party, int Year, string Account, string? Description, decimal Amount, bool Reimbursable);

/// <summary>A ledger line to add (no id) or change.</summary>
public sealed record LedgerLineInput(string Party, int Year, string Account, string? Description, decimal Amount, bool Reimbursable);

/// <summary>
/// Adds or changes a ledger line. An analyst may only touch their own party's ledger; an admin any.
/// </summary>
public sealed class UpsertLedgerLine(AllianssiDbContext db, TimeProvider time)
{
    public async Task<Outcome<LedgerLineDto>> ExecuteAsync(string allianceCode, int? id, LedgerLineInput input, Actor actor, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(actor);
        var alliance = await db.AllianceAsync(allianceCode, ct);
        if (alliance is null)
        {
            return Outcome<LedgerLineDto>.NotFound("notFound.alliance", $"alliance '{allianceCode}'");
        }

        LedgerLine? row = null;
        if (id is { } existing)
        {
            row = await db.LedgerLines.Include(l => l.Party).SingleOrDefaultAsync(l => l.Id == existing && l.Party!.AllianceId == alliance.Id, ct);
            if (row is null)
            {
                return Outcome<LedgerLineDto>.NotFound("notFound.ledgerLine", $"ledger line {existing}");
            }

            if (!actor.MayActFor(row.Party!.Code, Roles.Analyst))
            {
                return Outcome<LedgerLineDto>.Forbidden("forbidden.ledgerOfOtherParty", $"only analysts of '{row.Party.Code}' (or an admin) may change its ledger");
            }
        }

        var party = await db.PartyAsync(allianceCode, input.Party ?? string.Empty, ct);
        if (party is not null && !actor.MayActFor(party.Code, Roles.Analyst))
        {
            return Outcome<LedgerLineDto>.Forbidden("forbidden.ledgerOfOtherParty", $"only analysts of '{party.Code}' (or an admin) may change its ledger");
        }

        var v = new Validation();
        if (party is null)
        {
            v.Add("party", "form.partyUnknown", $"no party '{input.Party}' in alliance '{allianceCode}'");
        }

        if (!alliance.Dates.Overlaps(input.Year))
        {
            v.Add("year", "form.yearOutsideAlliance", $"{input.Year} is outside the alliance ({alliance.Dates.Start.Year}-{alliance.Dates.End.Year})");
        }

        if (string.IsNullOrWhiteSpace(input.Account))
        {
            v.Add("account", "form.accountRequired", $"name the cost account, e.g. \"Henkilöstökulut\"");
        }

        if (v.HasErrors)
        {
            return v.ToOutcome<LedgerLineDto>();
        }

        var before = row is null ? null : ToDto(row, row.Party!.Code);
        if (row is null)
        {
            row = new LedgerLine { Account = input.Account };
            db.LedgerLines.Add(row);
        }

        row.PartyId = party!.Id;
        row.Year = input.Year;
        row.Account = input.Account.Trim();
        row.Description = input.Description;
        row.Amount = new Domain.Money(input.Amount);
        row.Reimbursable = input.Reimbursable;
        LedgerLineDto? after = null;
        // The entry names the line's generated id, so it is written after the row, in the same transaction.
        await AuditLog.SaveWithEntryAsync(db, () =>
        {
            after = ToDto(row, party.Code);
            AuditLog.Record(db, time, actor, before is null ? "add-ledger-line" : "change-ledger-line", nameof(LedgerLine), row.Id.ToString(CultureInfo.InvariantCulture), before, after);
        }, ct);
        return Outcome<LedgerLineDto>.Ok(after!);
    }

    internal static LedgerLineDto ToDto(LedgerLine l, string party) =>
        new(l.Id, party, l.Year, l.Account, l.Description, l.Amount.Euros, l.Reimbursable);
}
