using Allianssi.Application.UseCases.Scoring;
using Allianssi.Web.Infrastructure;

namespace Allianssi.Web.Endpoints;

/// <summary>Scorecards, settlements and what-if, computed by the domain from the stored data.</summary>
internal static class ScorecardEndpoints
{
    public static RouteGroupBuilder MapScorecardEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/alliances/{alliance}/periods/{period}").WithTags("Scorecard and settlement").RequireAuthorization(Policies.Reader);
        group.MapGet("/scorecard", async (string alliance, string period, int? year, GetScorecard useCase, CancellationToken ct) =>
            (await useCase.ExecuteAsync(alliance, period, year, ct)).ToHttp());
        group.MapGet("/settlement", async (string alliance, string period, int? year, GetSettlement useCase, CancellationToken ct) =>
            (await useCase.ExecuteAsync(alliance, period, year, ct)).ToHttp());
        group.MapPost("/what-if", async (string alliance, string period, int? year, WhatIfChanges changes, RunWhatIf useCase, CancellationToken ct) =>
            (await useCase.ExecuteAsync(alliance, period, year, changes, ct)).ToHttp());
        return group;
    }
}
