using Allianssi.Application.Security;
using Allianssi.Application.UseCases.Imports;
using Allianssi.Import;
using Allianssi.Import.Diagnostics;
using Allianssi.Web.Infrastructure;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Localization;
using Microsoft.Net.Http.Headers;

namespace Allianssi.Web.Endpoints;

/// <summary>
/// Import batches: upload (multipart, streamed to a temporary file, never buffered in memory),
/// history, diagnostics (JSON and CSV) and revert. Who may import what: <see cref="ImportRules"/>.
/// </summary>
internal static class ImportEndpoints
{
    public static RouteGroupBuilder MapImportEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/imports").WithTags("Imports")
            .RequireAuthorization(p => p.RequireAuthenticatedUser().RequireRole([.. ImportRules.ImportingRoles]));

        group.MapPost("/", UploadAsync)
            .WithMetadata(new DisableRequestSizeLimitAttribute())
            .DisableAntiforgery()
            .Accepts<IFormFile>("multipart/form-data")
            .WithSummary("Import one extract: multipart fields dataset, dryRun, replace and the file");
        group.MapGet("/", async (ListBatches useCase, HttpContext http, CancellationToken ct) =>
            (await useCase.ExecuteAsync(Actor.FromPrincipal(http.User), ct: ct)).ToHttp());
        group.MapGet("/{id:long}/diagnostics", async (long id, GetBatchDiagnostics useCase, HttpContext http, CancellationToken ct) =>
            (await useCase.ExecuteAsync(id, Actor.FromPrincipal(http.User), ct)).ToHttp());
        group.MapGet("/{id:long}/diagnostics.csv", DiagnosticsCsvAsync);
        group.MapPost("/{id:long}/revert", async (long id, RevertBatch useCase, HttpContext http, CancellationToken ct) =>
            (await useCase.ExecuteAsync(id, Actor.FromPrincipal(http.User), ct)).ToHttp());
        return group;
    }

    private static async Task<Results<FileContentHttpResult, NotFoundProblem, ValidationProblem, ProblemHttpResult>> DiagnosticsCsvAsync(
        long id, GetBatchDiagnostics useCase, IStringLocalizer<Strings> text, HttpContext http, CancellationToken ct)
    {
        var outcome = await useCase.ExecuteAsync(id, Actor.FromPrincipal(http.User), ct);
        if (!outcome.IsOk)
        {
            return outcome.ToHttp() switch
            {
                { Result: NotFoundProblem notFound } => notFound,
                { Result: ValidationProblem invalid } => invalid,
                { Result: ProblemHttpResult problem } => problem,
                _ => TypedResults.Problem(statusCode: StatusCodes.Status500InternalServerError),
            };
        }

        // In the reader's language, as the page shows them (the invariant form is GetBatchDiagnostics.ToCsv, for programs).
        var csv = DiagnosticsCsv.Bytes(outcome.Value!, text);
        return TypedResults.File(csv, "text/csv; charset=utf-8", $"batch-{id}-diagnostics.csv");
    }

    /// <summary>The import's answer: the counts, the outcome and every diagnostic.</summary>
    internal sealed record ImportResponse(
        long? Batch, string Dataset, string Outcome, int RowsRead, int Accepted, int Rejected, int Duplicates, int Conflicts, int Replaced,
        string? Sha256, long? SameAsBatch, string? Dialect, IReadOnlyList<Diagnostic> Diagnostics)
    {
        public static ImportResponse From(ImportResult r) => new(
            r.Batch, r.Dataset, r.Outcome.ToString().ToLowerInvariant(), r.RowsRead, r.Accepted, r.Rejected, r.Duplicates, r.Conflicts, r.Replaced,
            r.Sha256, r.SameAsBatch, r.Dialect, r.Diagnostics);
    }

    /// <summary>
    /// 200 with the result when the file was read (rows may still be rejected); 422 with the same body when the file as a
    /// whole was refused (a missing column, a reader's limit, a malformed quote, a hostile archive), its diagnostics saying why.
    /// </summary>
    private static async Task<Results<Ok<ImportResponse>, UnprocessableEntity<ImportResponse>, NotFoundProblem, ValidationProblem, ProblemHttpResult>> UploadAsync(
        HttpContext http, ImportExtract useCase, IAntiforgery antiforgery, CancellationToken ct)
    {
        // A browser sends its cookie with cross-site form posts, never an Authorization header: uploads without a bearer token need the antiforgery token.
        var bearer = http.Request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase);
        if (!bearer && !await antiforgery.IsRequestValidAsync(http))
        {
            return TypedResults.Problem(title: "Antiforgery token missing or invalid", statusCode: StatusCodes.Status400BadRequest);
        }

        var boundary = http.Request.ContentType is { } type && MediaTypeHeaderValue.TryParse(type, out var media) ? HeaderUtilities.RemoveQuotes(media.Boundary).Value : null;
        if (string.IsNullOrEmpty(boundary))
        {
            return Invalid("file", "Send multipart/form-data with the fields dataset, dryRun, replace and file.");
        }

        string? dataset = null, fileName = null;
        bool dryRun = false, replace = false;
        await using var spool = new FileStream(Path.GetTempFileName(), FileMode.Create, FileAccess.ReadWrite, FileShare.None, 1 << 16, FileOptions.DeleteOnClose);
        var reader = new MultipartReader(boundary, http.Request.Body);
        while (await reader.ReadNextSectionAsync(ct) is { } section)
        {
            if (!ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out var disposition))
            {
                continue;
            }

            var name = HeaderUtilities.RemoveQuotes(disposition.Name).Value;
            if (disposition.IsFileDisposition())
            {
                fileName = HeaderUtilities.RemoveQuotes(disposition.FileName).Value ?? HeaderUtilities.RemoveQuotes(disposition.FileNameStar).Value ?? "upload";
                await section.Body.CopyToAsync(spool, 1 << 16, ct);
                continue;
            }

            using var text = new StreamReader(section.Body);
            var value = (await text.ReadToEndAsync(ct)).Trim();
            switch (name?.ToLowerInvariant())
            {
                case "dataset":
                    dataset = value;
                    break;
                case "dryrun":
                    dryRun = bool.TryParse(value, out var d) && d || value == "on" || value == "1";
                    break;
                case "replace":
                    replace = bool.TryParse(value, out var r) && r || value == "on" || value == "1";
                    break;
            }
        }

        if (string.IsNullOrWhiteSpace(dataset))
        {
            return Invalid("dataset", "Name the dataset, e.g. visits.");
        }

        if (fileName is null)
        {
            return Invalid("file", "Attach the extract as the file field.");
        }

        spool.Position = 0;
        var outcome = await useCase.ExecuteAsync(new ImportExtractCommand(dataset, spool, Path.GetFileName(fileName)) { DryRun = dryRun, Replace = replace },
            Actor.FromPrincipal(http.User), ct);
        if (outcome.IsOk)
        {
            var response = ImportResponse.From(outcome.Value!);
            return outcome.Value!.Outcome == ImportOutcome.Refused ? TypedResults.UnprocessableEntity(response) : TypedResults.Ok(response);
        }

        return outcome.ToHttp() switch
        {
            { Result: NotFoundProblem notFound } => notFound,
            { Result: ValidationProblem invalid } => invalid,
            { Result: ProblemHttpResult problem } => problem,
            _ => TypedResults.Problem(statusCode: StatusCodes.Status500InternalServerError),
        };
    }

    private static ValidationProblem Invalid(string field, string message) =>
        TypedResults.ValidationProblem(new Dictionary<string, string[]> { [field] = [message] }, title: "The request is not valid");
}
