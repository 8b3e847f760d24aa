using System.Security.Claims;
using Allianssi.Application.Data;
using Allianssi.Application.Data.Entities;
using Allianssi.Application.Security;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Allianssi.Web.Infrastructure;

/// <summary>Adds the user's one role and party code to the principal (cookie and bearer token alike).</summary>
internal sealed class PartyClaimsFactory(UserManager<AllianssiUser> users, IOptions<IdentityOptions> options, AllianssiDbContext db)
    : UserClaimsPrincipalFactory<AllianssiUser>(users, options)
{
    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(AllianssiUser user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        identity.AddClaim(new Claim(ClaimTypes.Role, user.Role));
        if (user.PartyId is { } partyId)
        {
            var code = await db.Parties.Where(p => p.Id == partyId).Select(p => p.Code).SingleAsync();
            identity.AddClaim(new Claim(Roles.PartyClaim, code));
        }

        return identity;
    }
}
