using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Allianssi.IntegrationTests.Trust;

/// <summary>
/// A controller sees the care gaps of the units their own party runs only (units.kind: the
/// producer the alliance's unit, a purchaser the municipal stations, a partner none), and no
/// care-gap response may be kept by a cache.
/// </summary>
public abstract class CareGapAccessTests(IndicatorFixture app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>The fixture's data: care gaps per unit for chronic_care_plan in 2019 (tesoma 2, hervanta 4, lielahti 6).</summary>
    [Theory]
    [InlineData("mehilainen.controller", "tesoma")]
    [InlineData("tampere.controller", "hervanta,lielahti")]
    [InlineData("pirha.controller", "hervanta,lielahti")]
    [InlineData("setlementti.controller", "")]
    public async Task GivenAController_WhenListingCareGapsOfEveryUnit_ThenOnlyTheirOwnPartysUnitsAreListed(string user, string units)
    {
        app.SkipIfUnavailable();
        var client = await app.ClientForAsync(user);

        var gaps = await client.GetFromJsonAsync<JsonElement>("/api/indicators/chronic_care_plan/care-gaps?year=2019", Ct);

        var seen = gaps.EnumerateArray().Select(g => g.GetProperty("unit").GetString()).Distinct().Order(StringComparer.Ordinal);
        Assert.Equal(units, string.Join(",", seen));
    }

    [Fact]
    public async Task GivenThePartnersController_WhenAskingForAnotherPartysUnit_ThenNothingIsListed()
    {
        app.SkipIfUnavailable();
        var partner = await app.ClientForAsync("setlementti.controller");
        var purchaser = await app.ClientForAsync("tampere.controller");

        var partnerGaps = await partner.GetFromJsonAsync<JsonElement>("/api/indicators/chronic_care_plan/care-gaps?unit=tesoma&year=2019", Ct);
        var partnerCsv = await partner.GetStringAsync("/api/indicators/chronic_care_plan/care-gaps?unit=tesoma&year=2019&format=csv", Ct);
        var purchaserGaps = await purchaser.GetFromJsonAsync<JsonElement>("/api/indicators/chronic_care_plan/care-gaps?unit=tesoma&year=2019", Ct);

        Assert.Equal(0, partnerGaps.GetArrayLength());
        Assert.Single(partnerCsv.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Equal(0, purchaserGaps.GetArrayLength());
    }

    [Theory]
    [InlineData("")]
    [InlineData("&format=csv")]
    public async Task GivenCareGaps_WhenServed_ThenTheResponseForbidsCaching(string format)
    {
        app.SkipIfUnavailable();
        var client = await app.ClientForAsync("tampere.controller");

        var response = await client.GetAsync($"/api/indicators/chronic_care_plan/care-gaps?unit=lielahti&year=2019{format}", Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(response.Headers.CacheControl?.NoStore == true, $"Cache-Control: {response.Headers.CacheControl}");
    }
}

public sealed class SqliteCareGapAccessTests(SqliteIndicatorFixture app) : CareGapAccessTests(app), IClassFixture<SqliteIndicatorFixture>;

public sealed class PostgresCareGapAccessTests(PostgresIndicatorFixture app) : CareGapAccessTests(app), IClassFixture<PostgresIndicatorFixture>;
