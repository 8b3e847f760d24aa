using System.Globalization;
using System.Net.Http.Json;
using System.Reflection;
using System.Resources;
using Allianssi.Application.UseCases.Scoring;
using Allianssi.Web;
using Microsoft.Extensions.DependencyInjection;

namespace Allianssi.IntegrationTests;

/// <summary>
/// Every error the what-if page can show has a stable code with a Finnish and an English text naming the same
/// values (issue 13 item 7); the page words it from <c>Validation.{code}</c>, never from the field's path.
/// </summary>
public sealed class WhatIfErrorWordingTests
{
    private static ResourceManager Resources => ValidationTexts.Resources;

    [Fact]
    public void GivenEveryWhatIfCode_ThenItIsListedAndHasAFinnishAndAnEnglishTextWithTheSameValues()
    {
        var declared = typeof(WhatIfCodes).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(f => f.IsLiteral).Select(f => (string)f.GetRawConstantValue()!).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(declared, WhatIfCodes.All.Order(StringComparer.Ordinal));
        Assert.Equal(5, declared.Count);

        ValidationTexts.AssertEachInFinnishAndEnglish(WhatIfCodes.All);
    }

    [Fact]
    public void GivenLevelsOutOfOrder_WhenWorded_ThenTheFinnishTextHasFinnishNumbersAndTheEnglishTheInvariantOnes()
    {
        object?[] values = [2023, 20.5m, 50m, 10m];

        Assert.Equal(
            "vuoden 2023 tasojen -100, 0 ja +100 on noustava tai laskettava aidosti tässä järjestyksessä; nyt 20,5, 50 ja 10",
            Worded(WhatIfCodes.LevelsNotMonotone, CultureInfo.GetCultureInfo("fi-FI"), values));
        Assert.Equal(
            "levels -100, 0 and +100 for 2023 must rise or fall strictly in that order; now 20.5, 50 and 10",
            Worded(WhatIfCodes.LevelsNotMonotone, CultureInfo.GetCultureInfo("en-GB"), values));
    }

    private static string Worded(string code, CultureInfo culture, object?[] values) =>
        string.Format(culture, Resources.GetString("Validation." + code, culture)!, values);

}

/// <summary>The what-if use case gives each refused change its indicator, field and code, on SQLite and PostgreSQL; the API's answer stays as it was.</summary>
public abstract class WhatIfErrorTests(AppFixture app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task GivenLevelsOutOfOrder_WhenRun_ThenTheErrorNamesTheIndicatorTheLevelsAndTheCodeWithItsValues()
    {
        app.SkipIfUnavailable();
        var changes = new WhatIfChanges(Levels: new Dictionary<string, IReadOnlyDictionary<int, LevelsChange>>
        {
            ["nps"] = new Dictionary<int, LevelsChange> { [2023] = new(20m, 50m, 10m) },
        });

        var view = await RunAsync(changes);

        var error = Assert.Single(view.Coded);
        Assert.Equal("nps", error.Indicator);
        Assert.Equal(WhatIfField.Levels, error.Field);
        Assert.Equal(WhatIfCodes.LevelsNotMonotone, error.Code);
        Assert.Equal(new object?[] { 2023, 20m, 50m, 10m }, error.Arguments);
        Assert.Equal("levels of 'nps' for 2023 must be strictly monotone; got 20, 50, 10", Assert.Single(view.Errors["levels.nps.2023"]));
        Assert.Null(view.ScratchScorecard);
    }

    [Fact]
    public async Task GivenAWhatIfRefused_WhenAskedThroughTheApi_ThenTheAnswerHasTheFieldKeyedErrorsAndNoCodes()
    {
        app.SkipIfUnavailable();
        var client = await app.ClientForAsync("tampere.viewer");
        var levels = new Dictionary<string, Dictionary<int, object>> { ["nps"] = new() { [2023] = new { minus100 = 20m, zero = 50m, plus100 = 10m } } };

        var response = await client.PostAsJsonAsync("/api/alliances/tesoma/periods/P2/what-if", new { levels }, Ct);

        response.EnsureSuccessStatusCode();
        var body = await response.Content.ReadAsStringAsync(Ct);
        var errors = System.Text.Json.JsonDocument.Parse(body).RootElement.GetProperty("errors");
        Assert.Equal("levels.nps.2023", Assert.Single(errors.EnumerateObject()).Name);
        Assert.Equal("levels of 'nps' for 2023 must be strictly monotone; got 20, 50, 10", Assert.Single(errors.GetProperty("levels.nps.2023").EnumerateArray()).GetString());
        Assert.DoesNotContain("coded", body, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("whatIf.", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GivenLevelsInOrder_WhenRun_ThenNothingIsRefusedAndTheScratchScorecardIsThere()
    {
        app.SkipIfUnavailable();
        var changes = new WhatIfChanges(Levels: new Dictionary<string, IReadOnlyDictionary<int, LevelsChange>>
        {
            ["nps"] = new Dictionary<int, LevelsChange> { [2023] = new(20m, 30m, 80m) },
        });

        var view = await RunAsync(changes);

        Assert.Empty(view.Coded);
        Assert.Empty(view.Errors);
        Assert.NotNull(view.ScratchScorecard);
    }

    private async Task<WhatIfView> RunAsync(WhatIfChanges changes)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var outcome = await scope.ServiceProvider.GetRequiredService<RunWhatIf>().ExecuteAsync("tesoma", "P2", 2023, changes, Ct);
        Assert.True(outcome.IsOk, outcome.Message);
        return outcome.Value!;
    }
}

public sealed class SqliteWhatIfErrorTests(SqliteFixture app) : WhatIfErrorTests(app), IClassFixture<SqliteFixture>;

public sealed class PostgresWhatIfErrorTests(PostgresFixture app) : WhatIfErrorTests(app), IClassFixture<PostgresFixture>;
