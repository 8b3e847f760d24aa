using Allianssi.Application.Data;
using Allianssi.Application.Security;
using Allianssi.Application.UseCases.Common;
using Allianssi.Application.UseCases.Scoring;
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
        group.MapGet("/report", async Task<Results<FileContentHttpResult, NotFound<ProblemDetails>, ValidationProblem>> (
            string alliance, string period, int? year, string? format, string? lang, string? party,
            AllianssiDbContext db, CurrentSnapshots current, TimeProvider time, HttpContext http, CancellationToken ct) =>
        {
            var language = ReportLanguage.Of(lang);
            var kind = (format ?? "pdf").ToLowerInvariant();
            if (language is null || kind is not ("pdf" or "xlsx"))
            {
                return TypedResults.ValidationProblem(new Dictionary<string, string[]>
                {
                    [language is null ? "lang" : "format"] = [language is null ? "fi or en" : "pdf or xlsx"],
                });
            }

            var data = await PeriodReportData.LoadAsync(db, current, time, alliance, period, year, ct);
            if (!data.IsOk)
            {
                return data.Status == OutcomeStatus.NotFound
                    ? TypedResults.NotFound(new ProblemDetails { Title = "Not found", Detail = data.Message, Status = StatusCodes.Status404NotFound })
                    : TypedResults.ValidationProblem(data.Errors);
            }

            var actor = Actor.FromPrincipal(http.User);
            byte[] bytes;
            string contentType;
            if (kind == "xlsx")
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

            var scope = year is { } y ? FormattableString.Invariant($"{period}/{y}") : period;
            await Downloads.AuditAsync(db, time, actor, $"period-report.{kind}", alliance, scope, data.Value!.Approval.CurrentHash, ct);
            var name = $"{alliance}-{scope.Replace('/', '-')}-{language.Culture.TwoLetterISOLanguageName}.{kind}";
            return TypedResults.File(bytes, contentType, name);
        })
        .Produces(StatusCodes.Status200OK, contentType: "application/pdf")
        .Produces(StatusCodes.Status200OK, contentType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
        .WithSummary("The period (or year) report as PDF (format=pdf) or its numbers as an Excel workbook (format=xlsx; the ledger of ?party=, default the reader's own), in Finnish (lang=fi, default) or English (lang=en)");
        return group;
    }
}

/// <summary>Writes a document download to the audit log.</summary>
internal static class Downloads
{
    public const string Action = "download-report";

    public static async Task AuditAsync(AllianssiDbContext db, TimeProvider time, Actor actor, string document, string alliance, string scope, string? resultHash, CancellationToken ct)
    {
        AuditLog.Record(db, time, actor, Action, "report", $"{alliance}/{scope}", null, new { document, alliance, scope, resultHash });
        await db.SaveChangesAsync(ct);
    }
}
