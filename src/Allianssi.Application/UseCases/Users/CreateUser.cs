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
            return Outcome<UserDto>.Forbidden("only admins may create users");
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
                Refused(v, e, input.UserName, users.Options);
            }

            return v.ToOutcome<UserDto>();
        }

        var dto = new UserDto(input.UserName, input.Role, party?.Code);
        AuditLog.Record(db, time, actor, "create-user", AuditEntry.UserEntity, input.UserName, null, dto);
        await db.SaveChangesAsync(ct);
        return Outcome<UserDto>.Ok(dto);
    }

    /// <summary>
    /// What Identity refused, with a stable code and its values (so a page words it in the reader's language); an error
    /// Identity adds in a later version keeps its own English text.
    /// </summary>
    private static void Refused(Validation v, IdentityError error, string userName, IdentityOptions options)
    {
        var password = options.Password;
        switch (error.Code)
        {
            case nameof(IdentityErrorDescriber.PasswordTooShort):
                v.Add("password", "form.passwordTooShort", $"the password must be at least {password.RequiredLength} characters long");
                break;
            case nameof(IdentityErrorDescriber.PasswordRequiresDigit):
                v.Add("password", "form.passwordRequiresDigit", $"the password must have a digit (0-9)");
                break;
            case nameof(IdentityErrorDescriber.PasswordRequiresLower):
                v.Add("password", "form.passwordRequiresLower", $"the password must have a lowercase letter (a-z)");
                break;
            case nameof(IdentityErrorDescriber.PasswordRequiresUpper):
                v.Add("password", "form.passwordRequiresUpper", $"the password must have an uppercase letter (A-Z)");
                break;
            case nameof(IdentityErrorDescriber.PasswordRequiresNonAlphanumeric):
                v.Add("password", "form.passwordRequiresSymbol", $"the password must have a character other than a letter or a digit");
                break;
            case nameof(IdentityErrorDescriber.PasswordRequiresUniqueChars):
                v.Add("password", "form.passwordRequiresUniqueChars", $"the password must have at least {password.RequiredUniqueChars} different characters");
                break;
            case nameof(IdentityErrorDescriber.DuplicateUserName):
                v.Add("userName", "form.userNameTaken", $"the user name '{userName}' is taken");
                break;
            case nameof(IdentityErrorDescriber.InvalidUserName):
                v.Add("userName", "form.userNameInvalid", $"the user name '{userName}' may hold only letters, digits and the characters {options.User.AllowedUserNameCharacters.Where(c => !char.IsAsciiLetterOrDigit(c)).Aggregate("", (all, c) => all + c)}");
                break;
            default:
                v.Add(error.Code.Contains("Password", StringComparison.Ordinal) ? "password" : "userName", error.Description);
                break;
        }
    }
}
