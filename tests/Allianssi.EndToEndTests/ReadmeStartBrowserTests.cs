using System.IO.Compression;
using System.Net;
using Allianssi.EndToEndTests.Pages;
using Microsoft.Playwright;

namespace Allianssi.EndToEndTests;

/// <summary>
/// The README's start works in a real browser: every script and stylesheet loads, and what-if, an
/// approval and a ledger drill-down work through the interactive connection. Run against the app as
/// <c>dotnet run --project src/Allianssi.Web</c> starts it (Production, from the build output) and as
/// the published output runs; both in one collection so the two servers do not compete for the CPU.
/// </summary>
public abstract class ReadmeStartBrowserTests(ReadmeAppFixture app)
{
    [Fact]
    public async Task GivenTheReadmeStart_WhenTheSignInPageLoads_ThenEveryScriptAndStylesheetLoadsWithAndWithoutGzip()
    {
        app.SkipIfUnavailable();
        var ct = TestContext.Current.CancellationToken;
        var page = await app.NewPageAsync();
        var failed = new List<string>();
        page.Response += (_, r) =>
        {
            if (r.Status >= 400)
            {
                failed.Add($"{r.Status} {r.Url}");
            }
        };

        await page.GotoAsync("/account/login", new() { WaitUntil = WaitUntilState.NetworkIdle });

        var assets = await page.EvaluateAsync<string[]>(
            "() => [...document.querySelectorAll('script[src], link[rel=stylesheet][href]')].map(e => e.src || e.href)");
        Assert.Contains(assets, a => a.EndsWith("/_framework/blazor.web.js", StringComparison.Ordinal));
        Assert.Contains(assets, a => a.Contains("/_content/Radzen.Blazor/Radzen.Blazor.js", StringComparison.Ordinal));
        Assert.Contains(assets, a => a.Contains("/_content/Radzen.Blazor/css/", StringComparison.Ordinal));
        Assert.Contains(assets, a => a.Contains("/app.", StringComparison.Ordinal) && a.EndsWith(".css", StringComparison.Ordinal));
        Assert.True(failed.Count == 0, $"The browser got errors: {string.Join(", ", failed)}\n{Tail(app.ServerOutput)}");

        using var http = new HttpClient(new HttpClientHandler { AutomaticDecompression = DecompressionMethods.None });
        foreach (var asset in assets)
        {
            using var plain = new HttpRequestMessage(HttpMethod.Get, asset);
            using var plainResponse = await http.SendAsync(plain, ct);
            var plainBody = await plainResponse.Content.ReadAsByteArrayAsync(ct);
            Assert.True(plainResponse.StatusCode == HttpStatusCode.OK, $"{asset}: {(int)plainResponse.StatusCode}\n{Tail(app.ServerOutput)}");
            Assert.True(plainBody.Length > 0, $"{asset}: empty");
            Assert.Empty(plainResponse.Content.Headers.ContentEncoding);

            using var gzip = new HttpRequestMessage(HttpMethod.Get, asset);
            gzip.Headers.AcceptEncoding.ParseAdd("gzip");
            using var gzipResponse = await http.SendAsync(gzip, ct);
            Assert.True(gzipResponse.StatusCode == HttpStatusCode.OK, $"{asset} (gzip): {(int)gzipResponse.StatusCode}\n{Tail(app.ServerOutput)}");
            var body = await gzipResponse.Content.ReadAsByteArrayAsync(ct);
            Assert.True(body.Length > 0, $"{asset} (gzip): empty");
            if (gzipResponse.Content.Headers.ContentEncoding.Contains("gzip"))
            {
                using var unzip = new GZipStream(new MemoryStream(body), CompressionMode.Decompress);
                using var unzipped = new MemoryStream();
                await unzip.CopyToAsync(unzipped, ct);
                body = unzipped.ToArray();
            }

            Assert.True(plainBody.AsSpan().SequenceEqual(body), $"{asset}: the gzip answer is not the same file");
        }

        // The data folder is the one given with --data, as the README says.
        Assert.True(File.Exists(Path.Combine(app.DataDirectory, "allianssi.db")), $"no allianssi.db in the --data folder\n{Tail(app.ServerOutput)}");
        Assert.DoesNotContain("FileNotFoundException", app.ServerOutput, StringComparison.Ordinal);
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, $"readme-{app.Name}-sign-in.png"), FullPage = true });

        // The sign-in page links to the public results, which need no account.
        var publicPage = page.WaitForResponseAsync(r => r.Url.EndsWith("/public", StringComparison.Ordinal));
        await page.Locator("a[href='/public']").ClickAsync();
        Assert.Equal(200, (await publicPage).Status);
        Assert.EndsWith("/public", page.Url, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GivenTheReadmeStart_WhenSignedInWithAPrintedDemoUser_ThenWhatIfApprovalAndLedgerDrillDownWork()
    {
        app.SkipIfUnavailable();

        // What-if "Calculate" (fi "Laske"): the result appears.
        var analyst = await app.NewPageAsync();
        await new LoginPage(analyst).SignInAsync("mehilainen.analyst", app.PasswordOf("mehilainen.analyst"));
        var whatIf = new WhatIfPage(analyst);
        await whatIf.OpenAsync("P2", 2023);
        var real = await whatIf.RealPeriodScore.InnerTextAsync();
        await whatIf.SetZeroLevelAsync("Net Promoter Score", "30");
        await whatIf.CalculateAsync();
        await Assertions.Expect(whatIf.WhatIfPeriodScore).ToBeVisibleAsync();
        await Assertions.Expect(whatIf.WhatIfPeriodScore).Not.ToHaveTextAsync(real);
        await analyst.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, $"readme-{app.Name}-what-if.png"), FullPage = true });

        // An approval: the party's row changes from "not yet" to the approver.
        var leader = await app.NewPageAsync();
        await new LoginPage(leader).SignInAsync("tampere.leadership", app.PasswordOf("tampere.leadership"), "/settlement?period=P1");
        var settlement = new SettlementPage(leader);
        await settlement.OpenAsync("P1");
        var panel = new ApprovalPanel(leader);
        await Assertions.Expect(panel.Row("tampere")).ToContainTextAsync("not yet");
        await panel.ApproveAsync("tampere");
        await Assertions.Expect(panel.Row("tampere")).Not.ToContainTextAsync("not yet");
        await Assertions.Expect(panel.Row("tampere")).ToContainTextAsync("tampere.leadership");

        // The ledger drill-down: the party's lines appear.
        await settlement.OpenLedgerAsync("Mehiläinen-ryhmittymä");
        var ledger = settlement.LedgerTable("mehilainen");
        await Assertions.Expect(ledger).ToBeVisibleAsync();
        Assert.True(await ledger.GetByRole(AriaRole.Row).CountAsync() > 1, "the ledger table has no lines");
        await leader.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, $"readme-{app.Name}-settlement.png"), FullPage = true });
    }

    private static string Tail(string output) => string.Join('\n', output.Split('\n').TakeLast(40));
}

/// <summary>The README's <c>dotnet run --project src/Allianssi.Web</c>.</summary>
[Collection(nameof(ReadmeStartBrowserTests))]
public sealed class DotnetRunBrowserTests(DotnetRunAppFixture app) : ReadmeStartBrowserTests(app), IClassFixture<DotnetRunAppFixture>;

/// <summary>The published output run with <c>dotnet Allianssi.Web.dll</c>.</summary>
[Collection(nameof(ReadmeStartBrowserTests))]
public sealed class PublishedBrowserTests(PublishedAppFixture app) : ReadmeStartBrowserTests(app), IClassFixture<PublishedAppFixture>;
