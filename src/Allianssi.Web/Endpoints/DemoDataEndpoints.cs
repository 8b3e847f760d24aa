using Allianssi.Web.Infrastructure;

namespace Allianssi.Web.Endpoints;

/// <summary>The demo data preparation's status (any signed-in user: the banner shows it to everyone).</summary>
internal static class DemoDataEndpoints
{
    public static IEndpointRouteBuilder MapDemoDataEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/demo-data", (DemoDataProgress progress) =>
        {
            var s = progress.Current;
            return TypedResults.Ok(new DemoDataStatusDto(s.Stage.ToString().ToLowerInvariant(), s.Step, s.Percent, s.Residents, s.RanNow, s.Error));
        }).WithTags("Imports").RequireAuthorization(Policies.Reader);
        return app;
    }
}

/// <summary>
/// <c>GET /api/demo-data</c>: stage (<c>off</c>, <c>pending</c>, <c>generating</c>, <c>importing</c>,
/// <c>computing</c>, <c>done</c>, <c>failed</c>), the dataset or period in hand, the percentage of the whole,
/// the configured residents, whether this process did the work, and the error.
/// </summary>
internal sealed record DemoDataStatusDto(string Stage, string? Step, int Percent, int Residents, bool RanNow, string? Error);
