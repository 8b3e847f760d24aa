using System.Text.Json;
using Allianssi.Application.Data;
using Allianssi.Application.Data.Entities;
using Allianssi.Application.Security;
using Microsoft.EntityFrameworkCore;

namespace Allianssi.Application.UseCases.Common;

/// <summary>Adds an audit entry to the pending changes, so it commits with the change it records.</summary>
/// <remarks>The save seals it onto the hash chain (<see cref="AuditChain"/>); summaries carry no health data.</remarks>
public static class AuditLog
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static void Record(
        AllianssiDbContext db,
        TimeProvider time,
        Actor actor,
        string action,
        string entity,
        string? key,
        object? before,
        object? after)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(actor);
        db.AuditEntries.Add(new AuditEntry
        {
            At = time.GetUtcNow(),
            Actor = actor.UserName,
            Party = actor.PartyCode,
            Role = actor.Role,
            Action = action,
            Entity = entity,
            EntityKey = key,
            Before = before is null ? null : JsonSerializer.Serialize(before, Json),
            After = after is null ? null : JsonSerializer.Serialize(after, Json),
        });
    }

    /// <summary>
    /// Saves the pending change and then the audit entry that <paramref name="recordEntry"/> adds
    /// (it may name the keys the store generated for the change) in one transaction: both are
    /// stored, or neither.
    /// </summary>
    public static async Task SaveWithEntryAsync(AllianssiDbContext db, Action recordEntry, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(recordEntry);
        if (db.Database.CurrentTransaction is not null)
        {
            await db.SaveChangesAsync(ct);
            recordEntry();
            await db.SaveChangesAsync(ct);
            return;
        }

        var strategy = db.Database.CreateExecutionStrategy();
        await strategy.ExecuteAsync(async () =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            await db.SaveChangesAsync(ct);
            recordEntry();
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
        });
    }
}
