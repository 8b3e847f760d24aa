using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Allianssi.EndToEndTests.Pages;
using Microsoft.Playwright;

namespace Allianssi.EndToEndTests;

/// <summary>Unanimous approval in the browser: each party's leadership approves, then the result is locked with its hash shown.</summary>
public sealed partial class ApprovalBrowserTests(BrowserFixture app) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task GivenEachPartysLeadership_WhenAllApproveOnTheSettlementPage_ThenTheResultIsLockedWithItsHashVisible()
    {
        app.SkipIfUnavailable();
        string[] parties = ["tampere", "mehilainen", "setlementti"];
        IPage? page = null;
        foreach (var party in parties)
        {
            page = await app.NewPageAsync();
            await new LoginPage(page).SignInAsync($"{party}.leadership", BrowserFixture.Password, "/settlement?period=P1");
            await new SettlementPage(page).OpenAsync("P1");
            var panel = new ApprovalPanel(page);
            await Assertions.Expect(panel.CurrentHash).ToHaveTextAsync(Sha256());

            await panel.ApproveAsync(party);

            await Assertions.Expect(panel.Row(party)).Not.ToContainTextAsync("not yet");
            await Assertions.Expect(panel.Row(party)).ToContainTextAsync($"{party}.leadership");
        }

        var last = new ApprovalPanel(page!);
        await Assertions.Expect(last.State).ToContainTextAsync("Locked");
        await Assertions.Expect(last.LockedHash).ToHaveTextAsync(Sha256());
        Assert.Equal(await last.CurrentHash.InnerTextAsync(), await last.LockedHash.InnerTextAsync());
        await page!.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, "settlement-locked.png"), FullPage = true });

        // Anyone reading the settlement afterwards sees the same locked hash.
        var viewer = await app.NewPageAsync();
        await new LoginPage(viewer).SignInAsync("pirha.viewer", BrowserFixture.Password, "/settlement?period=P1");
        await new SettlementPage(viewer).OpenAsync("P1");
        await Assertions.Expect(new ApprovalPanel(viewer).LockedHash).ToHaveTextAsync(await last.LockedHash.InnerTextAsync());
        await Assertions.Expect(viewer.GetByRole(AriaRole.Button, new() { NameRegex = new System.Text.RegularExpressions.Regex(@"^Approve for .*\(pirha\)$") })).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task GivenALockedYear_WhenAPageChangesItsInputAndThenEveryPartyReopensIt_ThenTheLockIsNamedAndReopeningLetsTheChangeThrough()
    {
        app.SkipIfUnavailable();
        const string settlement = "/settlement?period=P2&year=2024";
        string[] parties = ["tampere", "mehilainen", "setlementti", "pirha"];
        var hash = await LockThroughApiAsync("P2", 2024, parties);

        // The configuration page refuses an adjustment for 2024 and says why, without losing the page.
        var leader = await app.NewPageAsync();
        await new LoginPage(leader).SignInAsync("tampere.leadership", BrowserFixture.Password, "/configuration");
        var configuration = new ConfigurationPage(leader);
        await configuration.OpenAsync();
        await configuration.RecordAdjustmentAsync(2024, "-100", "Synthetic late correction", "Leadership team 1.1.2025");
        await Assertions.Expect(configuration.Conflict).ToContainTextAsync("locked by approval");
        await Assertions.Expect(configuration.Conflict).ToContainTextAsync(hash);
        await Assertions.Expect(configuration.Status).ToHaveCountAsync(0);
        await leader.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, "configuration-locked-conflict.png"), FullPage = true });

        // Every party's leadership consents to reopen on the settlement page; the last consent reopens.
        for (var i = 0; i < parties.Length; i++)
        {
            var page = await app.NewPageAsync();
            await new LoginPage(page).SignInAsync($"{parties[i]}.leadership", BrowserFixture.Password, settlement);
            await page.GotoAsync(settlement);
            await page.WaitUntilInteractiveAsync();
            var panel = new ApprovalPanel(page);
            await Assertions.Expect(panel.LockedHash).ToHaveTextAsync(hash);

            await panel.ConsentToReopenAsync(parties[i], "Late ledger correction agreed");

            if (i < parties.Length - 1)
            {
                await Assertions.Expect(panel.State).ToContainTextAsync("Locked");
            }
            else
            {
                await Assertions.Expect(panel.State).ToContainTextAsync("Not approved");
                await Assertions.Expect(panel.LockedHash).ToHaveCountAsync(0);
                await Assertions.Expect(panel.ReopenedLocks).ToBeVisibleAsync();
                await Assertions.Expect(page.GetByRole(AriaRole.Listitem).Filter(new() { HasText = "Late ledger correction agreed" })).ToContainTextAsync(hash);
            }
        }

        // Reopened: the same change now goes through.
        await configuration.OpenAsync();
        await configuration.RecordAdjustmentAsync(2024, "-100", "Synthetic late correction", "Leadership team 1.1.2025");
        await Assertions.Expect(configuration.Status).ToBeVisibleAsync();
        await Assertions.Expect(configuration.Conflict).ToHaveCountAsync(0);
    }

    /// <summary>Every party's leadership approves a year through the API; returns the locked snapshot's hash.</summary>
    private async Task<string> LockThroughApiAsync(string period, int year, IEnumerable<string> parties)
    {
        using var http = new HttpClient { BaseAddress = new Uri(app.BaseUrl) };
        var ct = TestContext.Current.CancellationToken;
        System.Text.Json.JsonElement last = default;
        foreach (var party in parties)
        {
            var token = await http.PostAsJsonAsync("/api/auth/token", new { userName = $"{party}.leadership", password = BrowserFixture.Password }, ct);
            token.EnsureSuccessStatusCode();
            var bearer = (await token.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>(ct)).GetProperty("accessToken").GetString();
            using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/alliances/tesoma/periods/{period}/approval?year={year}") { Content = JsonContent.Create(new { }) };
            request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", bearer);
            var response = await http.SendAsync(request, ct);
            response.EnsureSuccessStatusCode();
            last = await response.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>(ct);
        }

        Assert.Equal("locked", last.GetProperty("state").GetString());
        return last.GetProperty("lock").GetProperty("snapshotHash").GetString()!;
    }

    [GeneratedRegex("^[0-9a-f]{64}$")]
    private static partial Regex Sha256();
}
