using System.Globalization;
using Allianssi.Application.Data;
using Allianssi.Application.Security;
using Microsoft.EntityFrameworkCore;

namespace Allianssi.Application.UseCases.Audit;

/// <summary>One audit entry for display.</summary>
public sealed record AuditEntryDto(
    long Id,
    DateTimeOffset At,
    string Actor,
    string Action,
    string Entity,
    string? EntityKey,
    string? Before,
    string? After,
    long Sequence = 0,
    string? Party = null,
    string Role = "",
    string Hash = "");

/// <summary>Which audit entries to show: every given field must match (times are inclusive, UTC).</summary>
public sealed record AuditFilter(
    DateTimeOffset? From = null,
    DateTimeOffset? To = null,
    string? Actor = null,
    string? Party = null,
    string? Action = null,
    string? Entity = null,
    int Take = 100);

/// <summary>The most recent audit entries, newest first, optionally filtered; and their CSV export.</summary>
public sealed class GetAuditLog(AllianssiDbContext db)
{
    public const int MaxTake = 10_000;

    public Task<IReadOnlyList<AuditEntryDto>> ExecuteAsync(int take = 100, CancellationToken ct = default) =>
        ExecuteAsync(new AuditFilter(Take: take), ct);

    public async Task<IReadOnlyList<AuditEntryDto>> ExecuteAsync(AuditFilter filter, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var query = db.AuditEntries.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(filter.Actor))
        {
            query = query.Where(a => a.Actor == filter.Actor);
        }

        if (!string.IsNullOrWhiteSpace(filter.Party))
        {
            query = query.Where(a => a.Party == filter.Party);
        }

        if (!string.IsNullOrWhiteSpace(filter.Action))
        {
            query = query.Where(a => a.Action == filter.Action);
        }

        if (!string.IsNullOrWhiteSpace(filter.Entity))
        {
            query = query.Where(a => a.Entity == filter.Entity);
        }

        // SQLite keeps times as text, so the time window is applied while streaming newest first.
        var take = Math.Clamp(filter.Take, 1, MaxTake);
        var result = new List<AuditEntryDto>();
        await foreach (var a in query.OrderByDescending(a => a.Sequence).ThenByDescending(a => a.Id).AsAsyncEnumerable().WithCancellation(ct))
        {
            if (filter.To is { } to && a.At > to)
            {
                continue;
            }

            if (filter.From is { } from && a.At < from)
            {
                continue;
            }

            result.Add(new AuditEntryDto(a.Id, a.At, a.Actor, a.Action, a.Entity, a.EntityKey, a.Before, a.After, a.Sequence, a.Party, a.Role, a.Hash));
            if (result.Count == take)
            {
                break;
            }
        }

        return result;
    }

    /// <summary>The entries as CSV, every text cell neutralised against spreadsheet formulas.</summary>
    public static string ToCsv(IEnumerable<AuditEntryDto> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        return SpreadsheetSafe.Csv(
            ["sequence", "at", "actor", "party", "role", "action", "entity", "key", "before", "after", "hash"],
            entries.Select(e => (IReadOnlyList<object?>)
            [
                e.Sequence, e.At.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture),
                e.Actor, e.Party, e.Role, e.Action, e.Entity, e.EntityKey, e.Before, e.After, e.Hash,
            ]));
    }
}

/// <summary>Checks the audit log's hash chain (<c>allianssi audit verify</c>, <c>GET /api/audit/verify</c>).</summary>
public sealed class VerifyAuditLog(AllianssiDbContext db)
{
    public Task<AuditVerification> ExecuteAsync(CancellationToken ct = default) => AuditChain.VerifyAsync(db, ct);
}
