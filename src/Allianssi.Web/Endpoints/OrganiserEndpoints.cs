using Allianssi.Application.Data;
using Allianssi.Application.Security;
using Allianssi.Application.UseCases.Indicators;
using Allianssi.Application.UseCases.Organiser;
using Allianssi.Application.UseCases.Common;
using Allianssi.Reports.Organiser;
using Allianssi.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Allianssi.Web.Endpoints;

/// <summary>
/// The organiser's model, capitation, triple-aim bonus and invoices (organiser-payments.md). Signed-in
/// users reach them; the use case answers 403 to whoever may not see a result: the organiser's party
/// sees all, a provider its own capitation and bonus, a member municipality its own invoice.
/// </summary>
internal static class OrganiserEndpoints
{
    public static RouteGroupBuilder MapOrganiserEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/alliances/{alliance}/organiser").WithTags("Organiser payments").RequireAuthorization(Policies.Reader);
        group.MapGet("/models", async (string alliance, OrganiserPayments payments, CancellationToken ct) =>
            TypedResults.Ok(await payments.ListVersionsAsync(alliance, ct)))
            .WithSummary("Every saved version of the organiser model, newest first");
        group.MapGet("/models/{year:int}", async (string alliance, int year, OrganiserPayments payments, CancellationToken ct) =>
            (await payments.GetModelAsync(alliance, year, ct)).ToHttp())
            .WithSummary("The organiser model in force for a year (the JSON of organiser-payments.md section 1)");
        group.MapPut("/models/{year:int}", async (string alliance, int year, HttpRequest request, OrganiserPayments payments, CancellationToken ct) =>
            {
                using var reader = new StreamReader(request.Body);
                var json = await reader.ReadToEndAsync(ct);
                return (await payments.SaveModelAsync(alliance, year, json, Actor.FromPrincipal(request.HttpContext.User), ct)).ToHttp();
            })
            .Accepts<System.Text.Json.JsonElement>("application/json")
            .WithSummary("Saves a new version of the model for a year; errors are keyed by JSON path (organiser's controllers)");
        group.MapYearResult("/{year:int}/capitation", (payments, alliance, year, actor, ct) => payments.CapitationAsync(alliance, year, actor, ct))
            .WithSummary("Needs-based capitation per provider and month (a provider sees its own)");
        // A POST so the pseudonym travels in the body, never in a URL that access logs keep.
        group.MapPost("/{year:int}/capitation/person-month", async (string alliance, int year, PersonMonthQuery input, HttpContext http, OrganiserPayments payments, CancellationToken ct) =>
            (await payments.PersonMonthAsync(alliance, year, input.Month, input.Pseudonym, Actor.FromPrincipal(http.User), ct)).ToHttp())
            .WithSummary("How one pseudonym's capitation coefficient of a month is derived: age-sex group, need factors, municipality factor, normalisation, euros (the organiser's controllers only; audited)");
        group.MapYearResult("/{year:int}/triple-aim", (payments, alliance, year, actor, ct) => payments.TripleAimAsync(alliance, year, actor, ct))
            .WithSummary("The triple-aim score and bonus per provider (a provider sees its own)");
        group.MapYearResult("/{year:int}/invoices", (payments, alliance, year, actor, ct) => payments.InvoicesAsync(alliance, year, actor, ct))
            .WithSummary("The year's invoices as computed now, with the issued run in force (a member sees its own)");
        group.MapPost("/{year:int}/invoices/issue", async (string alliance, int year, HttpContext http, OrganiserPayments payments, CancellationToken ct) =>
            (await payments.IssueInvoicesAsync(alliance, year, Actor.FromPrincipal(http.User), ct)).ToHttp())
            .WithSummary("Issues the year's invoices, frozen with the SHA-256 of their inputs; when issued already, a credit note plus a new run (organiser's controllers)");
        group.MapYearResult("/{year:int}/invoices/issued", (payments, alliance, year, actor, ct) => payments.IssuedRunsAsync(alliance, year, actor, ct))
            .WithSummary("Issued runs and credit notes of the year");
        group.MapGet("/{year:int}/invoices/issued/{number:int}", async (string alliance, int year, int number, HttpContext http, OrganiserPayments payments, CancellationToken ct) =>
            (await payments.IssuedRunAsync(alliance, year, number, Actor.FromPrincipal(http.User), ct)).ToHttp())
            .WithSummary("An issued run as frozen (a member sees its own invoice)");
        group.MapGet("/{year:int}/invoices/{municipality}/pdf", async (string alliance, int year, string municipality, HttpContext http, OrganiserPayments payments, AllianssiDbContext db, IStringLocalizer<Strings> l, CancellationToken ct) =>
            {
                var (run, failure) = await RunForDocumentAsync(payments, alliance, year, Actor.FromPrincipal(http.User), ct);
                if (failure is not null)
                {
                    return failure;
                }

                var member = run!.Members.FirstOrDefault(m => m.Municipality == municipality);
                var products = run.Products;
                if (member is null)
                {
                    return OutcomeResults.NotFound(Outcome<InvoiceRunView>.NotFound("notFound.invoiceMember", $"invoice of municipality '{municipality}' in {year}"));
                }

                var organiser = (await payments.GetModelAsync(alliance, year, ct)).Value?.Organiser ?? string.Empty;
                var parties = await db.Parties.Where(p => p.Alliance!.Code == alliance).ToDictionaryAsync(p => p.Code, p => p.Name, StringComparer.Ordinal, ct);
                string PartyName(string code) => parties.TryGetValue(code, out var name) ? name : code;
                var pdf = InvoicePdf.Render(run, member, PartyName(organiser),
                    key => l[key], System.Globalization.CultureInfo.CurrentCulture,
                    new ExplanationText(l, PartyName, id => products.FirstOrDefault(p => p.Id == id)?.Name ?? Allianssi.Domain.Reference.Municipalities.Name(id)).Render);
                http.Response.Headers.CacheControl = "no-store";
                return TypedResults.File(pdf, "application/pdf", $"invoice-{municipality}-{year}.pdf");
            })
            .WithSummary("A member's invoice as PDF (the issued run in force, else as computed now; a member gets only its own)");
        group.MapGet("/{year:int}/invoices.xlsx", async (string alliance, int year, HttpContext http, OrganiserPayments payments, IStringLocalizer<Strings> l, CancellationToken ct) =>
            {
                var (run, failure) = await RunForDocumentAsync(payments, alliance, year, Actor.FromPrincipal(http.User), ct);
                if (failure is not null)
                {
                    return failure;
                }

                http.Response.Headers.CacheControl = "no-store";
                return TypedResults.File(InvoiceWorkbook.Render(run!, key => l[key]), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", $"invoices-{year}.xlsx");
            })
            .WithSummary("The year's invoices as an Excel workbook (the issued run in force, else as computed now; a member gets only its own)");
        return group;
    }

    /// <summary>
    /// A GET of a year's result that the use case answers for the signed-in user (403 to whoever may not
    /// see it), with the use case from the request's scope.
    /// </summary>
    private static RouteHandlerBuilder MapYearResult<T>(
        this RouteGroupBuilder group, string pattern, Func<OrganiserPayments, string, int, Actor, CancellationToken, Task<Outcome<T>>> result) =>
        group.MapGet(pattern, async (string alliance, int year, HttpContext http, OrganiserPayments payments, CancellationToken ct) =>
            (await result(payments, alliance, year, Actor.FromPrincipal(http.User), ct)).ToHttp());

    // The issued run in force when there is one (frozen), else the run as computed now.
    private static async Task<(InvoiceRunView? Run, IResult? Failure)> RunForDocumentAsync(OrganiserPayments payments, string alliance, int year, Actor actor, CancellationToken ct)
    {
        var live = await payments.InvoicesAsync(alliance, year, actor, ct);
        if (!live.IsOk)
        {
            return (null, live.ToHttp().Result);
        }

        if (live.Value!.Issued is not { Kind: "invoice" } issued)
        {
            return (live.Value, null);
        }

        var frozen = await payments.IssuedRunAsync(alliance, year, issued.Number, actor, ct);
        return frozen.IsOk ? (frozen.Value, null) : (null, frozen.ToHttp().Result);
    }
}
