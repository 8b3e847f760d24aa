using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Unicode;
using Allianssi.Application.Data;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Localization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace Allianssi.Web.Infrastructure;

/// <summary>
/// Answers a request that read a stored row the domain refuses (<see cref="StoredDataException"/>, e.g. a period stored
/// with its start after its end) with 500 and the error's stable code and rows: a ProblemDetails under <c>/api</c>
/// (<c>code</c>, <c>rows</c>, and the English text as <c>detail</c>), a short page in the user's language elsewhere.
/// The rows are named by their codes only (an alliance, a period); no person data is in the error.
/// </summary>
internal sealed class StoredDataExceptionHandler(IProblemDetailsService problems, IStringLocalizer<Strings> text) : IExceptionHandler
{
    /// <summary>The <c>type</c> of the ProblemDetails: RFC 9110's 500 Internal Server Error.</summary>
    public const string ProblemType = "https://tools.ietf.org/html/rfc9110#section-15.6.1";

    /// <summary>Encodes markup characters only, so Finnish letters stay readable in the page source.</summary>
    private static readonly HtmlEncoder Html = HtmlEncoder.Create(UnicodeRanges.All);

    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is not StoredDataException stored || httpContext.Response.HasStarted)
        {
            return false;
        }

        httpContext.Response.StatusCode = StatusCodes.Status500InternalServerError;
        var rows = string.Join(", ", stored.Rows);
        if (httpContext.Request.Path.StartsWithSegments("/api"))
        {
            var details = new ProblemDetails
            {
                Status = StatusCodes.Status500InternalServerError,
                Type = ProblemType,
                Title = "Stored data cannot be read",
                Detail = stored.Message,
                Extensions = { ["code"] = stored.Code, ["rows"] = stored.Rows, ["fields"] = stored.Fields },
            };
            if (!await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = httpContext, ProblemDetails = details }))
            {
                await httpContext.Response.WriteAsJsonAsync(details, (System.Text.Json.JsonSerializerOptions?)null, "application/problem+json", cancellationToken);
            }

            return true;
        }

        var culture = httpContext.Features.Get<IRequestCultureFeature>()?.RequestCulture.UICulture ?? Cultures.Supported[0];
        CultureInfo.CurrentUICulture = culture;
        var title = Html.Encode(text["StoredDataTitle"]);
        var body = Html.Encode(string.Format(culture, text["StoredDataText"], stored.Code, rows));
        httpContext.Response.ContentType = "text/html; charset=utf-8";
        await httpContext.Response.WriteAsync(
            $"<!DOCTYPE html><html lang=\"{culture.TwoLetterISOLanguageName}\"><head><meta charset=\"utf-8\"><title>{title}</title></head><body>"
            + $"<main class=\"stored-data-refused\"><h1>{title}</h1><p>{body}</p></main></body></html>",
            cancellationToken);
        return true;
    }
}
