using Allianssi.Application.Data;
using Allianssi.Application.Data.Entities;
using Allianssi.Application.Security;
using Allianssi.Application.UseCases.Common;
using Allianssi.Application.UseCases.Indicators;
using Allianssi.Application.UseCases.Money;
using Allianssi.EndToEndTests.Pages;
using Allianssi.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Allianssi.EndToEndTests;

/// <summary>
/// A period running into the future is shown "to date" and a year in progress "so far", never a later
/// year or the domain's raw error (issue 12 item 2); progress updates by itself on a page without an
/// interactive connection (item 9). Read as a user reads it, in English.
/// </summary>
public sealed class SoFarAndProgressBrowserTests(BrowserFixture app) : IClassFixture<BrowserFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task GivenP3WithDataUpToThisYear_WhenOpeningItsScorecardAndSettlement_ThenTheyAreLabelledToDateWithoutARawErrorOrALaterYear()
    {
        app.SkipIfUnavailable();
        // P3 runs 2025 to March 2028. The app scores no year after the current one (its clock is the real one here).
        var last = Math.Min(DateTime.UtcNow.Year, 2028);
        var years = Enumerable.Range(2025, last - 2025 + 1).ToList();
        var later = Enumerable.Range(last + 1, 2028 - last).ToList();
        foreach (var year in years)
        {
            await RunAsync<SetIndicatorValue, Outcome<IndicatorValueDto?>>(u => u.ExecuteAsync("tesoma", new IndicatorValueInput("chronic_care_plan", null, year, 76m, null), new Actor("admin", Roles.Admin, null), Ct));
            await RunAsync<SetIndicatorValue, Outcome<IndicatorValueDto?>>(u => u.ExecuteAsync("tesoma", new IndicatorValueInput("nps", null, year, 72m, null), new Actor("admin", Roles.Admin, null), Ct));
        }

        var page = await app.NewPageAsync();
        await new LoginPage(page).SignInAsync("tampere.leadership", BrowserFixture.Password, "/scorecard?period=P3");
        await new ScorecardPage(page).OpenAsync("P3");

        await Assertions.Expect(page.GetByTestId("period-score-label")).ToHaveTextAsync($"Period score P3 to date (through {last})");
        if (last == DateTime.UtcNow.Year)
        {
            await Assertions.Expect(page.GetByTestId("year-score-label")).ToHaveTextAsync($"Year score {last} (so far)");
        }

        await AssertNoLaterYearAndNoRawErrorAsync(page, later);
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, "p3-scorecard-to-date.png"), FullPage = true });

        // No target cost is agreed for P3's years in the reference configuration: the settlement says so, once.
        await new SettlementPage(page).OpenAsync("P3");
        await Assertions.Expect(page.GetByTestId("not-settled")).ToContainTextAsync(
            $"Period P3 cannot be settled to date: no target cost has been recorded for {string.Join(", ", years)}.");
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToHaveCountAsync(0);
        await AssertNoLaterYearAndNoRawErrorAsync(page, later);
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, "p3-settlement-no-target-cost.png"), FullPage = true });

        foreach (var year in years)
        {
            var set = await RunAsync<SetTargetCost, Outcome<TargetCostDto>>(u => u.ExecuteAsync("tesoma", new TargetCostDto("tampere", year, 11_000_000m, "e2e"), new Actor("tampere.leadership", Roles.Leadership, "tampere"), Ct));
            Assert.True(set.IsOk, set.Message);
        }

        await new SettlementPage(page).OpenAsync("P3");
        await Assertions.Expect(page.GetByTestId("to-date")).ToContainTextAsync($"Settled to date: 2025–{last}");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync($"Settlement P3 to date (through {last})");
        await Assertions.Expect(page.GetByTestId("target-cost")).ToHaveTextAsync("€" + (11_000_000m * years.Count).ToString("N2", System.Globalization.CultureInfo.GetCultureInfo("en-GB")));
        await AssertNoLaterYearAndNoRawErrorAsync(page, later);
        // A result to date is not final: the approval panel says why instead of offering the approve button.
        await Assertions.Expect(page.GetByTestId("not-approvable")).ToHaveTextAsync(
            $"Period P3 is settled only to date (through {last}): it can be approved and locked once every year of the period is over and has its data.");
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { NameRegex = new System.Text.RegularExpressions.Regex("^Approve") })).ToHaveCountAsync(0);
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, "p3-settlement-to-date.png"), FullPage = true });

        // The same in Finnish, and the settlement CSV says "so far" in its own column.
        await page.GotoAsync($"/culture?c=fi-FI&redirectUri={Uri.EscapeDataString("/settlement?period=P3")}");
        await Assertions.Expect(page.GetByTestId("not-approvable")).ToContainTextAsync($"Jakso P3 on laskettu vasta tähän asti (vuoteen {last})");
        var href = await page.GetByTestId("csv-settlement-P3-parties").GetAttributeAsync("href");
        var csv = System.Text.Encoding.UTF8.GetString(Convert.FromBase64String(href!["data:text/csv;charset=utf-8;base64,".Length..])).TrimStart('\uFEFF');
        var rows = csv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Select(l => l.Split(';')).ToList();
        var soFar = Array.IndexOf(rows[0], "tähän mennessä");
        var through = Array.IndexOf(rows[0], "laskettu vuoteen asti");
        Assert.Equal("yhteensä", rows[^1][0]);
        Assert.All(rows.Skip(1), r => Assert.Equal(last == DateTime.UtcNow.Year ? "kyllä" : "ei", r[soFar]));
        Assert.All(rows.Skip(1), r => Assert.Equal(last.ToString(System.Globalization.CultureInfo.InvariantCulture), r[through]));
        await page.GotoAsync("/culture?c=en-GB&redirectUri=/");
    }

    [Fact]
    public async Task GivenNoInteractiveConnection_WhenTheDemoDataProgressMoves_ThenTheOverviewShowsItWithoutAReload()
    {
        app.SkipIfUnavailable();
        var progress = app.Services.GetRequiredService<DemoDataProgress>();
        progress.Set(new DemoDataStatus(DemoDataStage.Importing, "visits", 40, 2000, true, null));
        try
        {
            var page = await app.NewPageAsync();
            await StaticOnlyAsync(page);
            await new LoginPage(page).SignInAsync("tampere.viewer", BrowserFixture.Password);
            var banner = page.GetByTestId("demo-data-status");
            await Assertions.Expect(banner).ToContainTextAsync("importing visits");
            await Assertions.Expect(banner).ToContainTextAsync("40 %");
            await page.EvaluateAsync("() => { window.notReloaded = true; }");

            progress.Set(new DemoDataStatus(DemoDataStage.Computing, "P2", 75, 2000, true, null));

            await Assertions.Expect(banner).ToContainTextAsync("computing the indicator results of period P2", new() { Timeout = 15_000 });
            await Assertions.Expect(banner).ToContainTextAsync("75 %");
            Assert.True(await page.EvaluateAsync<bool>("() => window.notReloaded === true"), "the page was reloaded");
            Assert.Equal(0, await page.Locator("[data-interactive]").CountAsync());
            await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, "demo-data-progress-polled.png"), FullPage = true });

            progress.Set(new DemoDataStatus(DemoDataStage.Done, null, 100, 2000, true, null));
            await Assertions.Expect(banner).ToContainTextAsync("the synthetic data set is imported", new() { Timeout = 15_000 });
            await Assertions.Expect(banner).Not.ToHaveAttributeAsync("data-poll-active", "true");
            Assert.True(await page.EvaluateAsync<bool>("() => window.notReloaded === true"), "the page was reloaded");
        }
        finally
        {
            progress.Set(new DemoDataStatus(DemoDataStage.Off, null, 0, 0, false, null));
        }
    }

    [Fact]
    public async Task GivenNoInteractiveConnection_WhenAComputeJobProgresses_ThenItsPageShowsTheProgressWithoutAReload()
    {
        app.SkipIfUnavailable();
        long id;
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AllianssiDbContext>();
            var job = new BackgroundJob
            {
                Kind = "compute", Alliance = "tesoma", Period = "P1", Status = JobStatus.Running, Done = 3, Total = 10,
                RequestedBy = "tampere.analyst", RequestedAt = DateTimeOffset.UtcNow, StartedAt = DateTimeOffset.UtcNow,
            };
            db.BackgroundJobs.Add(job);
            await db.SaveChangesAsync(Ct);
            id = job.Id;
        }

        var page = await app.NewPageAsync();
        await StaticOnlyAsync(page);
        await new LoginPage(page).SignInAsync("tampere.analyst", BrowserFixture.Password, $"/indicators?period=P1&job={id}");
        var status = page.GetByTestId("job-status");
        await Assertions.Expect(status).ToContainTextAsync("3 / 10");
        await page.EvaluateAsync("() => { window.notReloaded = true; }");

        await SetJobAsync(id, JobStatus.Running, 7);
        await Assertions.Expect(status).ToContainTextAsync("7 / 10", new() { Timeout = 15_000 });
        await SetJobAsync(id, JobStatus.Succeeded, 10);
        await Assertions.Expect(status).ToHaveAttributeAsync("data-status", "succeeded", new() { Timeout = 15_000 });
        await Assertions.Expect(status).ToContainTextAsync("10 / 10");
        Assert.True(await page.EvaluateAsync<bool>("() => window.notReloaded === true"), "the page was reloaded");
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, "compute-job-progress-polled.png"), FullPage = true });
    }

    /// <summary>No Blazor script: the pages stay as the server rendered them, with no interactive connection.</summary>
    private static async Task StaticOnlyAsync(IPage page) => await page.RouteAsync("**/_framework/blazor.web.js", route => route.AbortAsync());

    private async Task SetJobAsync(long id, JobStatus status, int done)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AllianssiDbContext>();
        var job = await db.BackgroundJobs.SingleAsync(j => j.Id == id, Ct);
        job.Status = status;
        job.Done = done;
        job.FinishedAt = status == JobStatus.Running ? null : DateTimeOffset.UtcNow;
        await db.SaveChangesAsync(Ct);
    }

    /// <summary>
    /// No raw validation error on the page, and no later year where a year names a score or a result: the
    /// year links, table cells and headers, score labels, headings and chart labels (the period's end date
    /// may still be named).
    /// </summary>
    private static async Task AssertNoLaterYearAndNoRawErrorAsync(IPage page, IReadOnlyList<int> later)
    {
        var text = await page.Locator("main").InnerTextAsync();
        Assert.DoesNotContain("must be positive", text, StringComparison.Ordinal);
        Assert.DoesNotContain("targetCosts", text, StringComparison.Ordinal);
        var labels = await page.Locator("main nav.picker a, main td, main th, main .scores .label, main h1, main h2, main svg text").AllTextContentsAsync();
        foreach (var year in later)
        {
            var y = year.ToString(System.Globalization.CultureInfo.InvariantCulture);
            Assert.DoesNotContain(labels, l => l.Contains(y, StringComparison.Ordinal));
        }
    }

    private async Task<TResult> RunAsync<TUseCase, TResult>(Func<TUseCase, Task<TResult>> run)
        where TUseCase : notnull
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await run(scope.ServiceProvider.GetRequiredService<TUseCase>());
    }
}
