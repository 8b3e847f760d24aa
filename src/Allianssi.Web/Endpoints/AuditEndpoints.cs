using Allianssi.Application.Security;
using Allianssi.Application.UseCases.Audit;
using Allianssi.Web.Infrastructure;
using Microsoft.Extensions.Localization;

namespace Allianssi.Web.Endpoints;

/// <summary>The audit trail: filtered entries as JSON or CSV, and the check of its hash chain.</summary>
internal static class AuditEndpoints
{
    public static RouteGroupBuilder MapAuditEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/audit").WithTags("Audit").RequireAuthorization(Policies.Admin);
        group.MapGet("/", async (DateTimeOffset? from, DateTimeOffset? to, string? actor, string? party, string? action, string? entity, int? take, string? format, GetAuditLog useCase, IStringLocalizer<Strings> text, HttpContext http, CancellationToken ct) =>
        {
            var entries = await useCase.ExecuteAsync(new AuditFilter(from, to, actor, party, action, entity, take ?? 100), ct);
            var csv = string.Equals(format, "csv", StringComparison.OrdinalIgnoreCase)
                || http.Request.Headers.Accept.Any(a => a is not null && a.Contains("text/csv", StringComparison.OrdinalIgnoreCase));
            if (!csv)
            {
                return Results.Ok(entries);
            }

            // In the reader's language: a Finnish reader gets ';', the byte order mark and Finnish headers.
            var csvFormat = WebCsv.Current(text);
            return Results.File(csvFormat.Encode(GetAuditLog.ToCsv(entries, csvFormat)), "text/csv; charset=utf-8", "audit.csv");
        }).Produces<IReadOnlyList<AuditEntryDto>>().Produces<string>(StatusCodes.Status200OK, "text/csv");
        group.MapGet("/verify", async (VerifyAuditLog useCase, CancellationToken ct) => TypedResults.Ok(await useCase.ExecuteAsync(ct)));
        return group;
    }
}
