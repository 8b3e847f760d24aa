using Allianssi.Application.Data;
using Allianssi.Application.Data.Entities;
using Allianssi.Application.Security;
using Allianssi.Application.UseCases.Common;
using Allianssi.Application.UseCases.Money;
using Allianssi.Application.UseCases.Results;
using Allianssi.Application.UseCases.Scoring;
using Allianssi.Reports.Fhir;
using Allianssi.Reports.Period;
using Allianssi.Reports.Workbook;
using Allianssi.Web.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Allianssi.Web.Endpoints;

/// <summary>
/// Documents of a period's result: the period report (PDF) and the workbook (XLSX), fi or en. Readable by whoever may read
/// the scorecard and the settlement they come from; every download is written to the audit log
/// (who, which document, which scope, the result's hash).
/// </summary>
internal static class ReportEndpoints
{
    public static RouteGroupBuilder MapReportEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/alliances/{alliance}/periods/{period}").WithTags("Reports").RequireAuthorization(Policies.Reader);
        group.MapGet("/report", async Task<Results<FileContentHttpResult, NotFoundProblem, ValidationProblem>> (
            string alliance, string period, int? year, string? format, string? lang, string? party,
            AllianssiDbContext db, ResultCalculator calculator, TimeProvider time, HttpContext http, CancellationToken ct) =>
        {
            var language = ReportLanguage.Of(lang);
            var kind = (format ?? "pdf").ToLowerInvariant();
            if (language is null || kind is not ("pdf" or "xlsx" or "fhir" or "statement"))
            {
                return TypedResults.ValidationProblem(new Dictionary<string, string[]>
                {
                    [language is null ? "lang" : "format"] = [language is null ? "fi or en" : "pdf, xlsx, fhir or statement"],
                });
            }

            var actor = Actor.FromPrincipal(http.User);
            var scope = ResultScope.Of(period, year);
            var name = $"{alliance}-{scope.Replace('/', '-')}";
            if (kind == "fhir")
            {
                // The stored results as MeasureReports: suppressed for this reader as on the benchmark page.
                var results = await MeasureReportBundle.ReadAsync(db, alliance, period, year, actor, ct);
                if (!results.IsOk)
                {
                    return OutcomeResults.NotFound(results);
                }

                var json = MeasureReportBundle.Serialize(MeasureReportBundle.Build(alliance, results.Value!));
                await Downloads.AuditAsync(db, time, actor, "measure-reports.fhir.json", alliance, scope, null, ct);
                return TypedResults.File(System.Text.Encoding.UTF8.GetBytes(json), "application/fhir+json", name + ".fhir.json");
            }

            var data = await PeriodReportData.LoadAsync(db, calculator, alliance, period, year, ct);
            if (!data.IsOk)
            {
                return data.Status == OutcomeStatus.NotFound
                    ? OutcomeResults.NotFound(data)
                    : OutcomeResults.Invalid(data);
            }

            byte[] bytes;
            string contentType;
            if (kind == "statement")
            {
                // One party's statement: the reader's own party unless another is named (the settlement is open to every reader).
                var statement = (party ?? actor.PartyCode) is { } code ? PartyStatementPdf.Render(data.Value!, code, language) : null;
                if (statement is null)
                {
                    return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["party"] = ["a party of the settlement"] });
                }

                bytes = statement;
                contentType = "application/pdf";
                kind = "statement.pdf";
            }
            else if (kind == "xlsx")
            {
                var (ledger, results) = await PeriodWorkbook.ReadAsync(db, data.Value!, party, actor, ct);
                bytes = PeriodWorkbook.Render(data.Value!, ledger, results, language);
                contentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
            }
            else
            {
                bytes = PeriodReportPdf.Render(data.Value!, language);
                contentType = "application/pdf";
            }

            await Downloads.AuditAsync(db, time, actor, $"period-report.{kind}", alliance, scope, data.Value!.Approval.CurrentHash, ct);
            return TypedResults.File(bytes, contentType, $"{name}-{language.Culture.TwoLetterISOLanguageName}.{kind}");
        })
        .Produces(StatusCodes.Status200OK, contentType: "application/pdf")
        .Produces(StatusCodes.Status200OK, contentType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
        .Produces(StatusCodes.Status200OK, contentType: "application/fhir+json")
        .WithSummary("The period (or year) report as PDF (format=pdf) its numbers as an Excel workbook (format=xlsx; the ledger of ?party=, default the reader's own) or the stored indicator results as a FHIR R4 Bundle of Measure and MeasureReport resources (format=fhir), or one party's settlement statement as PDF (format=statement&party=ID, default the reader's own party), in Finnish (lang=fi, default) or English (lang=en)");
        // The public-funding ceiling's position: readable by whoever may read the settlement it comes from.
        app.MapGet("/api/alliances/{alliance}/public-funding", async (string alliance, AllianssiDbContext db, ResultCalculator results, CancellationToken ct) =>
            (await new GetPublicFunding(db, results).ExecuteAsync(alliance, ct)).ToHttp())
            .WithTags("Reports").RequireAuthorization(Policies.Reader)
            .Produces<PublicFundingPosition>()
            .WithSummary("The cumulative public funding (the purchasers' payments) by year against the alliance's ceiling, with a linear projection to the end of the span; projectionExceedsCeiling is the warning");
        return group;
    }
}

/// <summary>Writes a document download to the audit log.</summary>
internal static class Downloads
{
    public const string Action = AuditEntry.DownloadReport;

    public static async Task AuditAsync(AllianssiDbContext db, TimeProvider time, Actor actor, string document, string alliance, string scope, string? resultHash, CancellationToken ct)
    {
        AuditLog.Record(db, time, actor, Action, "report", $"{alliance}/{scope}", null, new { document, alliance, scope, resultHash });
        await db.SaveChangesAsync(ct);
    }
}
