using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Allianssi.Application.Data;
using Allianssi.Application.Data.Entities;
using Allianssi.Application.Security;
using Allianssi.Application.UseCases.Common;
using Allianssi.Application.UseCases.Indicators;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Allianssi.IntegrationTests.Trust;

/// <summary>
/// What reaches readers other than the data controller (issue 11, items 2, 3 and 5), on SQLite and
/// PostgreSQL: the suppression threshold's floor and owner, complementary suppression in the
/// results API, its CSV and the indicators page's data, and the leadership's publication of custom
/// indicators on the public page. Stored results are written directly (synthetic counts); each
/// test uses its own period or year, so the tests do not see each other's rows.
/// </summary>
public abstract class SmallCountTests(AppFixture app)
{
    private const string A = "/api/alliances/tesoma";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>Stores one indicator-year: the municipal total and the given units (n below 5 flagged as the engine does).</summary>
    private async Task StoreAsync(string indicator, string period, int year, int version, bool flagSmall, params (string Unit, long N)[] units)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AllianssiDbContext>();
        var alliance = await db.Alliances.AsNoTracking().SingleAsync(a => a.Code == "tesoma", Ct);
        var cells = units.Append(("*", units.Sum(u => u.N)));
        foreach (var (unit, n) in cells)
        {
            db.IndicatorResults.Add(new IndicatorResult
            {
                AllianceId = alliance.Id, Period = period, IndicatorId = indicator, UnitId = unit, Year = year, Value = n * 2, Numerator = n * 2, Denominator = n, N = n,
                Suppressed = flagSmall && n < 5, IsAllianceUnit = unit == alliance.ScoredUnit, DefinitionVersion = version, ParametersJson = "{}", BatchIdsJson = "[]",
                WindowStart = new DateOnly(year, 1, 1), WindowEnd = new DateOnly(year, 12, 31), ComputedAt = DateTimeOffset.UnixEpoch,
            });
        }

        await db.SaveChangesAsync(Ct);
    }

    private static List<JsonElement> Points(JsonElement results, int year) =>
        results.GetProperty("points").EnumerateArray().Where(p => p.GetProperty("year").GetInt32() == year).ToList();

    private static JsonElement Point(JsonElement results, int year, string unit) =>
        Points(results, year).Single(p => p.GetProperty("unit").GetString() == unit);

    private static bool Hidden(JsonElement point) =>
        point.GetProperty("suppressed").GetBoolean() && point.GetProperty("n").ValueKind == JsonValueKind.Null && point.GetProperty("value").ValueKind == JsonValueKind.Null;

    // Item 5: the total minus the shown units gave away the small unit.
    [Fact]
    public async Task GivenOneSmallUnitAndATotal_WhenAViewerReadsTheResultsApiAndCsv_ThenTheNextSmallestUnitIsHiddenToo()
    {
        app.SkipIfUnavailable();
        await StoreAsync("nps", "P3", 2041, 1, flagSmall: true, ("tesoma", 50), ("hervanta", 40), ("lielahti", 27), ("kauppi", 3));
        var viewer = await app.ClientForAsync("tampere.viewer");

        var results = await viewer.GetFromJsonAsync<JsonElement>("/api/indicators/nps/results", Ct);
        // Separator-neutral: the CSV is semicolon-separated in the Finnish culture.
        var csv = (await viewer.GetStringAsync("/api/indicators/nps/results?format=csv", Ct)).Replace(';', ',');

        Assert.True(Hidden(Point(results, 2041, "kauppi")));
        Assert.True(Hidden(Point(results, 2041, "lielahti")));
        Assert.Equal(120, Point(results, 2041, "*").GetProperty("n").GetInt64());
        Assert.Equal(50, Point(results, 2041, "tesoma").GetProperty("n").GetInt64());
        // The shown cells no longer add up to the total minus one unit.
        var shown = Points(results, 2041).Where(p => p.GetProperty("unit").GetString() != "*" && !Hidden(p)).Sum(p => p.GetProperty("n").GetInt64());
        Assert.Equal(120 - 3 - 27, shown);
        Assert.Contains("nps,lielahti,2041,P3,,,,,kyllä,ei,1", csv, StringComparison.Ordinal); // yes and no in Finnish (the default culture)
        Assert.Contains("nps,kauppi,2041,P3,,,,,kyllä,ei,1", csv, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GivenTheController_WhenReadingTheResultsApi_ThenEveryFigureIsShownWithTheSuppressionFlag()
    {
        app.SkipIfUnavailable();
        await StoreAsync("nps", "P3", 2042, 1, flagSmall: true, ("tesoma", 50), ("hervanta", 40), ("lielahti", 27), ("kauppi", 3));
        var controller = await app.ClientForAsync("tampere.controller");

        var results = await controller.GetFromJsonAsync<JsonElement>("/api/indicators/nps/results", Ct);

        Assert.Equal(27, Point(results, 2042, "lielahti").GetProperty("n").GetInt64());
        Assert.True(Point(results, 2042, "lielahti").GetProperty("suppressed").GetBoolean());
        Assert.Equal(3, Point(results, 2042, "kauppi").GetProperty("n").GetInt64());
    }

    [Fact]
    public async Task GivenTheAllianceUnitIsTheComplement_WhenTheIndicatorsPageReadsItsResults_ThenItIsHiddenThereToo()
    {
        app.SkipIfUnavailable();
        await StoreAsync("chronic_care_plan", "P3", 2043, 1, flagSmall: true, ("tesoma", 9), ("hervanta", 40), ("lielahti", 27), ("kauppi", 3));
        await using var scope = app.Services.CreateAsyncScope();

        var viewer = await scope.ServiceProvider.GetRequiredService<GetAllianceUnitResults>()
            .ExecuteAsync("tesoma", "P3", new Actor("tampere.viewer", Roles.Viewer, "tampere"), Ct);

        var tesoma = viewer.Value!.Single(r => r.Indicator == "chronic_care_plan" && r.Year == 2043);
        Assert.True(tesoma.Suppressed);
        Assert.Null(tesoma.Value);
        Assert.Null(tesoma.N);
    }

    // Item 3: any analyst set minimumCount to 0 and the public page showed n = 3.
    [Fact]
    public async Task GivenAnAnalyst_WhenSettingTheMinimumCount_ThenForbiddenAndNothingChanges()
    {
        app.SkipIfUnavailable();
        var analyst = await app.ClientForAsync("tampere.analyst");
        decimal? Stored(IEnumerable<PeriodParameter> all) => all.SingleOrDefault(p => string.Equals(p.Name, "minimumCount", StringComparison.OrdinalIgnoreCase))?.Value;
        await using var before = app.OpenStore();
        var was = Stored(await before.PeriodParameters.AsNoTracking().Where(p => p.Period!.Code == "P1").ToListAsync(Ct));

        var response = await analyst.PutAsJsonAsync($"{A}/configuration/period-parameters", new { period = "P1", name = "minimumCount", value = 0m }, Ct);
        var otherSpelling = await analyst.PutAsJsonAsync($"{A}/configuration/period-parameters", new { period = "P1", name = "MinimumCount", value = 0m }, Ct);
        var ordinary = await analyst.PutAsJsonAsync($"{A}/configuration/period-parameters", new { period = "P1", name = "hba1cMax", value = 53m }, Ct);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, otherSpelling.StatusCode);
        Assert.Equal(HttpStatusCode.OK, ordinary.StatusCode);
        await using var db = app.OpenStore();
        // One row in one spelling, with the value it had (the reference configuration's, or none).
        Assert.Equal(was, Stored(await db.PeriodParameters.AsNoTracking().Where(p => p.Period!.Code == "P1").ToListAsync(Ct)));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(4)]
    public async Task GivenTheLeadership_WhenSettingTheMinimumCountBelowTheFloor_ThenAValidationErrorNamesTheValue(int value)
    {
        app.SkipIfUnavailable();
        var leadership = await app.ClientForAsync("tampere.leadership");

        var response = await leadership.PutAsJsonAsync($"{A}/configuration/minimum-count", new { period = "P2", value = (decimal)value }, Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Contains("minimumCount", problem.GetProperty("errors").GetProperty("value")[0].GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task GivenTheLeadership_WhenRaisingTheMinimumCount_ThenStoredAuditedAndAppliedToTheResults()
    {
        app.SkipIfUnavailable();
        await StoreAsync("ktk_4_5", "P2", 2044, 1, flagSmall: true, ("tesoma", 50), ("hervanta", 40), ("lielahti", 27), ("kauppi", 8));
        var leadership = await app.ClientForAsync("tampere.leadership");

        var response = await leadership.PutAsJsonAsync($"{A}/configuration/minimum-count", new { period = "P2", value = 10m }, Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await using (var db = app.OpenStore())
        {
            Assert.Equal(10m, await db.PeriodParameters.Where(p => p.Period!.Code == "P2" && p.Name == "minimumCount").Select(p => p.Value).SingleAsync(Ct));
            Assert.True(await db.AuditEntries.AnyAsync(e => e.Action == "set-period-parameter" && e.EntityKey == "P2/minimumCount" && e.Role == Roles.Leadership, Ct));
        }

        var viewer = await app.ClientForAsync("tampere.viewer");
        var results = await viewer.GetFromJsonAsync<JsonElement>("/api/indicators/ktk_4_5/results", Ct);
        Assert.True(Hidden(Point(results, 2044, "kauppi")));
        Assert.True(Hidden(Point(results, 2044, "lielahti")));
    }

    [Fact]
    public async Task GivenAStoredMinimumCountBelowTheFloor_WhenThePublicPageIsRead_ThenItActsAsTheFloor()
    {
        app.SkipIfUnavailable();
        // As an analyst could store it before the floor: the engine then flagged nothing below 5.
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AllianssiDbContext>();
            var period = await db.Periods.Include(p => p.Parameters).SingleAsync(p => p.Alliance!.Code == "tesoma" && p.Code == "P3", Ct);
            var stored = period.Parameters.SingleOrDefault(p => p.Name == "minimumCount");
            if (stored is null)
            {
                period.Parameters.Add(new PeriodParameter { Name = "minimumCount", Value = 0m });
            }
            else
            {
                stored.Value = 0m;
            }

            await db.SaveChangesAsync(Ct);
        }

        await StoreAsync("t3_doctor", "P3", 2045, 1, flagSmall: false, ("tesoma", 50), ("hervanta", 40), ("lielahti", 27), ("kauppi", 3));
        var anonymous = await app.ClientForAsync(null);
        var viewer = await app.ClientForAsync("tampere.viewer");

        var body = await anonymous.GetFromJsonAsync<JsonElement>($"/api/public/tesoma", Ct);
        var results = await viewer.GetFromJsonAsync<JsonElement>("/api/indicators/t3_doctor/results", Ct);

        var year = body.GetProperty("indicators").EnumerateArray().Single(i => i.GetProperty("indicator").GetString() == "t3_doctor" && i.GetProperty("year").GetInt32() == 2045);
        var shown = year.GetProperty("units").EnumerateArray().Where(u => !u.GetProperty("suppressed").GetBoolean()).Select(u => u.GetProperty("n").GetInt64()).ToList();
        Assert.All(shown, n => Assert.True(n >= 5));
        Assert.DoesNotContain(3L, shown);
        Assert.True(Hidden(Point(results, 2045, "kauppi")));
    }

    private async Task<int> AddCustomAsync(string code, int version)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AllianssiDbContext>();
        var alliance = await db.Alliances.AsNoTracking().SingleAsync(a => a.Code == "tesoma", Ct);
        db.CustomIndicatorDefinitions.Add(new CustomIndicatorDefinition
        {
            AllianceId = alliance.Id, Code = code, Version = version, NameFi = "Oma", NameEn = "Own", Direction = "Higher", Kind = "Formula",
            Sql = "SELECT unit_id, 1.0 AS value FROM units", CreatedBy = "tampere.analyst", CreatedAt = DateTimeOffset.UnixEpoch,
        });
        return await db.SaveChangesAsync(Ct);
    }

    private async Task<List<int>> PublicYearsAsync(string indicator)
    {
        var anonymous = await app.ClientForAsync(null);
        var body = await anonymous.GetFromJsonAsync<JsonElement>("/api/public/tesoma", Ct);
        return body.GetProperty("indicators").EnumerateArray().Where(i => i.GetProperty("indicator").GetString() == indicator).Select(i => i.GetProperty("year").GetInt32()).ToList();
    }

    // Item 2: a custom indicator's results reached the anonymous public page with nobody's approval.
    [Fact]
    public async Task GivenAnUnpublishedCustomIndicator_WhenThePublicPageIsRead_ThenItsResultsAreNotThere()
    {
        app.SkipIfUnavailable();
        await AddCustomAsync("own_unpublished", 1);
        await StoreAsync("own_unpublished", "P3", 2046, 1, flagSmall: true, ("tesoma", 50), ("hervanta", 40));
        var anonymous = await app.ClientForAsync(null);

        Assert.Empty(await PublicYearsAsync("own_unpublished"));
        Assert.DoesNotContain("own_unpublished", await anonymous.GetStringAsync("/public?alliance=tesoma", Ct), StringComparison.Ordinal);
    }

    [Fact]
    public async Task GivenTheLeadershipPublishesAVersion_WhenThePublicPageIsRead_ThenThatVersionShowsUntilWithdrawnAndALaterVersionWaitsForItsOwnApproval()
    {
        app.SkipIfUnavailable();
        await AddCustomAsync("own_published", 1);
        await StoreAsync("own_published", "P3", 2047, 1, flagSmall: true, ("tesoma", 50), ("hervanta", 40));
        var leadership = await app.ClientForAsync("tampere.leadership");

        var published = await leadership.PostAsJsonAsync("/api/indicators/custom/own_published/publish", new { alliance = "tesoma", version = 1 }, Ct);
        Assert.Equal(HttpStatusCode.OK, published.StatusCode);
        Assert.Equal([2047], await PublicYearsAsync("own_published"));

        // A new version (new SQL, computed for another year) is not public until approved itself.
        await AddCustomAsync("own_published", 2);
        await StoreAsync("own_published", "P3", 2048, 2, flagSmall: true, ("tesoma", 50), ("hervanta", 40));
        Assert.Equal([2047], await PublicYearsAsync("own_published"));

        var withdrawn = await leadership.PostAsJsonAsync("/api/indicators/custom/own_published/withdraw", new { alliance = "tesoma" }, Ct);
        Assert.Equal(HttpStatusCode.OK, withdrawn.StatusCode);
        Assert.Empty(await PublicYearsAsync("own_published"));
        await using var db = app.OpenStore();
        var actions = await db.AuditEntries.Where(e => e.EntityKey == "own_published/v1").Select(e => e.Action).ToListAsync(Ct);
        Assert.Equal(["publish-custom-indicator", "withdraw-custom-indicator"], actions.Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData("tampere.analyst", HttpStatusCode.Forbidden)]
    [InlineData("tampere.controller", HttpStatusCode.Forbidden)]
    [InlineData("tampere.viewer", HttpStatusCode.Forbidden)]
    [InlineData("admin", HttpStatusCode.Forbidden)]
    public async Task GivenSomeoneOtherThanTheLeadership_WhenPublishingACustomIndicator_ThenForbiddenAndItStaysPrivate(string user, HttpStatusCode expected)
    {
        app.SkipIfUnavailable();
        var code = "own_" + user.Replace(".", "_", StringComparison.Ordinal);
        await AddCustomAsync(code, 1);
        await StoreAsync(code, "P3", 2049, 1, flagSmall: true, ("tesoma", 50), ("hervanta", 40));
        var client = await app.ClientForAsync(user);

        var response = await client.PostAsJsonAsync($"/api/indicators/custom/{code}/publish", new { alliance = "tesoma", version = 1 }, Ct);

        Assert.Equal(expected, response.StatusCode);
        Assert.Empty(await PublicYearsAsync(code));
    }
}

public sealed class SqliteSmallCountTests(SqliteFixture app) : SmallCountTests(app), IClassFixture<SqliteFixture>;

public sealed class PostgresSmallCountTests(PostgresFixture app) : SmallCountTests(app), IClassFixture<PostgresFixture>;
