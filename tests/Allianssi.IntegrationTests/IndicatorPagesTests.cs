using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Allianssi.Application.Data.Entities;
using Allianssi.Application.Security;
using Allianssi.Application.UseCases.Indicators;
using Allianssi.Indicators.Catalog;
using Microsoft.Extensions.DependencyInjection;

namespace Allianssi.IntegrationTests;

/// <summary>
/// The indicator pages (catalog and computing, benchmark, custom definitions, care gaps) as each
/// role gets them, server-rendered, over the synthetic data set of <see cref="IndicatorFixture"/>.
/// </summary>
public abstract partial class IndicatorPagesTests(IndicatorFixture app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static TheoryData<string, string, bool> PageAccess()
    {
        var data = new TheoryData<string, string, bool>();
        string[] users = ["tampere.viewer", "tampere.analyst", "tampere.controller", "tampere.leadership", "admin"];
        foreach (var user in users)
        {
            data.Add("/indicators", user, true);
            data.Add("/indicators/chronic_care_plan/benchmark?period=P1", user, true);
            // The leadership opens it to publish versions on the public page; it cannot add one.
            data.Add("/indicators/custom", user, user is "tampere.analyst" or "admin" or "tampere.leadership");
            data.Add("/indicators/chronic_care_plan/care-gaps?year=2019", user, user == "tampere.controller");
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(PageAccess))]
    public async Task GivenRole_WhenOpeningAnIndicatorPage_ThenOnlyAllowedRolesGetIt(string path, string user, bool allowed)
    {
        app.SkipIfUnavailable();
        var client = await app.ClientForAsync(user);

        var response = await client.GetAsync(path, Ct);

        if (allowed)
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            // The page's own heading in the default language (Finnish), not just any page.
            Assert.Contains("<h1>" + FinnishHeading(path), await response.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        }
        else
        {
            Assert.True(response.StatusCode == HttpStatusCode.Forbidden
                || (response.StatusCode == HttpStatusCode.Redirect && response.Headers.Location!.OriginalString.Contains("/account/denied", StringComparison.Ordinal)),
                $"{user} on {path}: {(int)response.StatusCode} {response.Headers.Location}");
        }
    }

    private static string FinnishHeading(string path) => path switch
    {
        "/indicators" => "Mittarit</h1>",
        "/indicators/custom" => "Omat mittarit</h1>",
        _ when path.Contains("/benchmark", StringComparison.Ordinal) => "Vertailu: ",
        _ when path.Contains("/care-gaps", StringComparison.Ordinal) => "Hoitovajeet: ",
        _ => throw new ArgumentOutOfRangeException(nameof(path), path, "no heading known"),
    };

    [Fact]
    public async Task GivenAnonymous_WhenOpeningTheCareGapPage_ThenRedirectedToSignIn()
    {
        app.SkipIfUnavailable();
        var client = await app.ClientForAsync(null);

        var response = await client.GetAsync("/indicators/chronic_care_plan/care-gaps?year=2019", Ct);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("/account/login", response.Headers.Location!.OriginalString, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GivenController_WhenOpeningTheCareGapPage_ThenEverySubjectOutsideTheNumeratorIsListedWithItsReason()
    {
        app.SkipIfUnavailable();
        var client = await app.ClientForAsync("tampere.controller");

        var html = await client.GetStringAsync("/indicators/chronic_care_plan/care-gaps?year=2019&unit=hervanta", Ct);

        // hervanta: 10 chronic patients, 6 with a care plan (see IndicatorFixture.Fill): 4 gaps, none of them with a plan.
        var rows = Rows(html, "care-gaps");
        Assert.Equal(4, rows.Count);
        // The reason in the reader's language (Finnish by default), not the store's English.
        Assert.All(rows, r => Assert.Contains("ei hoitosuunnitelmaa viimeisen 12 kuukauden ajalta", r, StringComparison.Ordinal));
        Assert.All(rows, r => Assert.Contains("hervanta", r, StringComparison.Ordinal));
        Assert.Contains("/api/indicators/chronic_care_plan/care-gaps?format=csv", html.Replace("&amp;", "&", StringComparison.Ordinal), StringComparison.Ordinal);
    }

    [Fact]
    public async Task GivenComputedResults_WhenAViewerOpensTheBenchmark_ThenTheAllianceIsHighlightedAndSmallCountsAreSuppressed()
    {
        app.SkipIfUnavailable();
        // A custom proportion that leaves lielahti with three subjects: below any minimum count.
        var analyst = await app.ClientForAsync("tampere.analyst");
        var added = await analyst.PostAsJsonAsync("/api/indicators/custom", new
        {
            code = "pages_small_unit", nameFi = "Pieni yksikkö", nameEn = "Small unit", kind = "proportion", direction = "higher", minimumCount = 5, period = "P1",
            sql = "SELECT l.unit_id, l.person_id AS subject, TRUE AS in_denominator, l.person_id LIKE '%0' AS in_numerator FROM listings l "
                + "WHERE l.unit_id <> 'lielahti' OR l.person_id IN ('ps200', 'ps201', 'ps202')",
        }, Ct);
        Assert.True(added.IsSuccessStatusCode, await added.Content.ReadAsStringAsync(Ct));
        await ComputeAsync("P1", 2019);
        var viewer = await app.ClientForAsync("tampere.viewer");

        var html = await viewer.GetStringAsync("/indicators/pages_small_unit/benchmark?period=P1", Ct);

        var alliance = Row(html, "alliance-row");
        Assert.Contains("tesoma", alliance, StringComparison.Ordinal);
        Assert.Contains(">10,0<", alliance, StringComparison.Ordinal); // 1 of 10 listed persons ends in 0: 10 %, at one decimal
        var lielahti = Regex.Match(html, "<tr[^>]*data-unit=\"lielahti\"[^>]*>(.*?)</tr>", RegexOptions.Singleline).Groups[1].Value;
        Assert.Contains("data-suppressed=\"true\"", lielahti, StringComparison.Ordinal);
        Assert.DoesNotContain("33", lielahti, StringComparison.Ordinal); // 1 of 3 = 33.3 % must not show
        // Its complement, the next smallest unit: else the municipality minus the shown units gives lielahti away.
        var hervanta = Regex.Match(html, "<tr[^>]*data-unit=\"hervanta\"[^>]*>(.*?)</tr>", RegexOptions.Singleline).Groups[1].Value;
        Assert.Contains("data-suppressed=\"true\"", hervanta, StringComparison.Ordinal);
        // The page's CSV download hides the same cells as the table and the API.
        var data = Regex.Match(html, "href=\"data:text/csv;charset=utf-8;base64,([^\"]+)\"[^>]*data-testid=\"csv-benchmark-").Groups[1].Value;
        var csv = System.Text.Encoding.UTF8.GetString(Convert.FromBase64String(data)).TrimStart('\uFEFF')
            .Replace(';', ','); // Finnish CSV: the same cells, semicolon-separated
        // Each id beside its name (the fixture's units are named by their ids), the value exact; yes and no in Finnish, 2019 not "so far".
        Assert.Contains("pages_small_unit,Pieni yksikkö,P1,hervanta,hervanta,2019,,,,,kyllä,ei,ei", csv, StringComparison.Ordinal);
        Assert.Contains("pages_small_unit,Pieni yksikkö,P1,lielahti,lielahti,2019,,,,,kyllä,ei,ei", csv, StringComparison.Ordinal);
        Assert.Contains("pages_small_unit,Pieni yksikkö,P1,tesoma,tesoma,2019,10,", csv, StringComparison.Ordinal);
        // The municipality: 3 of 23, shown in the default (Finnish) culture.
        var municipal = Regex.Match(html, "<tr[^>]*data-unit=\"\\*\"[^>]*>(.*?)</tr>", RegexOptions.Singleline).Groups[1].Value;
        Assert.Contains(">13,0<", municipal, StringComparison.Ordinal);

        // The data controller sees the small count's value, marked.
        var controller = await app.ClientForAsync("tampere.controller");
        var own = await controller.GetStringAsync("/indicators/pages_small_unit/benchmark?period=P1", Ct);
        var ownRow = Regex.Match(own, "<tr[^>]*data-unit=\"lielahti\"[^>]*>(.*?)</tr>", RegexOptions.Singleline).Groups[1].Value;
        Assert.Contains("33", ownRow, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GivenComputedResults_WhenOpeningTheIndicatorsPage_ThenCatalogAndTheAllianceUnitsResultsAreListed()
    {
        app.SkipIfUnavailable();
        await ComputeAsync("P1", 2019);
        var viewer = await app.ClientForAsync("tampere.viewer");

        var html = await viewer.GetStringAsync("/indicators?period=P1", Ct);

        var catalog = Table(html, "catalog");
        Assert.All(ReferenceCatalog.Ids, id => Assert.Contains($">{id}</a>", catalog, StringComparison.Ordinal));
        var results = Table(html, "results");
        Assert.Contains("chronic_care_plan", results, StringComparison.Ordinal);
        Assert.Contains(">80,0<", results, StringComparison.Ordinal);
        Assert.DoesNotContain("data-testid=\"compute-form\"", html, StringComparison.Ordinal);

        var analyst = await app.ClientForAsync("tampere.analyst");
        Assert.Contains("data-testid=\"compute-form\"", await analyst.GetStringAsync("/indicators?period=P1", Ct), StringComparison.Ordinal);
    }

    [Fact]
    public async Task GivenTextThatASpreadsheetWouldRun_WhenDownloadingAPageTableAsCsv_ThenTheCellsAreNeutralised()
    {
        app.SkipIfUnavailable();
        var analyst = await app.ClientForAsync("tampere.analyst");
        var added = await analyst.PostAsJsonAsync("/api/indicators/custom", new
        {
            code = "pages_formula_names", nameFi = "-2+3", nameEn = "=HYPERLINK(\"http://example.invalid\")", kind = "mean", direction = "lower", period = "P1",
            sql = "SELECT l.unit_id, l.person_id AS subject, 1.0 AS value FROM listings l",
        }, Ct);
        Assert.True(added.IsSuccessStatusCode, await added.Content.ReadAsStringAsync(Ct));

        // The English page's CSV (a Finnish reader's has Finnish headers and semicolons, LocalisationTests).
        var html = await analyst.GetStringAsync("/indicators/custom?culture=en-GB", Ct);

        var href = WebUtility.HtmlDecode(Regex.Match(html, "href=\"(data:[^\"]+)\"[^>]*data-testid=\"csv-custom-indicators\"").Groups[1].Value);
        Assert.StartsWith("data:text/csv;charset=utf-8;base64,", href, StringComparison.Ordinal);
        var csv = System.Text.Encoding.UTF8.GetString(Convert.FromBase64String(href["data:text/csv;charset=utf-8;base64,".Length..])).TrimStart('\uFEFF');
        Assert.StartsWith("code,version,nameFi,nameEn,", csv, StringComparison.Ordinal);
        Assert.Contains("pages_formula_names,1,'-2+3,\"'=HYPERLINK(\"\"http://example.invalid\"\")\",mean,lower,", csv, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GivenAComputationThatFails_WhenOpeningItsJob_ThenTheFailureIsShownWithItsMessage()
    {
        app.SkipIfUnavailable();
        // A custom definition that fails on the data is refused at validation or left out and suspended at compute (the
        // sandbox), so a failed job comes from elsewhere (the store, the process); it is stored as the worker stores one.
        // The app is started first, so its store is migrated whichever test of the class runs first.
        var analyst = await app.ClientForAsync("tampere.analyst");
        long id;
        await using (var db = app.OpenStore())
        {
            var failed = new BackgroundJob
            {
                Kind = "compute", Alliance = "tesoma", Period = "P1", Year = 2021, Status = JobStatus.Failed, RequestedBy = "tampere.analyst",
                RequestedAt = DateTimeOffset.UtcNow.AddMinutes(-1), StartedAt = DateTimeOffset.UtcNow.AddMinutes(-1), FinishedAt = DateTimeOffset.UtcNow,
                Error = "IOException: the analytical store could not be opened",
            };
            db.BackgroundJobs.Add(failed);
            await db.SaveChangesAsync(Ct);
            id = failed.Id;
        }

        var job = await analyst.GetFromJsonAsync<JobDto>($"/api/jobs/{id}", Ct);
        Assert.Equal("failed", job!.Status);

        var html = await analyst.GetStringAsync($"/indicators?period=P1&job={id}", Ct);

        Assert.Contains("data-status=\"failed\"", html, StringComparison.Ordinal);
        var error = Regex.Match(html, "data-testid=\"job-error\">([^<]+)<").Groups[1].Value;
        Assert.StartsWith("IOException:", WebUtility.HtmlDecode(error), StringComparison.Ordinal);
    }

    [Fact]
    public async Task GivenAStaticComputeFormPost_WhenItCarriesTheToken_ThenTheJobIsQueuedAndThePageRedirectsToIt_AndWithoutTheTokenItIsRefused()
    {
        app.SkipIfUnavailable();
        var analyst = await app.ClientForAsync("tampere.analyst");
        var token = Token().Match(await analyst.GetStringAsync("/indicators?period=P1", Ct)).Groups[1].Value;
        Assert.NotEmpty(token);
        var fields = new Dictionary<string, string> { ["_handler"] = "compute", ["Request.Period"] = "P1", ["Request.Year"] = "2019" };

        var refused = await analyst.PostAsync("/indicators?period=P1", new FormUrlEncodedContent(fields), Ct);
        fields["__RequestVerificationToken"] = token;
        var posted = await analyst.PostAsync("/indicators?period=P1", new FormUrlEncodedContent(fields), Ct);

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, posted.StatusCode);
        var location = posted.Headers.Location!;
        var match = Regex.Match(location.IsAbsoluteUri ? location.PathAndQuery : location.OriginalString, @"^/indicators\?period=P1&job=(\d+)$");
        Assert.True(match.Success, location.OriginalString);
        var job = await analyst.GetFromJsonAsync<JobDto>($"/api/jobs/{match.Groups[1].Value}", Ct);
        Assert.Equal(("P1", 2019, "tampere.analyst"), (job!.Period, job.Year, job.RequestedBy));
    }

    [Fact]
    public async Task GivenAStaticCustomIndicatorPost_WhenAColumnIsMissing_ThenTheSqlFieldShowsWhyAndNothingIsSaved()
    {
        app.SkipIfUnavailable();
        var analyst = await app.ClientForAsync("tampere.analyst");
        var token = Token().Match(await analyst.GetStringAsync("/indicators/custom", Ct)).Groups[1].Value;
        var fields = new Dictionary<string, string>
        {
            ["_handler"] = "custom-indicator", ["__RequestVerificationToken"] = token, ["Input.Code"] = "pages_ssr_missing", ["Input.NameFi"] = "Puuttuu",
            ["Input.NameEn"] = "Missing", ["Input.Kind"] = "proportion", ["Input.Direction"] = "higher", ["Input.MinimumCount"] = "5", ["Input.Period"] = "P1",
            ["Input.Sql"] = "SELECT l.unit_id, l.person_id AS subject FROM listings l",
        };

        var response = await analyst.PostAsync("/indicators/custom", new FormUrlEncodedContent(fields), Ct);

        var html = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode}: {html}");
        var error = Regex.Match(html, "data-field=\"sql\">([^<]+)<").Groups[1].Value;
        Assert.Contains("in_denominator, in_numerator", error, StringComparison.Ordinal);
        Assert.DoesNotContain("data-field=\"code\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("pages_ssr_missing", await analyst.GetStringAsync("/api/indicators/custom", Ct), StringComparison.Ordinal);
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex Token();

    private async Task ComputeAsync(string period, int? year)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var outcome = await scope.ServiceProvider.GetRequiredService<ComputeIndicators>()
            .ExecuteAsync("tesoma", period, year, new Actor("test.analyst", Roles.Analyst, "tampere"), null, Ct);
        Assert.True(outcome.IsOk, outcome.Message);
    }

    /// <summary>The table marked with <paramref name="testId"/>, or the first table inside the element so marked (a Radzen data grid).</summary>
    private static string Table(string html, string testId)
    {
        var at = html.IndexOf($"data-testid=\"{testId}\"", StringComparison.Ordinal);
        return at < 0 ? "" : Regex.Match(html[html.LastIndexOf('<', at)..], "<table[^>]*>(.*?)</table>", RegexOptions.Singleline).Groups[1].Value;
    }

    private static string Row(string html, string testId) =>
        Regex.Match(html, $"<tr[^>]*data-testid=\"{testId}\"[^>]*>(.*?)</tr>", RegexOptions.Singleline).Groups[1].Value;

    private static List<string> Rows(string html, string tableTestId) =>
        // A plain table's rows, or a Radzen data grid's data rows (<tr class="rz-data-row ...">; not its empty-message row).
        Regex.Matches(Regex.Match(Table(html, tableTestId), "<tbody[^>]*>(.*?)</tbody>", RegexOptions.Singleline).Groups[1].Value,
                "<tr(?<attributes>[^>]*)>(?<row>.*?)</tr>", RegexOptions.Singleline)
            .Where(m => !m.Groups["attributes"].Value.Contains("class=", StringComparison.Ordinal) || m.Groups["attributes"].Value.Contains("rz-data-row", StringComparison.Ordinal))
            .Select(m => m.Groups["row"].Value).ToList();
}

public sealed class SqliteIndicatorPagesTests(SqliteIndicatorFixture app) : IndicatorPagesTests(app), IClassFixture<SqliteIndicatorFixture>;

public sealed class PostgresIndicatorPagesTests(PostgresIndicatorFixture app) : IndicatorPagesTests(app), IClassFixture<PostgresIndicatorFixture>;
