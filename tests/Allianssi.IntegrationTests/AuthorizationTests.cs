using System.Net;
using System.Net.Http.Json;

namespace Allianssi.IntegrationTests;

/// <summary>Every role and anonymous against every endpoint group, on SQLite and PostgreSQL.</summary>
public abstract class AuthorizationTests(AppFixture app)
{
    private const string A = "/api/alliances/tesoma";

    /// <summary>The users: anonymous, then one per role (leadership and analysts of several parties).</summary>
    public static readonly string?[] Users =
    [
        null, "tampere.viewer", "tampere.analyst", "mehilainen.analyst", "tampere.controller",
        "tampere.leadership", "pirha.leadership", "mehilainen.leadership", "admin",
    ];

    /// <summary>Endpoint groups with the users that may call them (everyone else signed in gets 403; anonymous 401).</summary>
    private static readonly Dictionary<string, (Func<HttpRequestMessage> Request, string[] Allowed)> Endpoints = new()
    {
        ["alliances.list"] = (() => new(HttpMethod.Get, "/api/alliances"), Readers),
        ["alliances.overview"] = (() => new(HttpMethod.Get, A), Readers),
        ["scorecard"] = (() => new(HttpMethod.Get, $"{A}/periods/P2/scorecard?year=2023"), Readers),
        ["settlement"] = (() => new(HttpMethod.Get, $"{A}/periods/P2/settlement"), Readers),
        ["what-if"] = (() => new(HttpMethod.Post, $"{A}/periods/P2/what-if") { Content = JsonContent.Create(new { values = new Dictionary<string, Dictionary<int, decimal?>> { ["nps"] = new() { [2023] = 90m } } }) }, Readers),
        ["ledger.list"] = (() => new(HttpMethod.Get, $"{A}/ledger?party=mehilainen&year=2023"), Readers),
        ["adjustments.list"] = (() => new(HttpMethod.Get, $"{A}/adjustments"), Readers),
        ["adjustments.record-for-tampere"] = (() => new(HttpMethod.Post, $"{A}/adjustments") { Content = JsonContent.Create(new { purchaser = "tampere", year = 2023, amount = -1000m, reason = "test", decision = "test decision" }) }, ["tampere.leadership", "admin"]),
        ["target-costs.set-for-pirha"] = (() => new(HttpMethod.Put, $"{A}/target-costs") { Content = JsonContent.Create(new { purchaser = "pirha", year = 2023, amount = 5900000m }) }, ["pirha.leadership", "admin"]),
        ["ledger.add-for-mehilainen"] = (() => new(HttpMethod.Post, $"{A}/ledger") { Content = JsonContent.Create(new { party = "mehilainen", year = 2023, account = "Test", amount = 1m, reimbursable = true }) }, ["mehilainen.analyst", "admin"]),
        ["configuration.indicator-value"] = (() => new(HttpMethod.Put, $"{A}/configuration/indicator-values") { Content = JsonContent.Create(new { indicator = "nps", year = 2023, value = 61m }) }, ["tampere.analyst", "mehilainen.analyst", "admin"]),
        ["configuration.levels"] = (() => new(HttpMethod.Put, $"{A}/configuration/levels") { Content = JsonContent.Create(new { indicator = "nps", year = 2018, minus100 = 20m, zero = 50m, plus100 = 80m }) }, Leadership),
        ["configuration.weights"] = (() => new(HttpMethod.Put, $"{A}/configuration/weights") { Content = JsonContent.Create(new { kras = new Dictionary<string, decimal>(), indicators = new Dictionary<string, decimal>() }) }, Leadership),
        ["configuration.period-parameter"] = (() => new(HttpMethod.Put, $"{A}/configuration/period-parameters") { Content = JsonContent.Create(new { period = "P2", name = "hba1cMax", value = 53m }) }, ["tampere.analyst", "mehilainen.analyst", "admin"]),
        // The suppression threshold is the leadership's alone: not through the analysts' parameter endpoint, and not the admin's.
        ["configuration.period-parameter-minimum-count"] = (() => new(HttpMethod.Put, $"{A}/configuration/period-parameters") { Content = JsonContent.Create(new { period = "P2", name = "minimumCount", value = 5m }) }, []),
        ["configuration.minimum-count"] = (() => new(HttpMethod.Put, $"{A}/configuration/minimum-count") { Content = JsonContent.Create(new { period = "P2", value = 6m }) }, ["tampere.leadership", "pirha.leadership", "mehilainen.leadership"]),
        ["configuration.public-funding-ceiling"] = (() => new(HttpMethod.Put, $"{A}/configuration/public-funding-ceiling") { Content = JsonContent.Create(new { amount = 140_000_000m, from = "2018-04-01", to = "2028-03-31" }) }, Leadership),
        ["audit"] = (() => new(HttpMethod.Get, "/api/audit"), ["admin"]),
        ["users.list"] = (() => new(HttpMethod.Get, $"{A}/users"), ["admin"]),
        ["users.create"] = (() => new(HttpMethod.Post, $"{A}/users") { Content = JsonContent.Create(new { userName = $"new.{Guid.NewGuid():N}", password = "New-user-1!", role = "viewer", party = "setlementti" }) }, ["admin"]),
        ["users.change"] = (() => new(HttpMethod.Patch, $"{A}/users/tampere.viewer") { Content = JsonContent.Create(new { role = "viewer" }) }, ["admin"]),
    };

    private static string[] Readers => [.. Users.OfType<string>()];

    /// <summary>Any party's leadership member, and the admin: the alliance's weights and levels are a leadership decision.</summary>
    private static string[] Leadership => ["tampere.leadership", "pirha.leadership", "mehilainen.leadership", "admin"];

    public static TheoryData<string, string> Cases()
    {
        var data = new TheoryData<string, string>();
        foreach (var endpoint in Endpoints.Keys)
        {
            foreach (var user in Users)
            {
                data.Add(endpoint, user ?? "anonymous");
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task GivenRole_WhenCallingEndpointGroup_ThenOnlyAllowedRolesSucceed(string endpoint, string user)
    {
        app.SkipIfUnavailable();
        var (request, allowed) = Endpoints[endpoint];
        var client = await app.ClientForAsync(user == "anonymous" ? null : user);

        var response = await client.SendAsync(request(), TestContext.Current.CancellationToken);

        var expected = user == "anonymous" ? HttpStatusCode.Unauthorized
            : allowed.Contains(user) ? HttpStatusCode.OK
            : HttpStatusCode.Forbidden;
        var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.True(expected == response.StatusCode, $"{user} on {endpoint}: expected {expected}, got {response.StatusCode}: {body}");
        // A refusal is a ProblemDetails with a stable code: not signed in, the endpoint's policy refusing the role, or
        // the use case's own rule (forbidden.levels, forbidden.ledgerOfOtherParty...).
        if (expected != HttpStatusCode.OK)
        {
            using var problem = System.Text.Json.JsonDocument.Parse(body);
            var code = problem.RootElement.GetProperty("code").GetString()!;
            if (expected == HttpStatusCode.Unauthorized)
            {
                Assert.Equal("unauthorized.notSignedIn", code);
            }
            else
            {
                Assert.StartsWith("forbidden.", code, StringComparison.Ordinal);
            }
        }
    }

    [Fact]
    public async Task GivenForbiddenChange_WhenCalled_ThenProblemDetailsAndNothingSaved()
    {
        app.SkipIfUnavailable();
        var client = await app.ClientForAsync("tampere.analyst");
        var before = await client.GetFromJsonAsync<List<Dictionary<string, object>>>($"{A}/ledger?party=mehilainen", TestContext.Current.CancellationToken);

        var response = await client.PostAsJsonAsync($"{A}/ledger", new { party = "mehilainen", year = 2022, account = "X", amount = 5m, reimbursable = true }, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var after = await client.GetFromJsonAsync<List<Dictionary<string, object>>>($"{A}/ledger?party=mehilainen", TestContext.Current.CancellationToken);
        Assert.Equal(before!.Count, after!.Count);
    }

    [Fact]
    public async Task GivenNonMonotoneLevels_WhenSaved_ThenValidationProblemNamesTheIndicator()
    {
        app.SkipIfUnavailable();
        var client = await app.ClientForAsync("admin");

        var response = await client.PutAsJsonAsync($"{A}/configuration/levels", new { indicator = "nps", year = 2020, minus100 = 50m, zero = 20m, plus100 = 80m }, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.Contains("levels", body, StringComparison.Ordinal);
        Assert.Contains("nps", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GivenNonMonotoneWhatIfLevels_WhenRun_ThenTheScratchErrorsNameTheIndicatorAndYear()
    {
        app.SkipIfUnavailable();
        var client = await app.ClientForAsync("tampere.viewer");
        var levels = new Dictionary<string, Dictionary<int, object>> { ["nps"] = new() { [2023] = new { minus100 = 20m, zero = 20m, plus100 = 80m } } };

        var response = await client.PostAsJsonAsync($"{A}/periods/P2/what-if", new { levels }, TestContext.Current.CancellationToken);

        // The real scorecard still answers; the scratch one is refused with the field named.
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.Contains("\"levels.nps.2023\"", body, StringComparison.Ordinal);
        Assert.Contains("must be strictly monotone; got 20, 20, 80", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GivenLeadership_WhenRecordingAdjustment_ThenSettlementTargetCostMovesAndAuditRecordsIt()
    {
        app.SkipIfUnavailable();
        var client = await app.ClientForAsync("tampere.leadership");
        var before = await client.GetFromJsonAsync<Dictionary<string, System.Text.Json.JsonElement>>($"{A}/periods/P2/settlement?year=2022", TestContext.Current.CancellationToken);

        var response = await client.PostAsJsonAsync($"{A}/adjustments", new { purchaser = "tampere", year = 2022, amount = -5000m, reason = "Integration test", decision = "Leadership team 1.2.2022" }, TestContext.Current.CancellationToken);
        response.EnsureSuccessStatusCode();

        var after = await client.GetFromJsonAsync<Dictionary<string, System.Text.Json.JsonElement>>($"{A}/periods/P2/settlement?year=2022", TestContext.Current.CancellationToken);
        Assert.Equal(before!["targetCost"].GetDecimal() - 5000m, after!["targetCost"].GetDecimal());
        var admin = await app.ClientForAsync("admin");
        var audit = await admin.GetStringAsync("/api/audit", TestContext.Current.CancellationToken);
        Assert.Contains("record-adjustment", audit, StringComparison.Ordinal);
        Assert.Contains("tampere.leadership", audit, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GivenOpenApi_WhenRequested_ThenDocumentListsTheApiAndTheBrowsablePageIsServed()
    {
        app.SkipIfUnavailable();
        var client = await app.ClientForAsync(null);
        var doc = await client.GetStringAsync("/openapi/v1.json", TestContext.Current.CancellationToken);
        Assert.Contains("/api/alliances/{alliance}/periods/{period}/settlement", doc, StringComparison.Ordinal);
        var browsable = await client.GetAsync("/api/docs/v1", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, browsable.StatusCode);
    }
}

public sealed class SqliteAuthorizationTests(SqliteFixture app) : AuthorizationTests(app), IClassFixture<SqliteFixture>;

public sealed class PostgresAuthorizationTests(PostgresFixture app) : AuthorizationTests(app), IClassFixture<PostgresFixture>;
