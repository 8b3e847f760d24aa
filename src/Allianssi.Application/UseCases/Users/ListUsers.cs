using Allianssi.Application.Data;
using Microsoft.EntityFrameworkCore;

namespace Allianssi.Application.UseCases.Users;

/// <summary>Lists the users with their role and party.</summary>
public sealed class ListUsers(AllianssiDbContext db)
{
    public async Task<IReadOnlyList<UserDto>> ExecuteAsync(CancellationToken ct = default) =>
        await db.Users.AsNoTracking().OrderBy(u => u.UserName)
            .Select(u => new UserDto(u.UserName!, u.Role, u.Party == null ? null : u.Party.Code, u.IsDisabled))
            .ToListAsync(ct);
}
