using Allianssi.Application.Data;
using Allianssi.Application.Data.Entities;
using Allianssi.Application.Security;
using Allianssi.Application.UseCases.Common;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Allianssi.Application.UseCases.Users;

/// <summary>
/// What an admin changes about a user; a null field stays as it is. <paramref name="Party"/> "" removes
/// the party (only an admin may have none).
/// </summary>
public sealed record UserChange(bool? Disabled = null, string? Role = null, string? Party = null);

/// <summary>
/// Disables or enables a user and changes their role or party (admins only), audited with the
/// before and after. Every change renews the user's security stamp, so the tokens and cookies
/// issued before it stop working at their next request (<c>SecurityStampCheck</c> in the web
/// process). The last enabled admin cannot be disabled or demoted: nobody could manage users after.
/// </summary>
public sealed class ChangeUser(AllianssiDbContext db, UserManager<AllianssiUser> users, TimeProvider time)
{
    public async Task<Outcome<UserDto>> ExecuteAsync(string allianceCode, string userName, UserChange change, Actor actor, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(change);
        ArgumentNullException.ThrowIfNull(actor);
        if (!actor.IsAdmin)
        {
            return Outcome<UserDto>.Forbidden("forbidden.changeUser", $"only admins may change users");
        }

        var user = await users.FindByNameAsync(userName);
        if (user is null)
        {
            return Outcome<UserDto>.NotFound("notFound.user", $"user '{userName}'");
        }

        var partyBefore = user.PartyId is { } id ? await db.Parties.Where(p => p.Id == id).Select(p => p.Code).SingleOrDefaultAsync(ct) : null;
        var before = new UserDto(user.UserName!, user.Role, partyBefore, user.IsDisabled);

        var v = new Validation();
        var role = change.Role ?? user.Role;
        if (!Roles.All.Contains(role))
        {
            v.Add("role", "form.roleUnknown", $"'{role}' is not a role; roles: {string.Join(", ", Roles.All)}");
        }

        var partyId = user.PartyId;
        var partyCode = partyBefore;
        if (change.Party is { Length: 0 })
        {
            partyId = null;
            partyCode = null;
        }
        else if (change.Party is { } code)
        {
            var party = await db.PartyAsync(allianceCode, code, ct);
            if (party is null)
            {
                v.Add("party", "form.partyUnknown", $"no party '{code}' in alliance '{allianceCode}'");
            }
            else
            {
                partyId = party.Id;
                partyCode = party.Code;
            }
        }

        if (partyId is null && role != Roles.Admin && !v.HasErrors)
        {
            v.Add("party", "form.partyRequired", $"every user but an admin belongs to a party");
        }

        if (v.HasErrors)
        {
            return v.ToOutcome<UserDto>();
        }

        var disabled = change.Disabled ?? user.IsDisabled;
        var staysAdmin = role == Roles.Admin && !disabled;
        if (user.Role == Roles.Admin && !user.IsDisabled && !staysAdmin
            && !await db.Users.AnyAsync(u => u.Id != user.Id && u.Role == Roles.Admin && !u.IsDisabled, ct))
        {
            return Outcome<UserDto>.Conflict("conflict.lastAdmin", $"this is the last enabled admin: make another user admin first");
        }

        var after = new UserDto(user.UserName!, role, partyCode, disabled);
        if (after == before)
        {
            return Outcome<UserDto>.Ok(after);
        }

        user.Role = role;
        user.PartyId = partyId;
        user.IsDisabled = disabled;
        AuditLog.Record(db, time, actor, disabled && !before.Disabled ? "disable-user" : !disabled && before.Disabled ? "enable-user" : "change-user",
            AuditEntry.UserEntity, user.UserName, before, after);
        // Saves the user and the audit entry together; the new stamp revokes every earlier token.
        var updated = await users.UpdateSecurityStampAsync(user);
        if (!updated.Succeeded)
        {
            return Outcome<UserDto>.Conflict("conflict.userNotChanged", $"{string.Join(" ", updated.Errors.Select(e => e.Description))}");
        }

        return Outcome<UserDto>.Ok(after);
    }
}
