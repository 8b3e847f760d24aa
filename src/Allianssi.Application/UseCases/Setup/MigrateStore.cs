using Allianssi.Application.Data;
using Allianssi.Application.Security;
using Allianssi.Application.UseCases.Common;
using Microsoft.EntityFrameworkCore;

namespace Allianssi.Application.UseCases.Setup;

/// <summary>Applies the pending migrations of the store's provider (<c>allianssi db migrate</c>).</summary>
/// <remarks>
/// Applying migrations changes the store, so it is audited (<c>migrate-store</c>, with the names
/// applied) once the audit log exists, which is after the migrations themselves on a new store.
/// </remarks>
public sealed class MigrateStore(AllianssiDbContext db, TimeProvider? time = null)
{
    /// <summary>Returns the names of the migrations that were applied (audited as done by <see cref="Actor.System"/>).</summary>
    public Task<IReadOnlyList<string>> ExecuteAsync(CancellationToken cancellationToken = default) =>
        ExecuteAsync(Actor.System, cancellationToken);

    /// <summary>Returns the names of the migrations that were applied, audited as done by <paramref name="actor"/>.</summary>
    public async Task<IReadOnlyList<string>> ExecuteAsync(Actor actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken)).ToList();
        await db.Database.MigrateAsync(cancellationToken);
        if (pending.Count > 0)
        {
            AuditLog.Record(db, time ?? TimeProvider.System, actor, "migrate-store", "Store", db.Database.ProviderName, null, new { applied = pending });
            await db.SaveChangesAsync(cancellationToken);
        }

        return pending;
    }

    /// <summary>The migrations not yet applied.</summary>
    public async Task<IReadOnlyList<string>> PendingAsync(CancellationToken cancellationToken = default) =>
        (await db.Database.GetPendingMigrationsAsync(cancellationToken)).ToList();
}
