using Allianssi.Application.Data;
using Allianssi.Application.Security;
using Allianssi.Application.UseCases.Approvals;
using Allianssi.Application.UseCases.Common;
using Allianssi.Application.UseCases.Results;
using Allianssi.Web.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Allianssi.Web.Endpoints;

/// <summary>Unanimous approval of a period's (or year's) scorecard and settlement, the lock and reopening.</summary>
internal static class ApprovalEndpoints
{
    public static RouteGroupBuilder MapApprovalEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/alliances/{alliance}/periods/{period}/approval").WithTags("Approval").RequireAuthorization(Policies.Reader);
        group.MapGet("/", async (string alliance, string period, int? year, GetApprovalStatus useCase, CancellationToken ct) =>
            (await useCase.ExecuteAsync(alliance, period, year, ct)).ToHttp());
        group.MapPost("/", async (string alliance, string period, int? year, [FromBody] ApproveInput? input, ApproveResult useCase, HttpContext http, CancellationToken ct) =>
            (await useCase.ExecuteAsync(alliance, period, year, input ?? new ApproveInput(null), Actor.FromPrincipal(http.User), ct)).ToHttp())
            .RequireAuthorization(Policies.Leadership);
        group.MapPost("/reopen", async (string alliance, string period, int? year, ReopenInput input, ReopenResult useCase, HttpContext http, CancellationToken ct) =>
            (await useCase.ExecuteAsync(alliance, period, year, input, Actor.FromPrincipal(http.User), ct)).ToHttp())
            .RequireAuthorization(Policies.Leadership);
        // The locked snapshot exactly as hashed: its SHA-256 over these bytes equals the header and the page.
        group.MapGet("/snapshot", async Task<Results<ContentHttpResult, NotFoundProblem>> (string alliance, string period, int? year, AllianssiDbContext db, HttpContext http, CancellationToken ct) =>
        {
            var snapshot = await db.ResultLocks.AsNoTracking()
                .Where(l => l.ActiveScope != null && l.Period!.Code == period && l.Period.Alliance!.Code == alliance && l.Year == year)
                .Select(l => new { l.Snapshot, l.SnapshotHash }).SingleOrDefaultAsync(ct);
            if (snapshot is null)
            {
                return OutcomeResults.NotFound(Outcome<string>.NotFound("notFound.lockedResult", $"locked result of {ResultScope.Of(period, year)}"));
            }

            http.Response.Headers["X-Snapshot-SHA256"] = snapshot.SnapshotHash;
            return TypedResults.Content(snapshot.Snapshot, "application/json");
        });
        return group;
    }
}
