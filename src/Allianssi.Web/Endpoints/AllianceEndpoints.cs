using Allianssi.Application.UseCases.Alliances;
using Allianssi.Application.Security;
using Allianssi.Application.UseCases.Common;
using Allianssi.Application.UseCases.Users;
using Allianssi.Web.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Allianssi.Web.Endpoints;

/// <summary>Alliances and their overview; users (the audit log is in <see cref="AuditEndpoints"/>).</summary>
internal static class AllianceEndpoints
{
    public static RouteGroupBuilder MapAllianceEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/alliances").WithTags("Alliances").RequireAuthorization(Policies.Reader);
        group.MapGet("/", async (ListAlliances useCase, CancellationToken ct) => TypedResults.Ok(await useCase.ExecuteAsync(ct)));
        group.MapGet("/{alliance}", async Task<Results<Ok<AllianceOverview>, NotFoundProblem>> (string alliance, GetAllianceOverview useCase, CancellationToken ct) =>
            await useCase.ExecuteAsync(alliance, ct) is { } overview
                ? TypedResults.Ok(overview)
                : OutcomeResults.NotFound(Outcome<AllianceOverview>.NotFound("notFound.alliance", $"alliance '{alliance}'")));

        var users = app.MapGroup("/api/alliances/{alliance}/users").WithTags("Users").RequireAuthorization(Policies.Admin);
        users.MapGet("/", async (ListUsers useCase, CancellationToken ct) => TypedResults.Ok(await useCase.ExecuteAsync(ct)));
        users.MapPost("/", async (string alliance, NewUser input, CreateUser useCase, HttpContext http, CancellationToken ct) =>
            (await useCase.ExecuteAsync(alliance, input, Actor.FromPrincipal(http.User), ct)).ToHttp());
        // Disable or enable, change role or party: audited, and the user's earlier tokens stop working.
        users.MapPatch("/{userName}", async (string alliance, string userName, UserChange input, ChangeUser useCase, HttpContext http, CancellationToken ct) =>
            (await useCase.ExecuteAsync(alliance, userName, input, Actor.FromPrincipal(http.User), ct)).ToHttp());
        return group;
    }
}
