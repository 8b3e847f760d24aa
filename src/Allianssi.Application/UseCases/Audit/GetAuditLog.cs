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

    /// <summary>The entries as invariant CSV, every text cell neutralised against spreadsheet formulas.</summary>
    public static string ToCsv(IEnumerable<AuditEntryDto> entries) => ToCsv(entries, CsvFormat.Invariant);

    /// <summary>
    /// The entries as CSV in <paramref name="format"/> (the reader's separator and header texts),
    /// every text cell neutralised against spreadsheet formulas. The time stays the exact UTC
    /// instant (ISO 8601), as the hash chain records it.
    /// </summary>
    public static string ToCsv(IEnumerable<AuditEntryDto> entries, CsvFormat format)
    {
        ArgumentNullException.ThrowIfNull(entries);
        ArgumentNullException.ThrowIfNull(format);
        return SpreadsheetSafe.Csv(
            ["sequence", "at", "actor", "party", "role", "action", "entity", "key", "before", "after", "hash"],
            entries.Select(e => (IReadOnlyList<object?>)
            [
                e.Sequence, e.At.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture),
                e.Actor, e.Party, e.Role, e.Action, e.Entity, e.EntityKey, e.Before, e.After, e.Hash,
            ]),
            format);
    }
}

/// <summary>Checks the audit log's hash chain (<c>allianssi audit verify</c>, <c>GET /api/audit/verify</c>).</summary>
/// <remarks>
/// <see cref="ExecuteAsync"/> checks every entry. <see cref="ExecuteSinceCheckpointAsync"/> (the audit
/// page, on every load) checks only the entries written since the last intact check in this
/// process, and that the entry it stopped at still has the hash it had then; a full check is a
/// button on the page, the API and the command line. Both compare the head with the checkpoints
/// stored outside the audit table, so a cut-off tail is reported.
/// </remarks>
public sealed class VerifyAuditLog(AllianssiDbContext db, AuditCheckpoint checkpoint, TimeProvider time)
{
    /// <summary>Checks the whole chain and its head against the stored checkpoints; an intact chain moves the checkpoint to its last entry.</summary>
    public async Task<AuditVerification> ExecuteAsync(CancellationToken ct = default)
    {
        var result = await AuditChain.VerifyAnchoredAsync(db, null, time, ct);
        checkpoint.Advance(result);
        return result;
    }

    /// <summary>Checks the entries after the checkpoint (all of them the first time).</summary>
    public async Task<AuditVerification> ExecuteSinceCheckpointAsync(CancellationToken ct = default)
    {
        var result = await AuditChain.VerifyAnchoredAsync(db, checkpoint.Last, time, ct);
        checkpoint.Advance(result);
        return result;
    }
}

/// <summary>The last entry of the audit chain found intact by a check in this process (a singleton).</summary>
public sealed class AuditCheckpoint
{
    private AuditChainPoint? _last;

    /// <summary>The last entry checked and intact, or null before the first check.</summary>
    public AuditChainPoint? Last => Volatile.Read(ref _last);

    /// <summary>Moves the checkpoint to the end of an intact check; a broken chain leaves it where it was.</summary>
    public void Advance(AuditVerification result)
    {
        ArgumentNullException.ThrowIfNull(result);
        if (result.IsIntact && result.LastHash is { } hash)
        {
            Volatile.Write(ref _last, new AuditChainPoint(result.Entries, hash));
        }
    }
}
