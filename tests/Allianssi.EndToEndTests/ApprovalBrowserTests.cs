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
        await Assertions.Expect(viewer.GetByRole(AriaRole.Button, new() { Name = "Approve for pirha" })).ToHaveCountAsync(0);
    }

    [GeneratedRegex("^[0-9a-f]{64}$")]
    private static partial Regex Sha256();
}
