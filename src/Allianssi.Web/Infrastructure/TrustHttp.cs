using System.Threading.RateLimiting;
using Allianssi.Application;
using Allianssi.Application.Data;
using Allianssi.Application.UseCases.Approvals;
using Allianssi.Application.UseCases.PublicResults;
using Allianssi.Import.Identity;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Localization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;

namespace Allianssi.Web.Infrastructure;

/// <summary>
/// The web protections of the trust work: conflicts as 409 ProblemDetails, sign-in rate limiting and
/// lockout, security headers, the output cache of the public page, and the start-up check of secrets.
/// </summary>
internal static class TrustHttp
{
    /// <summary>The rate-limiter policy on the sign-in endpoints.</summary>
    public const string SignInPolicy = "sign-in";

    /// <summary>The output-cache policy of the public results.</summary>
    public const string PublicCachePolicy = "public";

    public static IServiceCollection AddAllianssiTrust(this IServiceCollection services, AllianssiOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        RequireSecrets(options);
        services.AddAccountSecurity();
        services.AddExceptionHandler<ConflictExceptionHandler>();
        // The one lockout setting (AllianssiOptions.Lockout), after Identity's own defaults (Program.cs registers those later).
        services.PostConfigure<IdentityOptions>(o =>
        {
            o.Lockout.AllowedForNewUsers = true;
            o.Lockout.MaxFailedAccessAttempts = options.Lockout.MaxFailedAttempts;
            o.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(options.Lockout.Minutes);
        });
        // The security headers send X-Frame-Options: DENY and frame-ancestors 'none' on every response.
        services.Configure<Microsoft.AspNetCore.Antiforgery.AntiforgeryOptions>(o => o.SuppressXFrameOptionsHeader = true);
        var permits = options.SignInRateLimit.PermitLimit;
        var window = TimeSpan.FromSeconds(options.SignInRateLimit.WindowSeconds);
        services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.OnRejected = async (context, ct) =>
            {
                if (context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retry))
                {
                    context.HttpContext.Response.Headers.RetryAfter = ((int)retry.TotalSeconds).ToString(System.Globalization.CultureInfo.InvariantCulture);
                }

                await context.HttpContext.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
                {
                    HttpContext = context.HttpContext,
                    ProblemDetails = new ProblemDetails
                    {
                        Status = StatusCodes.Status429TooManyRequests,
                        Title = "Too many sign-in attempts",
                        Detail = "Wait a minute before trying again.",
                    },
                });
            };
            // Per client address: slows password spraying; Identity's lockout stops guessing one account.
            o.AddPolicy(SignInPolicy, http => RateLimitPartition.GetFixedWindowLimiter(
                http.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                _ => new FixedWindowRateLimiterOptions { PermitLimit = permits, Window = window, QueueLimit = 0 }));
        });
        // Varied by the store's generation (a write in this process starts a new entry) and by the
        // culture cookie (the page's language; the query string's culture is covered by the query).
        services.AddOutputCache(o => o.AddPolicy(PublicCachePolicy, b => b
            .Expire(GetPublicResults.CacheExpiry)
            .SetVaryByQuery("*")
            .VaryByValue(http => new KeyValuePair<string, string>("generation", http.RequestServices.GetRequiredService<StoreChanges>().Generation.ToString(System.Globalization.CultureInfo.InvariantCulture)))
            .VaryByValue(http => new KeyValuePair<string, string>("culture", http.Request.Cookies[CookieRequestCultureProvider.DefaultCookieName] ?? ""))
            .Tag(PublicCachePolicy)));
        return services;
    }

    /// <summary>Security headers on every response, then the rate limiter and the output cache.</summary>
    public static WebApplication UseAllianssiTrust(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var development = app.Environment.IsDevelopment();
        app.Use((context, next) =>
        {
            // Set when the response starts, so these replace what endpoints add (Blazor's frame-ancestors 'self').
            context.Response.OnStarting(() =>
            {
                SetHeaders(context, development);
                return Task.CompletedTask;
            });
            return next(context);
        });
        app.UseRateLimiter();
        app.UseOutputCache();
        return app;
    }

    private static void SetHeaders(HttpContext context, bool development)
    {
        var headers = context.Response.Headers;
        headers.XContentTypeOptions = "nosniff";
        headers.XFrameOptions = "DENY";
        headers["Referrer-Policy"] = "no-referrer";
        headers["Cross-Origin-Opener-Policy"] = "same-origin";
        headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=()";
        // The API reference page loads its viewer from a CDN; everything else is served by the app itself.
        headers.ContentSecurityPolicy = context.Request.Path.StartsWithSegments("/api/docs")
            ? "default-src 'self'; script-src 'self' 'unsafe-inline' https://cdn.jsdelivr.net; style-src 'self' 'unsafe-inline' https://cdn.jsdelivr.net https://fonts.googleapis.com; font-src 'self' data: https://fonts.gstatic.com https://cdn.jsdelivr.net; img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'"
            : "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'; object-src 'none'";
        // Browsers ignore HSTS over plain HTTP, so it is safe to send behind a TLS-terminating proxy too.
        if (!development)
        {
            headers.StrictTransportSecurity = "max-age=31536000; includeSubDomains";
        }
    }

    /// <summary>
    /// Outside demo mode the secrets must be configured (environment or a secret store, never the
    /// repository): the pseudonymisation key, the retained uploads' encryption key and the operational
    /// store's connection string.
    /// </summary>
    internal static void RequireSecrets(AllianssiOptions options)
    {
        if (options.Demo)
        {
            return;
        }

        var missing = new List<string>();
        if (options.IsEmbeddedStore)
        {
            missing.Add("the operational store's connection string (ConnectionStrings__Operational)");
        }

        // The same options and loader as the code that uses the keys (ImportServices), so the check cannot pass a key it then ignores.
        foreach (var secret in new[] { SecretKey.Pseudonym, SecretKey.Upload })
        {
            if (!secret.IsConfigured(options.DataDirectory, options.Secret))
            {
                missing.Add($"the {secret.Description} ({secret.Sources})");
            }
        }

        if (missing.Count > 0)
        {
            throw new InvalidOperationException(
                "Allianssi cannot start outside demo mode without its secrets: " + string.Join("; ", missing)
                + ". Set them in the environment or a secret store (never in a committed file), or start with --demo.");
        }
    }
}

/// <summary>Answers a conflict with an approval or a lock as 409 ProblemDetails that names the lock and carries its <c>code</c>.</summary>
internal sealed class ConflictExceptionHandler(IProblemDetailsService problems) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is not ResultConflictException conflict)
        {
            return false;
        }

        httpContext.Response.StatusCode = StatusCodes.Status409Conflict;
        var details = new ProblemDetails
        {
            Status = StatusCodes.Status409Conflict,
            Title = conflict is ResultLockedException ? "The result is locked" : "Conflict",
            Detail = conflict.Message,
        };
        if (conflict.Code is { } code)
        {
            details.Extensions["code"] = code;
        }

        if (conflict is ResultLockedException { LockId: { } id })
        {
            details.Extensions["lockId"] = id;
        }

        return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = httpContext, ProblemDetails = details, Exception = exception });
    }
}
