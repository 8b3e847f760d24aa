using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Components.Endpoints;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Allianssi.IntegrationTests.Trust;

/// <summary>
/// The authorization matrix, generated from the application's own endpoint list: every endpoint
/// (the /api, the pages, the sign-in and culture forms, the public page) except static files, the
/// Blazor framework's own and the API documentation, called by anonymous and by each role. The expected rule of each
/// endpoint (method and route pattern) is in <see cref="Rules"/>; an endpoint without a rule fails,
/// and so does a rule without an endpoint.
/// </summary>
public abstract class EndpointMatrixTests(AppFixture app)
{
    private const string Anonymous = "anonymous";

    /// <summary>One user per role (all of the same party, so own-party checks do not interfere).</summary>
    private static readonly string[] Users = [Anonymous, "tampere.viewer", "tampere.analyst", "tampere.controller", "tampere.leadership", "admin"];

    private static readonly string[] Everyone = Users;
    private static readonly string[] SignedIn = [.. Users.Skip(1)];
    private static readonly string[] Analysts = ["tampere.analyst", "admin"];
    private static readonly string[] Leaders = ["tampere.leadership", "admin"];
    private static readonly string[] LeadershipOnly = ["tampere.leadership"];
    private static readonly string[] Importers = ["tampere.analyst", "tampere.controller", "admin"];
    private static readonly string[] ControllerOnly = ["tampere.controller"];
    private static readonly string[] AdminOnly = ["admin"];

    /// <summary>Who gets past authorization, by "METHOD /route/pattern" (pages: "PAGE /path").</summary>
    private static readonly Dictionary<string, string[]> Rules = new(StringComparer.Ordinal)
    {
        ["POST /api/auth/token"] = Everyone,
        ["GET /api/auth/me"] = SignedIn,
        ["GET /api/alliances"] = SignedIn,
        ["GET /api/alliances/{alliance}"] = SignedIn,
        ["GET /api/alliances/{alliance}/users"] = AdminOnly,
        ["POST /api/alliances/{alliance}/users"] = AdminOnly,
        ["PATCH /api/alliances/{alliance}/users/{userName}"] = AdminOnly,
        ["GET /api/alliances/{alliance}/adjustments"] = SignedIn,
        ["POST /api/alliances/{alliance}/adjustments"] = Leaders,
        ["PUT /api/alliances/{alliance}/target-costs"] = Leaders,
        ["GET /api/alliances/{alliance}/ledger"] = SignedIn,
        ["POST /api/alliances/{alliance}/ledger"] = Analysts,
        ["PUT /api/alliances/{alliance}/ledger/{id:int}"] = Analysts,
        ["DELETE /api/alliances/{alliance}/ledger/{id:int}"] = Analysts,
        ["PUT /api/alliances/{alliance}/configuration/indicator-values"] = Analysts,
        ["PUT /api/alliances/{alliance}/configuration/levels"] = Leaders,
        ["PUT /api/alliances/{alliance}/configuration/weights"] = Leaders,
        ["PUT /api/alliances/{alliance}/configuration/period-parameters"] = Analysts,
        ["PUT /api/alliances/{alliance}/configuration/minimum-count"] = LeadershipOnly,
        ["PUT /api/alliances/{alliance}/configuration/public-funding-ceiling"] = Leaders,
        ["GET /api/alliances/{alliance}/periods/{period}/scorecard"] = SignedIn,
        ["GET /api/alliances/{alliance}/periods/{period}/settlement"] = SignedIn,
        ["POST /api/alliances/{alliance}/periods/{period}/what-if"] = SignedIn,
        ["GET /api/alliances/{alliance}/periods/{period}/approval"] = SignedIn,
        ["POST /api/alliances/{alliance}/periods/{period}/approval"] = LeadershipOnly,
        ["POST /api/alliances/{alliance}/periods/{period}/approval/reopen"] = LeadershipOnly,
        ["GET /api/alliances/{alliance}/periods/{period}/approval/snapshot"] = SignedIn,
        ["GET /api/alliances/{alliance}/periods/{period}/report"] = SignedIn,
        ["GET /api/alliances/{alliance}/public-funding"] = SignedIn,
        ["GET /api/audit"] = AdminOnly,
        ["GET /api/audit/verify"] = AdminOnly,
        ["POST /api/imports"] = Importers,
        ["GET /api/imports"] = Importers,
        ["GET /api/imports/{id:long}/diagnostics"] = Importers,
        ["GET /api/imports/{id:long}/diagnostics.csv"] = Importers,
        ["POST /api/imports/{id:long}/revert"] = Importers,
        ["POST /api/indicators/compute"] = Analysts,
        ["GET /api/indicators/{id}/results"] = SignedIn,
        ["GET /api/indicators/{id}/care-gaps"] = ControllerOnly,
        ["GET /api/indicators/custom"] = SignedIn,
        ["POST /api/indicators/custom"] = Analysts,
        ["POST /api/indicators/custom/{code}/publish"] = LeadershipOnly,
        ["POST /api/indicators/custom/{code}/withdraw"] = LeadershipOnly,
        ["GET /api/jobs/{id:long}"] = Analysts,
        ["GET /api/demo-data"] = SignedIn,
        ["POST /api/jobs/{id:long}/cancel"] = Analysts,
        ["GET /api/public/{alliance}"] = Everyone,
        // Organiser payments: the matrix's users are tampere's, a provider and the member 837's party in the demo
        // model, so they read; the model and issuing are the organiser's (pirha's) controllers' (OrganiserApiTests).
        ["GET /api/alliances/{alliance}/organiser/models"] = SignedIn,
        ["GET /api/alliances/{alliance}/organiser/models/{year:int}"] = SignedIn,
        ["PUT /api/alliances/{alliance}/organiser/models/{year:int}"] = AdminOnly,
        ["GET /api/alliances/{alliance}/organiser/{year:int}/capitation"] = SignedIn,
        // Person-level: the organiser's (pirha's) controllers only, not admins (OrganiserApiTests).
        ["POST /api/alliances/{alliance}/organiser/{year:int}/capitation/person-month"] = [],
        ["GET /api/alliances/{alliance}/organiser/{year:int}/triple-aim"] = SignedIn,
        ["GET /api/alliances/{alliance}/organiser/{year:int}/invoices"] = SignedIn,
        ["POST /api/alliances/{alliance}/organiser/{year:int}/invoices/issue"] = AdminOnly,
        ["GET /api/alliances/{alliance}/organiser/{year:int}/invoices/issued"] = SignedIn,
        ["GET /api/alliances/{alliance}/organiser/{year:int}/invoices/issued/{number:int}"] = SignedIn,
        ["GET /api/alliances/{alliance}/organiser/{year:int}/invoices/{municipality}/pdf"] = SignedIn,
        ["GET /api/alliances/{alliance}/organiser/{year:int}/invoices.xlsx"] = SignedIn,
        ["PAGE /organiser/capitation"] = SignedIn,
        ["PAGE /organiser/triple-aim"] = SignedIn,
        ["PAGE /organiser/invoices"] = SignedIn,
        ["PAGE /organiser/model"] = SignedIn,
        ["PAGE /"] = SignedIn,
        ["PAGE /scorecard"] = SignedIn,
        ["PAGE /settlement"] = SignedIn,
        ["PAGE /what-if"] = SignedIn,
        ["PAGE /configuration"] = SignedIn,
        ["PAGE /imports"] = Importers,
        ["PAGE /indicators"] = SignedIn,
        ["PAGE /indicators/{id}/benchmark"] = SignedIn,
        ["PAGE /indicators/custom"] = ["tampere.analyst", "tampere.leadership", "admin"],
        ["PAGE /indicators/{id}/care-gaps"] = ControllerOnly,
        ["PAGE /users"] = AdminOnly,
        ["PAGE /audit"] = AdminOnly,
        ["PAGE /account/login"] = Everyone,
        ["PAGE /account/setup"] = Everyone,
        ["PAGE /account/denied"] = Everyone,
        ["GET /public"] = Everyone,
        ["POST /account/login"] = Everyone,
        ["POST /account/logout"] = Everyone,
        ["POST /account/setup"] = Everyone,
        ["GET /culture"] = Everyone,
    };

    /// <summary>Endpoints that accept only multipart forms (routing answers 415 to anything else before authorization).</summary>
    private static readonly HashSet<string> Multipart = new(StringComparer.Ordinal) { "POST /api/imports" };

    /// <summary>The endpoints the running application maps: endpoints by method, and pages.</summary>
    private List<(string Key, string Method, string Pattern)> Discover()
    {
        var sources = app.Services.GetRequiredService<EndpointDataSource>();
        var result = new List<(string Key, string Method, string Pattern)>();
        foreach (var endpoint in sources.Endpoints.OfType<RouteEndpoint>())
        {
            var raw = "/" + (endpoint.RoutePattern.RawText ?? "").Trim('/');
            if (endpoint.Metadata.GetMetadata<ComponentTypeMetadata>() is not null)
            {
                result.Add(($"PAGE {raw}", "GET", raw));
                continue;
            }

            // The browsable API reference and the OpenAPI document are public documentation; static
            // files (a name with an extension outside /api) and the Blazor framework's endpoints
            // (/_blazor, /_framework) carry no data.
            var isApi = raw.StartsWith("/api/", StringComparison.Ordinal);
            if (raw.StartsWith("/api/docs", StringComparison.Ordinal) || raw.StartsWith("/openapi", StringComparison.Ordinal)
                || raw.StartsWith("/_", StringComparison.Ordinal) || (!isApi && (Path.HasExtension(raw) || raw.Contains(":file}", StringComparison.Ordinal))))
            {
                continue;
            }

            foreach (var method in endpoint.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["GET"])
            {
                result.Add(($"{method} {raw}", method, raw));
            }
        }

        return result.Distinct().OrderBy(e => e.Item1, StringComparer.Ordinal).ToList();
    }

    [Fact]
    public void GivenTheEndpointList_WhenComparedWithTheRules_ThenEveryEndpointHasARuleAndEveryRuleAnEndpoint()
    {
        app.SkipIfUnavailable();
        var endpoints = Discover().Select(e => e.Key).ToList();

        var withoutRule = endpoints.Where(e => !Rules.ContainsKey(e)).ToList();
        var withoutEndpoint = Rules.Keys.Where(r => !endpoints.Contains(r)).ToList();

        Assert.True(withoutRule.Count == 0, "Endpoints without an authorization rule (add them to Rules): " + string.Join(", ", withoutRule));
        Assert.True(withoutEndpoint.Count == 0, "Rules without an endpoint: " + string.Join(", ", withoutEndpoint));
    }

    [Fact]
    public async Task GivenEveryEndpointAndEveryRole_WhenCalled_ThenOnlyTheRuleLetsThrough()
    {
        app.SkipIfUnavailable();
        var failures = new List<string>();
        var calls = 0;
        foreach (var (key, method, pattern) in Discover())
        {
            var allowed = Rules.GetValueOrDefault(key) ?? [];
            foreach (var user in Users)
            {
                var client = await app.ClientForAsync(user == Anonymous ? null : user);
                using var request = new HttpRequestMessage(new HttpMethod(method), Fill(pattern));
                if (method is "POST" or "PUT")
                {
                    request.Content = key == "POST /api/auth/token"
                        ? JsonContent.Create(new { userName = "tampere.viewer", password = AppFixture.Password })
                        : Multipart.Contains(key) ? new MultipartFormDataContent() : JsonContent.Create(new { });
                }

                using var response = await client.SendAsync(request, TestContext.Current.CancellationToken);
                calls++;
                var outcome = Classify(key, response);
                var expected = allowed.Contains(user) ? "through" : user == Anonymous ? "unauthenticated" : "forbidden";
                if (outcome != expected)
                {
                    failures.Add($"{key} as {user}: expected {expected}, got {outcome} ({(int)response.StatusCode})");
                }
            }
        }

        Assert.True(calls > 200, $"only {calls} calls");
        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures));
    }

    /// <summary>Route values that exist (or, for numeric ids, surely do not: a 404 is "through").</summary>
    private static string Fill(string pattern) => pattern
        .Replace("{alliance}", "tesoma", StringComparison.Ordinal)
        .Replace("{period}", "P3", StringComparison.Ordinal)
        .Replace("{id:int}", "999999", StringComparison.Ordinal)
        .Replace("{id:long}", "999999", StringComparison.Ordinal)
        .Replace("{year:int}", "2023", StringComparison.Ordinal)
        .Replace("{number:int}", "999999", StringComparison.Ordinal)
        .Replace("{municipality}", "837", StringComparison.Ordinal)
        .Replace("{id}", "chronic_care_plan", StringComparison.Ordinal)
        .Replace("{code}", "no_such_indicator", StringComparison.Ordinal);

    private static string Classify(string key, HttpResponseMessage response)
    {
        var location = response.Headers.Location?.OriginalString ?? "";
        if (key.StartsWith("PAGE ", StringComparison.Ordinal) && response.StatusCode == HttpStatusCode.Redirect)
        {
            return location.Contains("/account/login", StringComparison.Ordinal) ? "unauthenticated"
                : location.Contains("/account/denied", StringComparison.Ordinal) ? "forbidden"
                : "through";
        }

        return response.StatusCode switch
        {
            HttpStatusCode.Unauthorized => "unauthenticated",
            HttpStatusCode.Forbidden => "forbidden",
            _ => "through",
        };
    }
}

public sealed class SqliteEndpointMatrixTests(SqliteFixture app) : EndpointMatrixTests(app), IClassFixture<SqliteFixture>;

public sealed class PostgresEndpointMatrixTests(PostgresFixture app) : EndpointMatrixTests(app), IClassFixture<PostgresFixture>;
