using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Allianssi.IntegrationTests;

/// <summary>
/// The API's refusals carry the stable code a client keys on (issue 13 item 7): the ProblemDetails extension
/// <c>code</c> for not found, forbidden, conflict and unauthorized, and <c>codes</c> by field for validation,
/// including the 404s the endpoints answer themselves (the alliance, the report's period, the locked snapshot).
/// </summary>
public sealed class ErrorCodeApiTests(SqliteFixture app) : IClassFixture<SqliteFixture>
{
    private const string A = "/api/alliances/tesoma";

    public static TheoryData<string, string, string> NotFounds() => new()
    {
        { "/api/alliances/nowhere", "notFound.alliance", "No alliance 'nowhere'." },
        { $"{A}/periods/P9/scorecard", "notFound.period", "No period 'P9'." },
        { $"{A}/periods/P9/report?format=pdf", "notFound.period", "No period 'P9'." },
        { $"{A}/periods/P9/report?format=fhir", "notFound.period", "No period 'P9'." },
        { $"{A}/periods/P1/approval/snapshot?year=2019", "notFound.lockedResult", "No locked result of P1/2019." },
        { "/api/imports/987654/diagnostics", "notFound.batch", "No batch 987654." },
    };

    [Theory]
    [MemberData(nameof(NotFounds))]
    public async Task GivenSomethingThatDoesNotExist_WhenRead_Then404CarriesItsCodeAndNamesIt(string path, string code, string detail)
    {
        var client = await app.ClientForAsync("admin");

        var response = await client.GetAsync(path, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var problem = await ProblemAsync(response);
        Assert.Equal(code, problem.GetProperty("code").GetString());
        Assert.Equal(detail, problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task GivenTheOpenApiDocument_ThenAUseCasesNotFoundIsDescribedAsAProblemDocument()
    {
        var client = await app.ClientForAsync(null);

        using var document = JsonDocument.Parse(await client.GetStringAsync("/openapi/v1.json", TestContext.Current.CancellationToken));

        // The alliance's overview answers Results<Ok<AllianceOverview>, NotFoundProblem>; ToHttp's union carries the same 404.
        var overview = document.RootElement.GetProperty("paths").GetProperty("/api/alliances/{alliance}").GetProperty("get");
        var notFound = overview.GetProperty("responses").GetProperty("404").GetProperty("content");
        Assert.Equal(["application/problem+json"], notFound.EnumerateObject().Select(p => p.Name));
    }

    [Fact]
    public async Task GivenAnAnalystOfAnotherParty_WhenAddingToALedger_Then403CarriesTheUseCasesCodeNotThePolicys()
    {
        var client = await app.ClientForAsync("tampere.analyst");

        var response = await client.PostAsJsonAsync($"{A}/ledger", new { party = "mehilainen", year = 2022, account = "X", amount = 5m, reimbursable = true }, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("forbidden.ledgerOfOtherParty", (await ProblemAsync(response)).GetProperty("code").GetString());
    }

    [Fact]
    public async Task GivenAViewer_WhenReadingTheAuditLog_Then403CarriesThePolicysCode()
    {
        var client = await app.ClientForAsync("tampere.viewer");

        var response = await client.GetAsync("/api/audit", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("forbidden.role", (await ProblemAsync(response)).GetProperty("code").GetString());
    }

    [Fact]
    public async Task GivenAnExpiredOrForgedToken_WhenCalling_Then401CarriesTheNotSignedInCode()
    {
        var client = await app.ClientForAsync(null);
        client.DefaultRequestHeaders.Authorization = new("Bearer", "not-a-token");

        var response = await client.GetAsync("/api/alliances", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("unauthorized.notSignedIn", (await ProblemAsync(response)).GetProperty("code").GetString());
    }

    [Fact]
    public async Task GivenAWrongPassword_WhenAskingForAToken_Then401CarriesTheSignInFailedCode()
    {
        var client = await app.ClientForAsync(null);

        // A user name that does not exist: a failed sign-in of a real user would count towards its lockout.
        var response = await client.PostAsJsonAsync("/api/auth/token", new { userName = "nobody.here", password = "Wrong-pass-1!" }, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        var problem = await ProblemAsync(response);
        Assert.Equal("unauthorized.signInFailed", problem.GetProperty("code").GetString());
        Assert.Equal("Wrong user name or password.", problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task GivenTheLastAdmin_WhenDisabled_Then409CarriesTheLastAdminCodeAndTheAdminStaysEnabled()
    {
        var client = await app.ClientForAsync("admin");

        var response = await client.PatchAsJsonAsync($"{A}/users/admin", new { disabled = true }, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Equal("conflict.lastAdmin", (await ProblemAsync(response)).GetProperty("code").GetString());
        var users = await client.GetStringAsync($"{A}/users", TestContext.Current.CancellationToken);
        using var list = JsonDocument.Parse(users);
        Assert.False(list.RootElement.EnumerateArray().Single(u => u.GetProperty("userName").GetString() == "admin").GetProperty("disabled").GetBoolean());
    }

    [Fact]
    public async Task GivenNonMonotoneLevels_WhenSaved_Then400CarriesTheFieldsCode()
    {
        var client = await app.ClientForAsync("admin");

        var response = await client.PutAsJsonAsync($"{A}/configuration/levels", new { indicator = "nps", year = 2020, minus100 = 50m, zero = 20m, plus100 = 80m }, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await ProblemAsync(response);
        Assert.Equal(["form.levelsNotMonotone"], problem.GetProperty("codes").GetProperty("levels").EnumerateArray().Select(c => c.GetString()));
        Assert.Contains("'nps' for 2020", problem.GetProperty("errors").GetProperty("levels")[0].GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task GivenAPeriodWithoutDataYet_WhenItsReportIsAsked_Then400CarriesTheCodeTheScorecardRaised()
    {
        var client = await app.ClientForAsync("admin");

        // P3 has no illustrative values and nothing is imported: the scorecard refuses, the report relays it with its code.
        var response = await client.GetAsync($"{A}/periods/P3/report?format=pdf", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await ProblemAsync(response);
        Assert.Equal(["form.periodNoDataYet"], problem.GetProperty("codes").GetProperty("noDataYet").EnumerateArray().Select(c => c.GetString()));
        Assert.Equal("period P3 has no year with data yet", problem.GetProperty("errors").GetProperty("noDataYet")[0].GetString());
    }

    private static async Task<JsonElement> ProblemAsync(HttpResponseMessage response)
    {
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        return document.RootElement.Clone();
    }
}
