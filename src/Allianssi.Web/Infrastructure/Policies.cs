using Allianssi.Application.Security;
using Microsoft.AspNetCore.Authorization;

namespace Allianssi.Web.Infrastructure;

/// <summary>Authorization policies by role; own-party checks are made by the use cases.</summary>
internal static class Policies
{
    /// <summary>Any signed-in user (every role reads everything: open books).</summary>
    public const string Reader = "reader";

    /// <summary>Ledger lines, indicator values, weights, levels and parameters.</summary>
    public const string Analyst = "analyst";

    /// <summary>Target costs and adjustments.</summary>
    public const string Leadership = "leadership";

    /// <summary>Users and the audit log.</summary>
    public const string Admin = "admin";

    public static void Add(AuthorizationOptions options)
    {
        options.AddPolicy(Reader, p => p.RequireAuthenticatedUser());
        options.AddPolicy(Analyst, p => p.RequireAuthenticatedUser().RequireRole(Roles.Analyst, Roles.Admin));
        options.AddPolicy(Leadership, p => p.RequireAuthenticatedUser().RequireRole(Roles.Leadership, Roles.Admin));
        options.AddPolicy(Admin, p => p.RequireAuthenticatedUser().RequireRole(Roles.Admin));
    }
}
