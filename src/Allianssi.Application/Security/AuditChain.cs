using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using Allianssi.Application.Data;
using Allianssi.Application.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace Allianssi.Application.Security;

/// <summary>The first broken entry of the audit chain: its sequence number, row id and what is wrong.</summary>
public sealed record AuditBreak(long Sequence, long Id, string Reason);

/// <summary>The result of checking the audit chain.</summary>
/// <param name="Entries">The entries found intact from the first (the sequence number of the last intact one).</param>
/// <param name="LastHash">The hash of the last intact entry.</param>
/// <param name="FirstBreak">The first entry that does not check out, if any.</param>
public sealed record AuditVerification(long Entries, string? LastHash, AuditBreak? FirstBreak)
{
    public bool IsIntact => FirstBreak is null;

    /// <summary>
    /// 0 when every entry was checked; otherwise the sequence number of the checkpoint the check
    /// started after (entries up to it were found intact by an earlier check).
    /// </summary>
    public long CheckedAfter { get; init; }
}

/// <summary>An entry of the chain by sequence number and hash: where an incremental check starts.</summary>
public sealed record AuditChainPoint(long Sequence, string Hash);

/// <summary>
/// The audit log's hash chain: the canonical serialisation of an entry, its SHA-256, sealing new
/// entries onto the chain and verifying the stored chain.
/// </summary>
/// <remarks>
/// The canonical form is a JSON array of the fields in a fixed order (sequence, time, actor, party,
/// role, action, entity, key, before, after, previous hash), the time as UTC ISO 8601 with
/// microseconds (what PostgreSQL keeps). A JSON array makes the boundaries between fields
/// unambiguous. A chain detects any changed, inserted or removed entry before the newest one;
/// removing entries from the end is only visible against a hash kept elsewhere: the checkpoints of
/// <see cref="AuditAnchor"/> (written at every lock and every intact verification) and the last hash
/// the verification prints.
/// </remarks>
public static class AuditChain
{
    /// <summary>The previous hash of the first entry.</summary>
    public static readonly string Genesis = new('0', 64);

    /// <summary>The SHA-256 (lowercase hex) of an entry's canonical serialisation.</summary>
    public static string ComputeHash(AuditEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        return Convert.ToHexStringLower(SHA256.HashData(Canonical(entry)));
    }

    /// <summary>The canonical UTF-8 bytes hashed for an entry.</summary>
    public static byte[] Canonical(AuditEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartArray();
            writer.WriteNumberValue(entry.Sequence);
            writer.WriteStringValue(Time(entry.At));
            writer.WriteStringValue(entry.Actor);
            writer.WriteStringValue(entry.Party);
            writer.WriteStringValue(entry.Role);
            writer.WriteStringValue(entry.Action);
            writer.WriteStringValue(entry.Entity);
            writer.WriteStringValue(entry.EntityKey);
            writer.WriteStringValue(entry.Before);
            writer.WriteStringValue(entry.After);
            writer.WriteStringValue(entry.PreviousHash);
            writer.WriteEndArray();
        }

        return buffer.ToArray();
    }

    private static string Time(DateTimeOffset at) =>
        Normalise(at).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture);

    /// <summary>Truncates a time to whole microseconds in UTC, as both stores keep it.</summary>
    public static DateTimeOffset Normalise(DateTimeOffset at)
    {
        var utc = at.ToUniversalTime();
        return new DateTimeOffset(utc.Ticks - (utc.Ticks % 10), TimeSpan.Zero);
    }

    /// <summary>Sets sequence, previous hash and hash of new entries, continuing after the stored last entry.</summary>
    internal static void Seal(IEnumerable<AuditEntry> added, long lastSequence, string? lastHash)
    {
        var sequence = lastSequence;
        var previous = lastHash ?? Genesis;
        foreach (var entry in added)
        {
            entry.At = Normalise(entry.At);
            entry.Sequence = ++sequence;
            entry.PreviousHash = previous;
            entry.Hash = ComputeHash(entry);
            previous = entry.Hash;
        }
    }

    /// <summary>Reads the whole chain in order and reports the first entry that does not check out.</summary>
    public static Task<AuditVerification> VerifyAsync(AllianssiDbContext db, CancellationToken ct = default) => VerifyAsync(db, null, ct);

    /// <summary>
    /// Checks the chain after <paramref name="checkpoint"/> (the whole chain when null): the
    /// checkpoint's entry must still be stored with its hash and content, then every later entry
    /// in order. Entries before the checkpoint are not read again.
    /// </summary>
    public static async Task<AuditVerification> VerifyAsync(AllianssiDbContext db, AuditChainPoint? checkpoint, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        long expected = 0;
        var previous = Genesis;
        var entries = db.AuditEntries.AsNoTracking();
        if (checkpoint is not null)
        {
            var anchor = await entries.Where(a => a.Sequence == checkpoint.Sequence).OrderBy(a => a.Id).FirstOrDefaultAsync(ct);
            if (anchor is null || !string.Equals(anchor.Hash, checkpoint.Hash, StringComparison.Ordinal) || !string.Equals(ComputeHash(anchor), anchor.Hash, StringComparison.Ordinal))
            {
                return new AuditVerification(checkpoint.Sequence - 1, null, new AuditBreak(checkpoint.Sequence, anchor?.Id ?? 0,
                    "the entry checked last time is missing or changed since (run a full verification to find the first break)"))
                {
                    CheckedAfter = checkpoint.Sequence,
                };
            }

            expected = checkpoint.Sequence;
            previous = checkpoint.Hash;
            entries = entries.Where(a => a.Sequence > checkpoint.Sequence);
        }

        var result = await VerifyRunAsync(entries, expected, previous, ct);
        return checkpoint is null ? result : result with { CheckedAfter = checkpoint.Sequence };
    }

    /// <summary>
    /// Verifies the chain (after <paramref name="since"/>, or whole when null) and compares its head
    /// with the checkpoints kept outside the audit table: a checkpoint beyond the stored head means
    /// entries were cut off the end (the missing range is named); a checkpoint whose entry now has
    /// another hash means the chain was rewritten and re-sealed. An intact chain whose head is newer
    /// than every checkpoint records a new one.
    /// </summary>
    public static async Task<AuditVerification> VerifyAnchoredAsync(AllianssiDbContext db, AuditChainPoint? since, TimeProvider time, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(time);
        var result = await VerifyAsync(db, since, ct);
        if (!result.IsIntact)
        {
            return result;
        }

        var anchor = await db.AuditAnchors.AsNoTracking().OrderByDescending(a => a.Sequence).ThenByDescending(a => a.Id).FirstOrDefaultAsync(ct);
        if (anchor is not null && anchor.Sequence > result.Entries)
        {
            var first = result.Entries + 1;
            return result with
            {
                FirstBreak = new AuditBreak(first, 0, string.Create(CultureInfo.InvariantCulture,
                    $"entries {first}-{anchor.Sequence} are missing from the end: a checkpoint ({anchor.Reason}, {Time(anchor.At)}) recorded the head at #{anchor.Sequence}, the log now ends at #{result.Entries}")),
            };
        }

        if (anchor is not null && anchor.Sequence > 0)
        {
            var stored = await db.AuditEntries.AsNoTracking().Where(a => a.Sequence == anchor.Sequence)
                .Select(a => new { a.Id, a.Hash }).FirstOrDefaultAsync(ct);
            if (stored is null || !string.Equals(stored.Hash, anchor.Hash, StringComparison.Ordinal))
            {
                return result with
                {
                    FirstBreak = new AuditBreak(anchor.Sequence, stored?.Id ?? 0, string.Create(CultureInfo.InvariantCulture,
                        $"its hash differs from the checkpoint ({anchor.Reason}, {Time(anchor.At)}): the chain up to it was rewritten and re-sealed")),
                };
            }
        }

        if (result.LastHash is { } head && (anchor is null || result.Entries > anchor.Sequence))
        {
            await RecordAnchorAsync(db, new AuditChainPoint(result.Entries, head), "verify", time, ct);
        }

        return result;
    }

    /// <summary>Records a checkpoint of the head in its own save.</summary>
    private static async Task RecordAnchorAsync(AllianssiDbContext db, AuditChainPoint head, string reason, TimeProvider time, CancellationToken ct)
    {
        var anchor = new AuditAnchor { Sequence = head.Sequence, Hash = head.Hash, At = Normalise(time.GetUtcNow()), Reason = reason };
        db.AuditAnchors.Add(anchor);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        finally
        {
            db.Entry(anchor).State = EntityState.Detached;
        }
    }

    private static async Task<AuditVerification> VerifyRunAsync(IQueryable<AuditEntry> entries, long expected, string previous, CancellationToken ct)
    {
        await foreach (var entry in entries.OrderBy(a => a.Sequence).ThenBy(a => a.Id).AsAsyncEnumerable().WithCancellation(ct))
        {
            expected++;
            if (entry.Sequence != expected)
            {
                return new AuditVerification(expected - 1, previous, new AuditBreak(entry.Sequence, entry.Id,
                    entry.Sequence < expected
                        ? $"sequence {entry.Sequence.ToString(CultureInfo.InvariantCulture)} appears twice"
                        : $"entries {expected.ToString(CultureInfo.InvariantCulture)}-{(entry.Sequence - 1).ToString(CultureInfo.InvariantCulture)} are missing"));
            }

            if (!string.Equals(entry.PreviousHash, previous, StringComparison.Ordinal))
            {
                return new AuditVerification(expected - 1, previous, new AuditBreak(entry.Sequence, entry.Id,
                    "its previous hash does not match the entry before it (an entry was removed, inserted or re-sealed)"));
            }

            if (!string.Equals(ComputeHash(entry), entry.Hash, StringComparison.Ordinal))
            {
                return new AuditVerification(expected - 1, previous, new AuditBreak(entry.Sequence, entry.Id,
                    "its content does not match its hash (the entry was changed after it was written)"));
            }

            previous = entry.Hash;
        }

        return new AuditVerification(expected, expected == 0 ? null : previous, null);
    }
}
