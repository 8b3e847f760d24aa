using Allianssi.Application.Security;
using Allianssi.Application.UseCases.Indicators;
using Allianssi.Web.Infrastructure;

namespace Allianssi.Web.Endpoints;

/// <summary>Indicator values, levels, weights and period parameters (analysts and admins).</summary>
internal static class ConfigurationEndpoints
{
    public static RouteGroupBuilder MapConfigurationEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/alliances/{alliance}/configuration").WithTags("Configuration").RequireAuthorization(Policies.Analyst);
        group.MapPut("/indicator-values", async (string alliance, IndicatorValueInput input, SetIndicatorValue useCase, HttpContext http, CancellationToken ct) =>
            (await useCase.ExecuteAsync(alliance, input, Actor.FromPrincipal(http.User), ct)).ToHttp());
        group.MapPut("/levels", async (string alliance, LevelsDto input, SetIndicatorLevels useCase, HttpContext http, CancellationToken ct) =>
            (await useCase.ExecuteAsync(alliance, input, Actor.FromPrincipal(http.User), ct)).ToHttp());
        group.MapPut("/weights", async (string alliance, WeightsInput input, SetWeights useCase, HttpContext http, CancellationToken ct) =>
            (await useCase.ExecuteAsync(alliance, input, Actor.FromPrincipal(http.User), ct)).ToHttp());
        group.MapPut("/period-parameters", async (string alliance, PeriodParameterDto input, SetPeriodParameter useCase, HttpContext http, CancellationToken ct) =>
            (await useCase.ExecuteAsync(alliance, input, Actor.FromPrincipal(http.User), ct)).ToHttp());
        // The suppression threshold is the leadership's decision: its own route and policy.
        app.MapPut("/api/alliances/{alliance}/configuration/minimum-count", async (string alliance, MinimumCountInput input, SetPeriodParameter useCase, HttpContext http, CancellationToken ct) =>
            (await useCase.ExecuteAsync(alliance, new PeriodParameterDto(input.Period, "minimumCount", input.Value), Actor.FromPrincipal(http.User), ct)).ToHttp())
            .WithTags("Configuration").RequireAuthorization(Policies.Leadership);
        return group;
    }
}
