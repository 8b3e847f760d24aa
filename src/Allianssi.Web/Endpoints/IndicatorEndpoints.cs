using Allianssi.Application.Security;
using Allianssi.Application.UseCases.Indicators;
using Allianssi.Web.Infrastructure;
using Microsoft.Extensions.Localization;

namespace Allianssi.Web.Endpoints;

/// <summary>Computing indicators as background jobs, and reading the jobs.</summary>
internal static class IndicatorEndpoints
{
    public static IEndpointRouteBuilder MapIndicatorEndpoints(this IEndpointRouteBuilder app)
    {
        var indicators = app.MapGroup("/api/indicators").WithTags("Indicators");
        indicators.MapPost("/compute", async (ComputeJobRequest request, HttpContext http, QueueComputeJob useCase, CancellationToken ct) =>
        {
            var outcome = await useCase.ExecuteAsync(request, Actor.FromPrincipal(http.User), ct);
            return outcome.IsOk ? Results.Accepted($"/api/jobs/{outcome.Value!.Id}", outcome.Value) : (IResult)outcome.ToHttp();
        }).RequireAuthorization(Policies.Analyst);

        indicators.MapGet("/{id}/results", async (string id, string? alliance, string? format, HttpContext http, GetIndicatorResults useCase, GetUnits units, IStringLocalizer<Strings> text, CancellationToken ct) =>
        {
            var outcome = await useCase.ExecuteAsync(alliance, id, Actor.FromPrincipal(http.User), ct);
            if (!outcome.IsOk || format != "csv")
            {
                return (IResult)outcome.ToHttp();
            }

            var names = await units.ExecuteAsync(ct);
            return WebCsv.Result(IndicatorCsv.Results(outcome.Value!, WebCsv.Current(text), u => UnitName(text, names, u)), WebCsv.Current(text));
        }).RequireAuthorization(Policies.Reader);
        indicators.MapGet("/{id}/care-gaps", async (string id, string? alliance, string? unit, int? year, string? format, HttpContext http, GetCareGaps useCase, GetUnits units, IStringLocalizer<Strings> text, CancellationToken ct) =>
        {
            // Pseudonyms with health reasons: never kept by a browser or a proxy cache.
            http.Response.Headers.CacheControl = "no-store";
            http.Response.Headers.Pragma = "no-cache";
            var outcome = await useCase.ExecuteAsync(alliance, id, unit, year, Actor.FromPrincipal(http.User), ct);
            if (!outcome.IsOk || format != "csv")
            {
                return (IResult)outcome.ToHttp();
            }

            var names = await units.ExecuteAsync(ct);
            return WebCsv.Result(IndicatorCsv.CareGaps(outcome.Value!, WebCsv.Current(text), r => CareGapReasons.Localize(text, r), u => UnitName(text, names, u)), WebCsv.Current(text));
        }).RequireAuthorization(Policies.Reader);
        indicators.MapGet("/custom", async (string? alliance, ListCustomIndicators useCase, CancellationToken ct) =>
            (await useCase.ExecuteAsync(alliance, ct)).ToHttp()).RequireAuthorization(Policies.Reader);
        indicators.MapPost("/custom", async (CustomIndicatorInput input, HttpContext http, AddCustomIndicator useCase, CancellationToken ct) =>
            (await useCase.ExecuteAsync(input, Actor.FromPrincipal(http.User), ct)).ToHttp()).RequireAuthorization(Policies.Analyst);
        indicators.MapPost("/custom/{code}/publish", async (string code, CustomPublicationInput input, HttpContext http, PublishCustomIndicator useCase, CancellationToken ct) =>
            (await useCase.PublishAsync(code, input, Actor.FromPrincipal(http.User), ct)).ToHttp()).RequireAuthorization(Policies.Leadership);
        indicators.MapPost("/custom/{code}/withdraw", async (string code, CustomPublicationInput input, HttpContext http, PublishCustomIndicator useCase, CancellationToken ct) =>
            (await useCase.WithdrawAsync(code, input, Actor.FromPrincipal(http.User), ct)).ToHttp()).RequireAuthorization(Policies.Leadership);

        var jobs = app.MapGroup("/api/jobs").WithTags("Indicators").RequireAuthorization(Policies.Analyst);
        jobs.MapGet("/{id:long}", async (long id, HttpContext http, GetJob useCase, CancellationToken ct) =>
            (await useCase.ExecuteAsync(id, Actor.FromPrincipal(http.User), ct)).ToHttp());
        jobs.MapPost("/{id:long}/cancel", async (long id, HttpContext http, CancelJob useCase, CancellationToken ct) =>
            (await useCase.ExecuteAsync(id, Actor.FromPrincipal(http.User), ct)).ToHttp());
        return app;
    }

    /// <summary>A unit's name for a CSV: <c>*</c> is the whole municipality; a unit without a name keeps its id.</summary>
    private static string UnitName(IStringLocalizer<Strings> text, IReadOnlyDictionary<string, UnitInfo> units, string unit) =>
        unit == "*" ? text["Municipality"] : units.TryGetValue(unit, out var u) ? u.Name : unit;
}
