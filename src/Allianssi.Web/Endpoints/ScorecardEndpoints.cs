using Allianssi.Application.UseCases.Indicators;
using Allianssi.Application.UseCases.Results;
using Allianssi.Application.UseCases.Scoring;
using Allianssi.Web.Infrastructure;
using Microsoft.Extensions.Localization;

namespace Allianssi.Web.Endpoints;

/// <summary>Scorecards, settlements and what-if, computed by the domain from the stored data.</summary>
internal static class ScorecardEndpoints
{
    public static RouteGroupBuilder MapScorecardEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/alliances/{alliance}/periods/{period}").WithTags("Scorecard and settlement").RequireAuthorization(Policies.Reader);
        // ?format=csv gives the same result as CSV; a locked result carries its scope and snapshot SHA-256 in both.
        group.MapGet("/scorecard", async (string alliance, string period, int? year, string? format, GetScorecard useCase, GetIndicatorCatalog catalog, IStringLocalizer<Strings> text, CancellationToken ct) =>
        {
            var outcome = await useCase.ExecuteAsync(alliance, period, year, ct);
            if (!outcome.IsOk || !IsCsv(format))
            {
                return (IResult)outcome.ToHttp();
            }

            // Key result areas and indicators by name in the reader's language beside their ids.
            var names = (await catalog.ExecuteAsync(alliance, ct)).Value?.GroupBy(c => c.Id, StringComparer.Ordinal)
                .ToDictionary(g => g.Key, g => Show.Name(g.First().NameFi, g.First().NameEn), StringComparer.Ordinal) ?? new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var k in outcome.Value!.Kras)
            {
                names.TryAdd(k.Code, Show.Name(k.NameFi, k.NameEn));
            }

            return WebCsv.Result(ResultCsv.Scorecard(outcome.Value, WebCsv.Current(text), id => names.GetValueOrDefault(id, id)), WebCsv.Current(text));
        }).Produces<ScorecardView>().Produces<string>(StatusCodes.Status200OK, "text/csv");
        group.MapGet("/settlement", async (string alliance, string period, int? year, string? format, GetSettlement useCase, IStringLocalizer<Strings> text, CancellationToken ct) =>
        {
            var outcome = await useCase.ExecuteAsync(alliance, period, year, ct);
            return outcome.IsOk && IsCsv(format)
                ? WebCsv.Result(ResultCsv.Settlement(outcome.Value!, WebCsv.Current(text)), WebCsv.Current(text))
                : (IResult)outcome.ToHttp();
        }).Produces<SettlementView>().Produces<string>(StatusCodes.Status200OK, "text/csv");
        group.MapPost("/what-if", async (string alliance, string period, int? year, WhatIfChanges changes, RunWhatIf useCase, CancellationToken ct) =>
            (await useCase.ExecuteAsync(alliance, period, year, changes, ct)).ToHttp());
        return group;
    }

    private static bool IsCsv(string? format) => string.Equals(format, "csv", StringComparison.OrdinalIgnoreCase);
}
