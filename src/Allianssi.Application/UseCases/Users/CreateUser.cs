using Allianssi.Application.Data;
using Allianssi.Application.Data.Entities;
using Allianssi.Application.Security;
using Allianssi.Application.UseCases.Common;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Allianssi.Application.UseCases.Users;

/// <summary>A user to create: one role, one party (none only for an admin).</summary>
public sealed record NewUser(string UserName, string Password, string Role, string? Party);

/// <summary>A user as listed (never the password).</summary>
public sealed record UserDto(string UserName, string Role, string? Party, bool Disabled = false);

/// <summary>Creates a user (admins only).</summary>
public sealed class CreateUser(AllianssiDbContext db, UserManager<AllianssiUser> users, TimeProvider time)
{
    public async Task<Outcome<UserDto>> ExecuteAsync(string allianceCode, NewUser input, Actor actor, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(actor);
        if (!actor.IsAdmin)
        {
            return Outcome<UserDto>.Forbidden("forbidden.createUser", $"only admins may create users");
        }

        var v = new Validation();
        if (!Roles.All.Contains(input.Role))
        {
            v.Add("role", "form.roleUnknown", $"'{input.Role}' is not a role; roles: {string.Join(", ", Roles.All)}");
        }

        Party? party = null;
        if (input.Party is not null)
        {
            party = await db.PartyAsync(allianceCode, input.Party, ct);
            if (party is null)
            {
                v.Add("party", "form.partyUnknown", $"no party '{input.Party}' in alliance '{allianceCode}'");
            }
        }
        else if (input.Role != Roles.Admin)
        {
            v.Add("party", "form.partyRequired", $"every user but an admin belongs to a party");
        }

        if (v.HasErrors)
        {
            return v.ToOutcome<UserDto>();
        }

        var user = new AllianssiUser { UserName = input.UserName, Role = input.Role, PartyId = party?.Id };
        var created = await users.CreateAsync(user, input.Password);
        if (!created.Succeeded)
        {
            foreach (var e in created.Errors)
            {
                IdentityRefusals.Add(v, e, input.UserName, users.Options);
            }

            return v.ToOutcome<UserDto>();
        }

        var dto = new UserDto(input.UserName, input.Role, party?.Code);
        AuditLog.Record(db, time, actor, "create-user", AuditEntry.UserEntity, input.UserName, null, dto);
        await db.SaveChangesAsync(ct);
        return Outcome<UserDto>.Ok(dto);
    }
}
