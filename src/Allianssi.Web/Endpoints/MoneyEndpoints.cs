using Allianssi.Application.Security;
using Allianssi.Application.UseCases.Money;
using Allianssi.Web.Infrastructure;

namespace Allianssi.Web.Endpoints;

/// <summary>Target costs, adjustments and the open-book ledger.</summary>
internal static class MoneyEndpoints
{
    public static RouteGroupBuilder MapMoneyEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/alliances/{alliance}").WithTags("Target costs and ledger").RequireAuthorization(Policies.Reader);
        group.MapGet("/adjustments", async (string alliance, ListAdjustments useCase, CancellationToken ct) =>
            TypedResults.Ok(await useCase.ExecuteAsync(alliance, ct)));
        group.MapPost("/adjustments", async (string alliance, AdjustmentInput input, RecordAdjustment useCase, HttpContext http, CancellationToken ct) =>
            (await useCase.ExecuteAsync(alliance, input, Actor.FromPrincipal(http.User), ct)).ToHttp())
            .RequireAuthorization(Policies.Leadership);
        group.MapPut("/target-costs", async (string alliance, TargetCostDto input, SetTargetCost useCase, HttpContext http, CancellationToken ct) =>
            (await useCase.ExecuteAsync(alliance, input, Actor.FromPrincipal(http.User), ct)).ToHttp())
            .RequireAuthorization(Policies.Leadership);

        group.MapGet("/ledger", async (string alliance, string? party, int? year, ListLedgerLines useCase, CancellationToken ct) =>
            TypedResults.Ok(await useCase.ExecuteAsync(alliance, party, year, ct)));
        group.MapPost("/ledger", async (string alliance, LedgerLineInput input, UpsertLedgerLine useCase, HttpContext http, CancellationToken ct) =>
            (await useCase.ExecuteAsync(alliance, null, input, Actor.FromPrincipal(http.User), ct)).ToHttp())
            .RequireAuthorization(Policies.Analyst);
        group.MapPut("/ledger/{id:int}", async (string alliance, int id, LedgerLineInput input, UpsertLedgerLine useCase, HttpContext http, CancellationToken ct) =>
            (await useCase.ExecuteAsync(alliance, id, input, Actor.FromPrincipal(http.User), ct)).ToHttp())
            .RequireAuthorization(Policies.Analyst);
        group.MapDelete("/ledger/{id:int}", async (string alliance, int id, DeleteLedgerLine useCase, HttpContext http, CancellationToken ct) =>
            (await useCase.ExecuteAsync(alliance, id, Actor.FromPrincipal(http.User), ct)).ToHttp())
            .RequireAuthorization(Policies.Analyst);
        return group;
    }
}
