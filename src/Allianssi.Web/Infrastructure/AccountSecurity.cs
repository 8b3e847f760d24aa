using System.Security.Claims;
using Allianssi.Application.Data;
using Allianssi.Application.Data.Entities;
using Allianssi.Application.Security;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Allianssi.Web.Infrastructure;

/// <summary>
/// Revocation of signed-in sessions: every authenticated request (bearer token or cookie) is
/// checked against the stored user, so a disabled, deleted or demoted user loses access at once
/// rather than when the token's hour or the cookie's validation interval ends.
/// </summary>
/// <remarks>
/// Identity's bearer tokens are self-contained (the protected principal itself) and have no
/// validation hook, so the check runs between authentication and authorization
/// (<see cref="AccountSecurity.UseSecurityStampCheck"/>). One indexed read per request.
/// </remarks>
internal sealed class SecurityStampCheck(AllianssiDbContext db, IOptions<IdentityOptions> options)
{
    /// <summary>Whether the principal still matches an enabled user: same security stamp, role and party.</summary>
    public async Task<bool> IsCurrentAsync(ClaimsPrincipal principal, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(principal);
        var claims = options.Value.ClaimsIdentity;
        var id = principal.FindFirstValue(claims.UserIdClaimType);
        var stamp = principal.FindFirstValue(claims.SecurityStampClaimType);
        if (string.IsNullOrEmpty(id) || string.IsNullOrEmpty(stamp))
        {
            return false;
        }

        var user = await db.Users.AsNoTracking().Where(u => u.Id == id)
            .Select(u => new { u.SecurityStamp, u.IsDisabled, u.Role, Party = u.Party == null ? null : u.Party.Code })
            .SingleOrDefaultAsync(ct);
        var actor = Actor.FromPrincipal(principal);
        return user is not null && !user.IsDisabled
            && string.Equals(user.SecurityStamp, stamp, StringComparison.Ordinal)
            && string.Equals(user.Role, actor.Role, StringComparison.Ordinal)
            && string.Equals(user.Party, actor.PartyCode, StringComparison.Ordinal);
    }
}

/// <summary>A disabled user cannot sign in (Identity answers "not allowed"; the sign-in audit says so).</summary>
internal sealed class EnabledUserConfirmation : IUserConfirmation<AllianssiUser>
{
    public Task<bool> IsConfirmedAsync(UserManager<AllianssiUser> manager, AllianssiUser user)
    {
        ArgumentNullException.ThrowIfNull(user);
        return Task.FromResult(!user.IsDisabled);
    }
}

/// <summary>
/// An open interactive page (a Blazor circuit keeps the principal it started with) is checked
/// again every 30 seconds the same way, and signed out when the user was disabled or changed.
/// </summary>
internal sealed class RevalidatingStampProvider(ILoggerFactory loggers, IServiceScopeFactory scopes) : RevalidatingServerAuthenticationStateProvider(loggers)
{
    protected override TimeSpan RevalidationInterval => TimeSpan.FromSeconds(30);

    protected override async Task<bool> ValidateAuthenticationStateAsync(AuthenticationState authenticationState, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(authenticationState);
        await using var scope = scopes.CreateAsyncScope();
        var check = scope.ServiceProvider.GetRequiredService<SecurityStampCheck>();
        return await check.IsCurrentAsync(authenticationState.User, cancellationToken);
    }
}

/// <summary>Registers the checks above.</summary>
internal static class AccountSecurity
{
    /// <summary>
    /// After authentication, before authorization: a principal that no longer matches its user
    /// (<see cref="SecurityStampCheck"/>) is replaced by an anonymous one, and its cookie removed,
    /// so authorization answers 401 (API) or the sign-in page, as for a request without credentials.
    /// </summary>
    public static IApplicationBuilder UseSecurityStampCheck(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        if (context.User.Identity?.IsAuthenticated == true
            && !await context.RequestServices.GetRequiredService<SecurityStampCheck>().IsCurrentAsync(context.User, context.RequestAborted))
        {
            if (!context.Request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
            {
                await context.SignOutAsync(IdentityConstants.ApplicationScheme);
            }

            context.User = new ClaimsPrincipal(new ClaimsIdentity());
            // Authorization reuses the stored authentication result; without it, it challenges (401).
            context.Features.Set<IAuthenticateResultFeature>(null);
            context.Features.Set<Microsoft.AspNetCore.Http.Features.Authentication.IHttpAuthenticationFeature>(null);
        }

        await next(context);
    });

    /// <summary>
    /// A changing API request (POST, PUT, PATCH, DELETE) signed in by the pages' cookie must carry
    /// the antiforgery token (header <c>RequestVerificationToken</c>), bodiless ones included (revert,
    /// cancel): a browser sends the cookie with a form posted from elsewhere, never an Authorization
    /// header, so bearer-token clients are not subject to request forgery and need no token.
    /// </summary>
    /// <remarks>After authentication and authorization: anonymous and forbidden requests keep their 401 and 403.</remarks>
    public static IApplicationBuilder UseCookieApiAntiforgery(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        var request = context.Request;
        if (request.Path.StartsWithSegments("/api")
            && (HttpMethods.IsPost(request.Method) || HttpMethods.IsPut(request.Method) || HttpMethods.IsPatch(request.Method) || HttpMethods.IsDelete(request.Method))
            && context.User.Identity?.IsAuthenticated == true
            && !request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
            && !await context.RequestServices.GetRequiredService<Microsoft.AspNetCore.Antiforgery.IAntiforgery>().IsRequestValidAsync(context))
        {
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            await context.RequestServices.GetRequiredService<Microsoft.AspNetCore.Http.IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
            {
                HttpContext = context,
                ProblemDetails = new Microsoft.AspNetCore.Mvc.ProblemDetails
                {
                    Status = StatusCodes.Status400BadRequest,
                    Title = "Antiforgery token missing or invalid",
                    Detail = "A request signed in with the pages' cookie must send the antiforgery token; API clients use a bearer token.",
                },
            });
            return;
        }

        await next(context);
    });

    /// <summary>Before Identity and Blazor register their defaults (they only add what is missing).</summary>
    public static IServiceCollection AddAccountSecurity(this IServiceCollection services)
    {
        services.AddScoped<SecurityStampCheck>();
        services.AddScoped<IUserConfirmation<AllianssiUser>, EnabledUserConfirmation>();
        services.AddScoped<AuthenticationStateProvider, RevalidatingStampProvider>();
        // Sign-in asks IUserConfirmation only when a confirmed account is required.
        services.PostConfigure<IdentityOptions>(o => o.SignIn.RequireConfirmedAccount = true);
        return services;
    }
}
