using System.Collections;
using System.Globalization;
using System.Resources;
using System.Text.RegularExpressions;
using Allianssi.Application.Data;
using Allianssi.EndToEndTests.Pages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Allianssi.EndToEndTests;

/// <summary>
/// Issue 12 item 5: each main page opened in Finnish shows Finnish texts, no resource key and none
/// of the English UI texts that a missed translation would leave (sampled from the English resources).
/// </summary>
public sealed partial class FinnishBrowserTests(BrowserFixture app) : IClassFixture<BrowserFixture>
{
    /// <summary>English texts of the UI and of the explanation lines that must not show in Finnish mode.</summary>
    private static readonly string[] English =
    [
        "Sign out", "Overview", "Scorecard", "Settlement", "Target cost", "Actual cost", "Period score", "Download CSV",
        "Explanation", "Key result areas", "effective weight", "rounding residual", "no ledger lines", "measured",
        "Not approved", "Approve for", "Verify the whole chain", "Export CSV", "Indicators", "Catalog",
        "monthWeightedMean", "Compensation of", "Payment of",
        "Score", "Weight", "Total", "rejected", "Indicator", "Unit of measure", "items per page", "rows per page", "Equals",
        "EUR/client", "percentage points", "score (1-5)", "days", "carryForward", "reweight", "finalYear", "hba1cMax",
        "Change", "enabled", "disabled", "Disable", "fixed", "of actual cost",
    ];

    /// <summary>
    /// The English resources of some length (two words or more, no placeholder) that differ from their
    /// Finnish text: none of them may show on a Finnish page (a text left inline or a missed key).
    /// </summary>
    private static readonly IReadOnlyList<string> EnglishResources = LoadEnglishResources();

    private static List<string> LoadEnglishResources()
    {
        var resources = new ResourceManager("Allianssi.Web.Resources.Strings", typeof(Allianssi.Web.Strings).Assembly);
        var finnish = resources.GetResourceSet(CultureInfo.GetCultureInfo("fi"), true, false)!.Cast<DictionaryEntry>()
            .ToDictionary(e => (string)e.Key, e => (string)e.Value!, StringComparer.Ordinal);
        return [.. resources.GetResourceSet(CultureInfo.InvariantCulture, true, false)!.Cast<DictionaryEntry>()
            .Select(e => ((string)e.Key, (string)e.Value!))
            .Where(e => !e.Item1.StartsWith("Csv.", StringComparison.Ordinal) && finnish.TryGetValue(e.Item1, out var fi) && fi != e.Item2)
            .Select(e => e.Item2)
            .Where(t => t.Length >= 12 && t.Contains(' ', StringComparison.Ordinal) && !t.Contains('{', StringComparison.Ordinal))];
    }

    public static TheoryData<string, string> Pages() => new()
    {
        { "/", "Osapuolet" },
        { "/scorecard?period=P1", "Jakson pisteet" },
        { "/settlement?period=P1", "Kustannustulos D = TAK" },
        { "/what-if", "Laske" },
        { "/configuration", "Tallenna" },
        { "/indicators", "Mittariluettelo" },
        { "/imports", "Erähistoria" },
        { "/audit", "Tarkista koko ketju" },
        { "/users", "Käyttäjät" },
        { "/indicators/chronic_care_plan/benchmark?period=P1", "Vertailu" },
        { "/public", "Tesoma" },
    };

    [Theory]
    [MemberData(nameof(Pages))]
    public async Task GivenFinnish_WhenOpeningAMainPage_ThenItShowsFinnishAndNoEnglishTextOrResourceKey(string path, string finnish)
    {
        app.SkipIfUnavailable();
        var page = await app.NewPageAsync();
        await new LoginPage(page).SignInAsync("admin", BrowserFixture.Password);
        await page.GotoAsync($"/culture?c=fi-FI&redirectUri={Uri.EscapeDataString(path)}");

        var main = page.Locator("body");
        await Assertions.Expect(main).ToContainTextAsync(finnish);
        var text = await main.InnerTextAsync();
        foreach (var english in English)
        {
            Assert.False(Regex.IsMatch(text, $@"\b{Regex.Escape(english)}\b"), $"{path} shows '{english}'");
        }

        foreach (var english in EnglishResources)
        {
            Assert.False(text.Contains(english, StringComparison.Ordinal), $"{path} shows the English resource text '{english}'");
        }

        // A missing resource shows its key (Explain.costResult.withFees, Approval.NotYet, Csv.year...).
        Assert.DoesNotMatch(ResourceKeyRegex(), text);
        Assert.DoesNotMatch(EnglishMoneyRegex(), text);
        var name = path.Trim('/').Split('?')[0].Replace('/', '-');
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, $"fi-{(name.Length == 0 ? "overview" : name)}.png"), FullPage = true });
    }

    [Fact]
    public async Task GivenFinnish_WhenAWeightAndALevelAreNoNumber_ThenTheErrorNamesTheIndicatorsWeightAndTheLevelInFinnish()
    {
        app.SkipIfUnavailable();
        var page = await app.NewPageAsync();
        await new LoginPage(page).SignInAsync("tampere.leadership", BrowserFixture.Password);
        await page.GotoAsync($"/culture?c=fi-FI&redirectUri={Uri.EscapeDataString("/configuration")}");
        await page.WaitUntilInteractiveAsync();
        var configuration = new ConfigurationPage(page);

        // One of about twenty weight inputs: the error names that indicator, as the row beside the input does.
        await configuration.WeightInput("chronic_care_plan").FillAsync("kymmenen");
        await configuration.SaveButton("Painot").ClickAsync();

        await Assertions.Expect(configuration.Errors).ToHaveTextAsync("Hoitosuunnitelma diabeetikoilla ja sepelvaltimotautipotilailla, paino: ei ole luku");
        await Assertions.Expect(configuration.Status).ToHaveCountAsync(0);

        await page.GetByLabel("Taso -100").FillAsync("-");
        await page.GetByLabel("Taso 0", new() { Exact = true }).FillAsync("50");
        await page.GetByLabel("Taso +100").FillAsync("60");
        await configuration.SaveButton("Viitetasot").ClickAsync();

        await Assertions.Expect(configuration.Errors).ToHaveTextAsync("Taso -100: ei ole luku");
        await Assertions.Expect(configuration.Status).ToHaveCountAsync(0);
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, "fi-configuration-not-a-number.png"), FullPage = true });
    }

    [Theory]
    [InlineData("/scorecard?period=P1&year=2031")]
    [InlineData("/settlement?period=P1&year=2031")]
    public async Task GivenFinnish_WhenAskingForAYearOutsideThePeriod_ThenTheRefusalIsFinnish(string path)
    {
        app.SkipIfUnavailable();
        var page = await app.NewPageAsync();
        await new LoginPage(page).SignInAsync("tampere.leadership", BrowserFixture.Password);

        await page.GotoAsync($"/culture?c=fi-FI&redirectUri={Uri.EscapeDataString(path)}");

        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToHaveTextAsync("Vuosi: 2031 ei ole jakson P1 vuosi (2018–2021)");
    }

    [Fact]
    public async Task GivenAStoredGainShareOutsideZeroToOne_WhenTheSettlementIsOpenedInFinnish_ThenTheErrorsNameThePartyInFinnish()
    {
        app.SkipIfUnavailable();
        // A producer's gain share stored as 1.5 (a row changed by hand): the configuration is refused when settled.
        await SetGainShareAsync("mehilainen", 1.5m);
        try
        {
            var page = await app.NewPageAsync();
            await new LoginPage(page).SignInAsync("tampere.leadership", BrowserFixture.Password);
            await page.GotoAsync($"/culture?c=fi-FI&redirectUri={Uri.EscapeDataString("/settlement?period=P1")}");

            // The party by its name, never the path parties[2].gainShare; the sum over the non-purchasers under the label of parties.
            await Assertions.Expect(page.GetByRole(AriaRole.Alert).GetByRole(AriaRole.Listitem)).ToHaveTextAsync(
            [
                "osapuolen Mehiläinen-ryhmittymä osuuden säästöstä on oltava välillä 0–1, nyt 1,5",
                "Osapuolet: muiden kuin tilaajien osuudet säästöstä ovat yhteensä 1,5, yli 1",
            ]);
            await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, "fi-settlement-invalid-configuration.png"), FullPage = true });
        }
        finally
        {
            await SetGainShareAsync("mehilainen", 0.5m);
        }
    }

    private async Task SetGainShareAsync(string party, decimal share)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AllianssiDbContext>();
        var row = await db.Parties.SingleAsync(p => p.Code == party && p.Alliance!.Code == "tesoma", TestContext.Current.CancellationToken);
        row.GainShare = share;
        await db.SaveChangesAsync(TestContext.Current.CancellationToken);
    }

    [GeneratedRegex(@"\b(Explain|Approval|Audit|Public|Csv|CareGapReason|Role|Status|Kind|Direction|JobStatus|Outcome|DemoData|Grid|Custom|Measure|Diagnostic|Severity|Users|UserRole|Parameter|MissingRule|Aggregation)\.[A-Za-z]")]
    private static partial Regex ResourceKeyRegex();

    // 57,300,000.00: an amount formatted in English.
    [GeneratedRegex(@"\d{1,3}(,\d{3})+\.\d{2}")]
    private static partial Regex EnglishMoneyRegex();
}
