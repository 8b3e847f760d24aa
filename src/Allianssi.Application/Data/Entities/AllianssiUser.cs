using Microsoft.AspNetCore.Identity;

namespace Allianssi.Application.Data.Entities;

/// <summary>A signed-in user: belongs to one party (none for a system admin) and has one role.</summary>
public sealed class AllianssiUser : IdentityUser
{
    public int? PartyId { get; set; }

    public Party? Party { get; set; }

    /// <summary>One of <see cref="Security.Roles"/>.</summary>
    public string Role { get; set; } = Security.Roles.Viewer;

    /// <summary>
    /// Set by an admin: the user cannot sign in, and every token and cookie already issued stops
    /// working at its next request (the security stamp changes too).
    /// </summary>
    public bool IsDisabled { get; set; }
}
