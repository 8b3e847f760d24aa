using Allianssi.Application.Security;
using Allianssi.Application.UseCases.Indicators;
using Allianssi.Application.UseCases.Money;
using Allianssi.Web.Infrastructure;

namespace Allianssi.Web.Endpoints;

/// <summary>Indicator values and period parameters (analysts and admins); levels, weights and the public-funding ceiling (leadership and admins).</summary>
internal static class ConfigurationEndpoints
{
    public static RouteGroupBuilder MapConfigurationEndpoints(this IEndpointRouteBuilder app)
    {
        // Each endpoint names its own policy: group and endpoint policies would both have to pass.
        var group = app.MapGroup("/api/alliances/{alliance}/configuration").WithTags("Configuration");
        group.MapPut("/indicator-values", async (string alliance, IndicatorValueInput input, SetIndicatorValue useCase, HttpContext http, CancellationToken ct) =>
            (await useCase.ExecuteAsync(alliance, input, Actor.FromPrincipal(http.User), ct)).ToHttp()).RequireAuthorization(Policies.Analyst);
        // Levels and weights decide the alliance's money: a leadership decision, not any party's analyst's.
        group.MapPut("/levels", async (string alliance, LevelsDto input, SetIndicatorLevels useCase, HttpContext http, CancellationToken ct) =>
            (await useCase.ExecuteAsync(alliance, input, Actor.FromPrincipal(http.User), ct)).ToHttp()).RequireAuthorization(Policies.Leadership);
        group.MapPut("/weights", async (string alliance, WeightsInput input, SetWeights useCase, HttpContext http, CancellationToken ct) =>
            (await useCase.ExecuteAsync(alliance, input, Actor.FromPrincipal(http.User), ct)).ToHttp()).RequireAuthorization(Policies.Leadership);
        group.MapPut("/period-parameters", async (string alliance, PeriodParameterDto input, SetPeriodParameter useCase, HttpContext http, CancellationToken ct) =>
            (await useCase.ExecuteAsync(alliance, input, Actor.FromPrincipal(http.User), ct)).ToHttp()).RequireAuthorization(Policies.Analyst);
        // How much public money the alliance may take (seed 001's ceiling) is the leadership's decision.
        group.MapPut("/public-funding-ceiling", async (string alliance, PublicFundingCeilingDto input, SetPublicFundingCeiling useCase, HttpContext http, CancellationToken ct) =>
            (await useCase.ExecuteAsync(alliance, input, Actor.FromPrincipal(http.User), ct)).ToHttp())
            .RequireAuthorization(Policies.Leadership)
            .WithSummary("Sets the alliance's public-funding ceiling: amount in euros (positive, cents at most) and its span from..to, both days inclusive; audited");
        // The suppression threshold is the leadership's decision: its own route and policy.
        app.MapPut("/api/alliances/{alliance}/configuration/minimum-count", async (string alliance, MinimumCountInput input, SetPeriodParameter useCase, HttpContext http, CancellationToken ct) =>
            (await useCase.ExecuteAsync(alliance, new PeriodParameterDto(input.Period, "minimumCount", input.Value), Actor.FromPrincipal(http.User), ct)).ToHttp())
            .WithTags("Configuration").RequireAuthorization(Policies.Leadership);
        return group;
    }
}
