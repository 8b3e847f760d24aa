using Allianssi.Application.UseCases.PublicResults;
using Allianssi.Web.Infrastructure;

namespace Allianssi.Web.Endpoints;

/// <summary>The public results (anonymous, aggregates only, small counts suppressed), cached.</summary>
internal static class PublicEndpoints
{
    public static RouteGroupBuilder MapPublicEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/public").WithTags("Public results").AllowAnonymous();
        group.MapGet("/{alliance}", async (string alliance, GetPublicResults useCase, CancellationToken ct) =>
            (await useCase.ExecuteAsync(alliance, ct)).ToHttp())
            .CacheOutput(TrustHttp.PublicCachePolicy);
        return group;
    }
}
