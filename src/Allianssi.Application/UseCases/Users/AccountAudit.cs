using Allianssi.Application.Data;
using Allianssi.Application.Data.Entities;
using Allianssi.Application.Security;
using Allianssi.Application.UseCases.Common;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Allianssi.Application.UseCases.Users;

/// <summary>
/// Audit entries of account events: sign-in (succeeded or not, and why), sign-out and the first-run
/// admin. They name the account, its role and party and the channel (page or API token); never
/// the password. A name that matches no account is not written (it may be a password typed
/// into the wrong field): the entry says "(unknown user)".
/// </summary>
public sealed class AccountAudit(AllianssiDbContext db, TimeProvider time)
{
    /// <summary>The actor name of a sign-in attempt for a name that matches no account.</summary>
    public const string UnknownUser = "(unknown user)";

    /// <summary>Records a sign-in attempt: <c>sign-in</c> when it succeeded, <c>sign-in-failed</c> with the reason otherwise.</summary>
    public async Task SignInAsync(string? userName, string channel, SignInResult result, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(result);
        var normalised = (userName ?? "").Trim().ToUpperInvariant();
        var user = await db.Users.AsNoTracking().Where(u => u.NormalizedUserName == normalised)
            .Select(u => new { u.UserName, u.Role, Party = u.Party != null ? u.Party.Code : null }).SingleOrDefaultAsync(ct);
        var outcome = result.Succeeded ? "succeeded" : result.IsLockedOut ? "locked-out" : result.IsNotAllowed ? "not-allowed" : "wrong-credentials";
        var actor = user is null ? new Actor(UnknownUser, "", null) : new Actor(user.UserName!, user.Role, user.Party);
        AuditLog.Record(db, time, actor, result.Succeeded ? "sign-in" : "sign-in-failed", AuditEntry.UserEntity, user?.UserName, null, new { channel, outcome });
        await db.SaveChangesAsync(ct);
    }

    /// <summary>Records a sign-out.</summary>
    public async Task SignOutAsync(Actor actor, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        AuditLog.Record(db, time, actor, "sign-out", AuditEntry.UserEntity, actor.UserName, null, null);
        await db.SaveChangesAsync(ct);
    }

    /// <summary>Records the first-run admin account (created from the setup page, by nobody signed in).</summary>
    public async Task AdminCreatedAsync(string userName, CancellationToken ct = default)
    {
        AuditLog.Record(db, time, new Actor(userName, Roles.Admin, null), "create-admin", AuditEntry.UserEntity, userName, null, new { role = Roles.Admin, firstRun = true });
        await db.SaveChangesAsync(ct);
    }
}
