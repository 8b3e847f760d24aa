using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Unicode;
using Allianssi.Application.UseCases.Indicators;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Localization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Localization;
using Npgsql;

namespace Allianssi.Web.Infrastructure;

/// <summary>
/// What the web process does about faults of the operational store: a database it cannot reach is
/// a 503 (ProblemDetails under <c>/api</c>, an error page elsewhere) until it is back, with no
/// restart; jobs that a killed process left unfinished are marked interrupted at start-up.
/// </summary>
/// <remarks>
/// Npgsql's pool recovers by itself: a pooled connection that the server closed fails once (a 503
/// like any other) and is dropped; new ones are opened once the server accepts them again. The fault
/// tests (tests/Allianssi.IntegrationTests/Faults) measure that without clearing the pool.
/// </remarks>
internal static class StoreFaults
{
    /// <summary>The seconds a client is asked to wait before trying again.</summary>
    public const int RetryAfterSeconds = 5;

    public static IServiceCollection AddStoreFaultHandling(this IServiceCollection services)
    {
        services.AddExceptionHandler<StoreUnavailableExceptionHandler>();
        services.AddExceptionHandler<StoredDataExceptionHandler>();
        services.AddScoped<MarkInterruptedJobs>();
        services.AddHostedService<InterruptedJobsOnStart>();
        return services;
    }

    /// <summary>
    /// Whether an exception (or one it wraps) says the operational store cannot be reached or is
    /// shutting down, rather than that a statement was wrong: connection refused or broken, timeouts,
    /// PostgreSQL's connection (08), operator intervention (57P) and too-many-connections (53300)
    /// states, SQLite's busy and locked.
    /// </summary>
    public static bool IsStoreUnavailable(Exception? exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            switch (e)
            {
                case PostgresException postgres:
                    return postgres.SqlState.StartsWith("08", StringComparison.Ordinal)
                        || postgres.SqlState.StartsWith("57P", StringComparison.Ordinal)
                        || postgres.SqlState == PostgresErrorCodes.TooManyConnections;
                case NpgsqlException npgsql when npgsql.IsTransient:
                    return true;
                case SqliteException sqlite:
                    return sqlite.SqliteErrorCode is 5 or 6; // SQLITE_BUSY, SQLITE_LOCKED
            }
        }

        return false;
    }
}

/// <summary>
/// Answers a request that failed because the operational store is unreachable with 503 and
/// <c>Retry-After</c>: a ProblemDetails for the API, a short page in the user's language for the pages.
/// Neither carries the exception's text, a stack trace or the connection string.
/// </summary>
internal sealed class StoreUnavailableExceptionHandler(IProblemDetailsService problems, IStringLocalizer<Strings> text) : IExceptionHandler
{
    /// <summary>The <c>type</c> of the ProblemDetails: RFC 9110's 503 Service Unavailable.</summary>
    public const string ProblemType = "https://tools.ietf.org/html/rfc9110#section-15.6.4";

    /// <summary>Encodes markup characters only, so Finnish letters stay readable in the page source.</summary>
    private static readonly HtmlEncoder Html = HtmlEncoder.Create(UnicodeRanges.All);

    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (!StoreFaults.IsStoreUnavailable(exception) || httpContext.Response.HasStarted)
        {
            return false;
        }

        httpContext.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        httpContext.Response.Headers.RetryAfter = StoreFaults.RetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
        if (httpContext.Request.Path.StartsWithSegments("/api"))
        {
            var details = new ProblemDetails
            {
                Status = StatusCodes.Status503ServiceUnavailable,
                Type = ProblemType,
                Title = "The database is unavailable",
                Detail = $"The operational store cannot be reached at the moment. Try again in {StoreFaults.RetryAfterSeconds} seconds.",
            };
            if (!await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = httpContext, ProblemDetails = details }))
            {
                await httpContext.Response.WriteAsJsonAsync(details, (System.Text.Json.JsonSerializerOptions?)null, "application/problem+json", cancellationToken);
            }

            return true;
        }

        // The localization middleware runs inside this handler's middleware; its choice is on the request.
        var culture = httpContext.Features.Get<IRequestCultureFeature>()?.RequestCulture.UICulture ?? Cultures.Supported[0];
        CultureInfo.CurrentUICulture = culture;
        var title = Html.Encode(text["StoreUnavailableTitle"]);
        var body = Html.Encode(string.Format(culture, text["StoreUnavailableText"], StoreFaults.RetryAfterSeconds));
        httpContext.Response.ContentType = "text/html; charset=utf-8";
        await httpContext.Response.WriteAsync(
            $"<!DOCTYPE html><html lang=\"{culture.TwoLetterISOLanguageName}\"><head><meta charset=\"utf-8\"><title>{title}</title></head><body>"
            + $"<main class=\"store-unavailable\"><h1>{title}</h1><p>{body}</p>"
            + "</main></body></html>",
            cancellationToken);
        return true;
    }
}

/// <summary>Marks the jobs an earlier process left queued or running as interrupted, before the server takes requests.</summary>
internal sealed partial class InterruptedJobsOnStart(IServiceScopeFactory scopes, ILogger<InterruptedJobsOnStart> log) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var count = await scope.ServiceProvider.GetRequiredService<MarkInterruptedJobs>().ExecuteAsync(cancellationToken);
        if (count > 0)
        {
            LogInterrupted(log, count);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Count} unfinished job(s) of an earlier process marked interrupted")]
    private static partial void LogInterrupted(ILogger logger, int count);
}
