using Allianssi.Application.UseCases.Indicators;
using Allianssi.Application.UseCases.PublicResults;
using Allianssi.Web.Components.Pages.PublicResults;
using Allianssi.Web.Infrastructure;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;

namespace Allianssi.Web.Endpoints;

/// <summary>The public results (anonymous, aggregates only, small counts suppressed), cached.</summary>
internal static class PublicEndpoints
{
    /// <summary>The alliance shown on <c>/public</c> without <c>?alliance=</c>.</summary>
    public const string DefaultAlliance = "tesoma";

    public static RouteGroupBuilder MapPublicEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/public").WithTags("Public results").AllowAnonymous();
        group.MapGet("/{alliance}", async (string alliance, GetPublicResults useCase, CancellationToken ct) =>
            (await useCase.ExecuteAsync(alliance, ct)).ToHttp())
            .CacheOutput(TrustHttp.PublicCachePolicy);

        // The page is rendered here rather than as a Blazor page: Blazor's page pipeline sets its
        // antiforgery cookie on every page, and the output cache never stores a response that sets a
        // cookie. Rendered from the (cached) results with no per-user state, it is shared by all.
        app.MapGet("/public", async (string? alliance, GetPublicResults useCase, GetUnits units, HttpContext http, ILoggerFactory logs, CancellationToken ct) =>
        {
            var outcome = await useCase.ExecuteAsync(alliance ?? DefaultAlliance, ct);
            // Units by name, as every signed-in page shows them (unit names are no personal data).
            var unitNames = outcome.Value is { Indicators.Count: > 0 }
                ? (await units.ExecuteAsync(ct)).ToDictionary(u => u.Key, u => u.Value.Name, StringComparer.Ordinal)
                : new Dictionary<string, string>(StringComparer.Ordinal);
            await using var renderer = new HtmlRenderer(http.RequestServices, logs);
            var html = await renderer.Dispatcher.InvokeAsync(async () =>
            {
                var parameters = ParameterView.FromDictionary(new Dictionary<string, object?> { [nameof(PublicPage.Results)] = outcome.Value, [nameof(PublicPage.UnitNames)] = unitNames });
                return (await renderer.RenderComponentAsync<PublicPage>(parameters)).ToHtmlString();
            });
            return Results.Content("<!DOCTYPE html>\n" + html, "text/html; charset=utf-8");
        }).AllowAnonymous().CacheOutput(TrustHttp.PublicCachePolicy).ExcludeFromDescription();
        return group;
    }
}
