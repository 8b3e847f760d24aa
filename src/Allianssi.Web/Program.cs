using Allianssi.Application;
using Allianssi.Application.Data;
using Allianssi.Application.Data.Entities;
using Allianssi.Web.Components;
using Allianssi.Web.Endpoints;
using Allianssi.Web.Infrastructure;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Localization;
using Microsoft.EntityFrameworkCore;
using Radzen;
using Scalar.AspNetCore;

var builder = WebApplication.CreateBuilder(StartupArguments.ConfigurationArguments(args));
// `dotnet run` serves from the build output, where the framework's, Radzen's and the app's own assets are
// found only through the static web assets manifest. ASP.NET reads it by itself only in Development, so
// in Production every asset answered 500. A published output has no such manifest: this then does nothing.
builder.WebHost.UseStaticWebAssets();

// One composition root with the command line: the options (read and checked once; an invalid one stops the start
// naming its key), the stores, the keys and every use case. Then what only the web app has.
var options = builder.Services.AddAllianssi(builder.Configuration);
builder.Services.AddSingleton<FirstRunState>();
builder.Services.AddScoped<UseCaseRunner>();
builder.Services.AddAllianssiTrust(options);
builder.Services.AddComputeJobs();
builder.Services.AddStoreFaultHandling();
builder.Services.AddDemoData(builder.Configuration);

// Identity: cookie for the pages, bearer tokens for API clients; both carry role and party.
// The lockout is set once, from configuration, by AddAllianssiTrust (Allianssi:Lockout:*).
builder.Services.AddIdentityApiEndpoints<AllianssiUser>(o => o.User.RequireUniqueEmail = false)
    .AddEntityFrameworkStores<AllianssiDbContext>()
    .AddClaimsPrincipalFactory<PartyClaimsFactory>();
builder.Services.ConfigureApplicationCookie(o =>
{
    o.LoginPath = "/account/login";
    o.AccessDeniedPath = "/account/denied";
    o.Events.OnRedirectToLogin = ctx => ApiAware(ctx.Request, ctx.Response, StatusCodes.Status401Unauthorized, ctx.RedirectUri);
    o.Events.OnRedirectToAccessDenied = ctx => ApiAware(ctx.Request, ctx.Response, StatusCodes.Status403Forbidden, ctx.RedirectUri);
});
// Pages challenge with the sign-in page; the cookie events below answer /api with 401 instead.
builder.Services.Configure<Microsoft.AspNetCore.Authentication.AuthenticationOptions>(o => o.DefaultChallengeScheme = IdentityConstants.ApplicationScheme);
builder.Services.AddAuthorization(Policies.Add);
builder.Services.AddCascadingAuthenticationState();
builder.Services.AddProblemDetails(o => o.CustomizeProblemDetails = PolicyRefusals.Code);
builder.Services.AddOpenApi();
builder.Services.AddLocalization(o => o.ResourcesPath = "Resources");
builder.Services.AddRazorComponents().AddInteractiveServerComponents();
builder.Services.AddRadzenComponents();
builder.Services.ConfigureHttpJsonOptions(o =>
{
    o.SerializerOptions.NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.Strict;
    o.SerializerOptions.Converters.Add(new DecimalJson());
});

var app = builder.Build();

var demoUsers = await StoreStartup.PrepareAsync(app.Services, options);
await using (var scope = app.Services.CreateAsyncScope())
{
    app.Services.GetRequiredService<FirstRunState>().AdminExists =
        await scope.ServiceProvider.GetRequiredService<AllianssiDbContext>().Users.AnyAsync();
}

app.UseExceptionHandler();
app.UseAllianssiTrust();
app.UseStatusCodePages();
app.UseRequestLocalization(o =>
{
    o.SupportedCultures = Cultures.Supported;
    o.SupportedUICultures = Cultures.Supported;
    o.DefaultRequestCulture = new RequestCulture(Cultures.Supported[0]);
    o.RequestCultureProviders = [new QueryStringRequestCultureProvider(), new CookieRequestCultureProvider()];
});
app.MapStaticAssets();
// Production first run: nothing but the setup page until an admin account exists.
app.Use(async (context, next) =>
{
    var path = context.Request.Path;
    if (!context.RequestServices.GetRequiredService<FirstRunState>().AdminExists
        && !path.StartsWithSegments("/account/setup") && !path.StartsWithSegments("/_framework")
        && !path.StartsWithSegments("/_content") && !path.StartsWithSegments("/culture") && !Path.HasExtension(path.Value))
    {
        context.Response.Redirect("/account/setup");
        return;
    }

    await next();
});

app.UseAuthentication();
app.UseSecurityStampCheck();
app.UseAuthorization();
app.UseAntiforgery();
app.UseCookieApiAntiforgery();

app.MapOpenApi();
app.MapScalarApiReference("/api/docs");
app.MapAccountEndpoints();
app.MapAllianceEndpoints();
app.MapScorecardEndpoints();
app.MapMoneyEndpoints();
app.MapConfigurationEndpoints();
app.MapAuditEndpoints();
app.MapApprovalEndpoints();
app.MapPublicEndpoints();
app.MapIndicatorEndpoints();
app.MapImportEndpoints();
app.MapDemoDataEndpoints();
app.MapOrganiserEndpoints();
app.MapReportEndpoints();
app.MapRazorComponents<App>().AddInteractiveServerRenderMode();

app.Lifetime.ApplicationStarted.Register(() =>
{
    var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
    Console.WriteLine();
    Console.WriteLine($"Allianssi is running on {string.Join(", ", addresses)}  (store: {app.Services.GetRequiredService<OperationalStore>().Describe()})");
    Console.WriteLine($"API documentation: {addresses.FirstOrDefault()}/api/docs");
    if (demoUsers.Count > 0)
    {
        Console.WriteLine("Demo mode: the Tesoma reference alliance with illustrative data. Users (new passwords each start):");
        foreach (var u in demoUsers)
        {
            Console.WriteLine($"  {u.UserName,-26} {u.Role,-11} {u.Password}");
        }
    }
    else if (!app.Services.GetRequiredService<FirstRunState>().AdminExists)
    {
        Console.WriteLine("First run: open the URL to create the admin account.");
    }

    Console.WriteLine();
});

await app.RunAsync();

static Task ApiAware(HttpRequest request, HttpResponse response, int status, string redirectUri)
{
    if (request.Path.StartsWithSegments("/api"))
    {
        response.StatusCode = status;
        return Task.CompletedTask;
    }

    response.Redirect(redirectUri);
    return Task.CompletedTask;
}
