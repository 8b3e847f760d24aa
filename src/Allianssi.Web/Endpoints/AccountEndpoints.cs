using Allianssi.Application.Data;
using Allianssi.Application.Data.Entities;
using Allianssi.Application.Security;
using Allianssi.Application.UseCases.Common;
using Allianssi.Application.UseCases.Users;
using Allianssi.Web.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Localization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Allianssi.Web.Endpoints;

/// <summary>Credentials for a bearer token.</summary>
internal sealed record TokenRequest(string UserName, string Password);

/// <summary>Who is signed in.</summary>
internal sealed record MeResponse(string UserName, string Role, string? Party);

/// <summary>Sign-in (cookie form and bearer token), sign-out, first-run admin, culture switch.</summary>
internal static class AccountEndpoints
{
    public static void MapAccountEndpoints(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/auth").WithTags("Authentication");
        // Identity's bearer handler writes the token response when signing in with its scheme.
        api.MapPost("/token", async Task<Results<EmptyHttpResult, ProblemHttpResult>> (TokenRequest request, SignInManager<AllianssiUser> signIn, AccountAudit audit) =>
        {
            signIn.AuthenticationScheme = IdentityConstants.BearerScheme;
            var result = await signIn.PasswordSignInAsync(request.UserName, request.Password, isPersistent: false, lockoutOnFailure: true);
            await audit.SignInAsync(request.UserName, "api-token", result);
            return result.Succeeded
                ? TypedResults.Empty
                : TypedResults.Problem(title: "Sign-in failed", detail: "Wrong user name or password.", statusCode: StatusCodes.Status401Unauthorized,
                    extensions: new Dictionary<string, object?>(StringComparer.Ordinal) { ["code"] = "unauthorized.signInFailed" });
        }).AllowAnonymous().RequireRateLimiting(TrustHttp.SignInPolicy);
        api.MapGet("/me", (HttpContext http) =>
        {
            var actor = Actor.FromPrincipal(http.User);
            return TypedResults.Ok(new MeResponse(actor.UserName, actor.Role, actor.PartyCode));
        }).RequireAuthorization(Policies.Reader);

        app.MapPost("/account/login", async ([FromForm] string userName, [FromForm] string password, [FromForm] string? returnUrl, SignInManager<AllianssiUser> signIn, AccountAudit audit) =>
        {
            var result = await signIn.PasswordSignInAsync(userName, password, isPersistent: false, lockoutOnFailure: true);
            await audit.SignInAsync(userName, "page", result);
            var back = SafeLocal(returnUrl);
            return result.Succeeded
                ? Results.LocalRedirect(back)
                : Results.LocalRedirect($"/account/login?failed=1&returnUrl={Uri.EscapeDataString(back)}");
        }).AllowAnonymous().RequireRateLimiting(TrustHttp.SignInPolicy).ExcludeFromDescription();

        app.MapPost("/account/logout", async (SignInManager<AllianssiUser> signIn, AccountAudit audit, HttpContext http) =>
        {
            if (http.User.Identity?.IsAuthenticated == true)
            {
                await audit.SignOutAsync(Actor.FromPrincipal(http.User));
            }

            await signIn.SignOutAsync();
            return Results.LocalRedirect("/account/login");
        }).ExcludeFromDescription();

        app.MapPost("/account/setup", async ([FromForm] string userName, [FromForm] string password, UserManager<AllianssiUser> users, AllianssiDbContext db, SignInManager<AllianssiUser> signIn, FirstRunState state, AccountAudit audit) =>
        {
            if (await db.Users.AnyAsync())
            {
                return Results.LocalRedirect("/account/login");
            }

            var user = new AllianssiUser { UserName = userName, Role = Roles.Admin };
            var created = await users.CreateAsync(user, password);
            if (!created.Succeeded)
            {
                // Codes only, from a fixed set the page words in the reader's language: neither Identity's English nor
                // anything of the request (not the refused name) goes into the address.
                var refused = new Validation();
                foreach (var e in created.Errors)
                {
                    IdentityRefusals.Add(refused, e, userName, users.Options);
                }

                var codes = refused.ToOutcome<AllianssiUser>().Coded.Select(c => IdentityRefusals.ForFirstRun(c.Code)).Distinct();
                return Results.LocalRedirect($"/account/setup?refused={Uri.EscapeDataString(string.Join(",", codes))}");
            }

            state.AdminExists = true;
            await audit.AdminCreatedAsync(userName);
            await signIn.SignInAsync(user, isPersistent: false);
            return Results.LocalRedirect("/");
        }).AllowAnonymous().ExcludeFromDescription();

        app.MapGet("/culture", (string c, string? redirectUri, HttpContext http) =>
        {
            var culture = Cultures.Supported.FirstOrDefault(x => x.Name == c) ?? Cultures.Supported[0];
            http.Response.Cookies.Append(
                CookieRequestCultureProvider.DefaultCookieName,
                CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(culture, culture)),
                new CookieOptions { Expires = DateTimeOffset.UtcNow.AddYears(1), IsEssential = true, SameSite = SameSiteMode.Lax });
            return Results.LocalRedirect(SafeLocal(redirectUri));
        }).AllowAnonymous().ExcludeFromDescription();
    }

    /// <summary>
    /// The URL when it is a path on this site, otherwise "/". Browsers read <c>/\host</c> like
    /// <c>//host</c> (another site), and <c>LocalRedirect</c> throws on both, so both are refused here,
    /// as are absolute URLs and control characters (the same rule as <c>IUrlHelper.IsLocalUrl</c>).
    /// </summary>
    internal static string SafeLocal(string? url) =>
        !string.IsNullOrEmpty(url) && url[0] == '/'
            && (url.Length == 1 || (url[1] != '/' && url[1] != '\\'))
            && !url.Any(char.IsControl)
            ? url
            : "/";
}

/// <summary>Whether the first-run admin account exists (production mode asks for one).</summary>
internal sealed class FirstRunState
{
    public bool AdminExists { get; set; }
}
