using System.Text.RegularExpressions;
using Allianssi.Application.Security;
using Allianssi.Application.UseCases.Common;
using Allianssi.Application.UseCases.Indicators;
using Allianssi.Application.UseCases.PublicResults;
using Allianssi.EndToEndTests.Pages;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Allianssi.EndToEndTests;

/// <summary>
/// The charts name what they draw (issue 12 items 4, 5 and 7): the scorecard's trend per indicator
/// and the public page's charts carry the key result areas' and indicators' names, in English and in
/// Finnish, never their ids; and the public page shows no year after the last year with data (item 2).
/// A chart's labels are SVG text, which has no innerText: the test reads their text content.
/// </summary>
public sealed partial class ChartTextBrowserTests(BrowserFixture app) : IClassFixture<BrowserFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>The reference's ATA2 and its first indicator (tesoma-reference.json, the indicator catalog).</summary>
    private static readonly (string Language, string Kra, string Indicator)[] Names =
    [
        ("en-GB", "Adults are able to work and function and are well", "Care plans of type 2 diabetes and coronary heart disease patients"),
        ("fi-FI", "Aikuisväestö on työ- ja toimintakykyinen ja voi hyvin", "Hoitosuunnitelma diabeetikoilla ja sepelvaltimotautipotilailla"),
    ];

    [Fact]
    public async Task GivenTheScorecard_WhenReadingTheTrendChartsInEnglishAndFinnish_ThenTheyNameTheKeyResultAreaAndEachIndicator()
    {
        app.SkipIfUnavailable();
        var page = await app.NewPageAsync();
        await new LoginPage(page).SignInAsync("tampere.viewer", BrowserFixture.Password);
        foreach (var (language, kra, indicator) in Names)
        {
            await page.GotoAsync($"/culture?c={language}&redirectUri={Uri.EscapeDataString("/scorecard?period=P1")}");
            var chart = page.GetByTestId("indicator-trend-ATA2");
            await Assertions.Expect(chart.Locator("figcaption")).ToContainTextAsync(kra);
            // Radzen draws a line per indicator once the chart has measured itself in the browser.
            await Assertions.Expect(chart.Locator("svg .rz-line-series")).ToHaveCountAsync(3);
            var legend = page.GetByTestId("trend-legend-ATA2");
            await Assertions.Expect(legend).ToContainTextAsync(indicator);
            var legendText = string.Concat(await legend.AllTextContentsAsync());
            foreach (var id in new[] { "chronic_care_plan", "chronic_balance", "dental_care_plan" })
            {
                Assert.DoesNotContain(id, legendText, StringComparison.Ordinal);
            }

            // The scorecard's table names the indicator too, its id only as the secondary text.
            var row = page.GetByTestId("scorecard-indicator").Filter(new() { HasText = indicator });
            await Assertions.Expect(row.Locator(".indicator-id")).ToHaveTextAsync("chronic_care_plan");
            await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, $"scorecard-trend-names-{language}.png"), FullPage = true });
        }
    }

    [Fact]
    public async Task GivenP3WithDataOnlyFor2025_WhenReadingThePublicPageInEnglishAndFinnish_ThenItsChartsNameTheKeyResultAreasAndNoLaterYearHasAResult()
    {
        app.SkipIfUnavailable();
        // P3 runs 2025 to March 2028; its data ends with 2025 (the reference has none for P3).
        const int lastDataYear = 2025;
        foreach (var indicator in new[] { "chronic_care_plan", "nps" })
        {
            await using var scope = app.Services.CreateAsyncScope();
            var set = await scope.ServiceProvider.GetRequiredService<SetIndicatorValue>()
                .ExecuteAsync("tesoma", new IndicatorValueInput(indicator, null, lastDataYear, 74m, null), new Actor("admin", Roles.Admin, null), Ct);
            Assert.True(set.IsOk, set.Message);
        }

        // The results behind the page: P3 scores 2025 only, and no result of any period is of a later year.
        PublicResults results;
        await using (var scope = app.Services.CreateAsyncScope())
        {
            results = (await scope.ServiceProvider.GetRequiredService<GetPublicResults>().ExecuteAsync("tesoma", Ct)).Value!;
        }

        var p3 = results.Periods.Single(p => p.Period == "P3");
        Assert.Equal([lastDataYear], p3.Years.Select(y => y.Year));
        Assert.Equal(lastDataYear, p3.ToDateThrough);
        Assert.All(results.Periods.SelectMany(p => p.Years), y => Assert.True(y.Year <= lastDataYear, $"{y.Year} has a public score"));
        Assert.All(results.Indicators, i => Assert.True(i.Year <= lastDataYear, $"{i.Indicator} {i.Year} has a public result"));

        var page = await app.NewPageAsync();
        foreach (var (language, kra, _) in Names)
        {
            await page.GotoAsync($"/culture?c={language}&redirectUri=/public");
            var chart = page.GetByTestId("public-chart-ATA2");
            await Assertions.Expect(chart).ToHaveAttributeAsync("aria-label", kra);
            Assert.Equal(kra, (await chart.Locator("title").First.TextContentAsync())?.Trim());
            await Assertions.Expect(page.Locator("figure", new() { Has = chart }).Locator("figcaption")).ToHaveTextAsync(kra);
            var captions = string.Join(" | ", await page.Locator("main.public figcaption").AllTextContentsAsync());
            Assert.DoesNotMatch(KraIdRegex(), captions);

            // No year after the data's last one anywhere a year labels a score or a result: chart labels, table cells.
            var labels = await page.Locator("main svg text, main svg title, main td, main th").AllTextContentsAsync();
            Assert.Contains(labels, l => l.Contains("2025", StringComparison.Ordinal));
            foreach (var later in new[] { "2026", "2027", "2028" })
            {
                Assert.DoesNotContain(labels, l => l.Contains(later, StringComparison.Ordinal));
            }

            await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, $"public-charts-{language}.png"), FullPage = true });
        }
    }

    [GeneratedRegex(@"\bATA\d\b")]
    private static partial Regex KraIdRegex();
}
