using System.Diagnostics.CodeAnalysis;
using System.Security.Claims;

namespace Allianssi.Application.Security;

/// <summary>Who is acting: the user name, their one role and their party (null for a system admin).</summary>
public sealed record Actor(string UserName, string Role, string? PartyCode)
{
    /// <summary>The actor used by command-line tools and seeding.</summary>
    public static Actor System { get; } = new("system", Roles.Admin, null);

    public bool IsAdmin => Role == Roles.Admin;

    /// <summary>Whether this actor is a leadership member of a party: who approves, consents to reopening and sets the suppression threshold.</summary>
    [MemberNotNullWhen(true, nameof(PartyCode))]
    public bool IsPartyLeadership => Role == Roles.Leadership && PartyCode is not null;

    /// <summary>Reads the actor from a principal signed in through Identity (cookie or bearer token).</summary>
    public static Actor FromPrincipal(ClaimsPrincipal principal)
    {
        ArgumentNullException.ThrowIfNull(principal);
        var name = principal.Identity?.Name ?? "anonymous";
        var role = principal.FindFirstValue(ClaimTypes.Role) ?? Roles.Viewer;
        var party = principal.FindFirstValue(Roles.PartyClaim);
        return new Actor(name, role, string.IsNullOrEmpty(party) ? null : party);
    }

    /// <summary>Whether this actor may change data that belongs to <paramref name="partyCode"/> in the given roles.</summary>
    public bool MayActFor(string partyCode, params string[] roles) =>
        IsAdmin || (roles.Contains(Role) && string.Equals(PartyCode, partyCode, StringComparison.Ordinal));
}
