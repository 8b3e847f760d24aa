using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Allianssi.Application.Data.Entities;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Allianssi.IntegrationTests.Trust;

/// <summary>
/// The smaller defences of issue 11: the culture switch redirects only within the site, changing
/// API requests signed in by cookie need the antiforgery token, and a job is cancelled only by its
/// own party's analysts.
/// </summary>
public abstract partial class SmallerDefenceTests(AppFixture app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("/%5Cevil.example")]
    [InlineData("/%5C%5Cevil.example")]
    [InlineData("//evil.example")]
    [InlineData("http://evil.example")]
    [InlineData("https:%2F%2Fevil.example")]
    [InlineData("/%09/evil.example")]
    public async Task GivenAnOffSiteRedirectProbe_WhenSwitchingCulture_ThenRedirectedToTheSitesRoot(string probe)
    {
        app.SkipIfUnavailable();
        var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        var response = await client.GetAsync($"/culture?c=fi-FI&redirectUri={probe}", Ct);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/", response.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task GivenALocalPath_WhenSwitchingCulture_ThenRedirectedBackToIt()
    {
        app.SkipIfUnavailable();
        var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        var response = await client.GetAsync("/culture?c=fi-FI&redirectUri=%2Fscorecard%3Fperiod%3DP2", Ct);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/scorecard?period=P2", response.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task GivenACookieSignIn_WhenPostingWithoutTheAntiforgeryToken_ThenRefusedAndWithTheTokenLetThrough()
    {
        app.SkipIfUnavailable();
        var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        var login = await client.GetStringAsync("/account/login", Ct);
        var signIn = await client.PostAsync("/account/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = Token().Match(login).Groups[1].Value,
            ["userName"] = "tampere.analyst",
            ["password"] = AppFixture.Password,
            ["returnUrl"] = "/",
        }), Ct);
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);

        // Bodiless posts, as a form on another site could send them with the cookie.
        var cancel = await client.PostAsync("/api/jobs/999999/cancel", null, Ct);
        var revert = await client.PostAsync("/api/imports/999999/revert", null, Ct);

        Assert.Equal(HttpStatusCode.BadRequest, cancel.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, revert.StatusCode);
        Assert.Contains("Antiforgery", await cancel.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);

        // The page's own token (issued to the signed-in user) lets the same request through (no such job).
        var page = await client.GetStringAsync("/", Ct);
        using var withToken = new HttpRequestMessage(HttpMethod.Post, "/api/jobs/999999/cancel");
        withToken.Headers.Add("RequestVerificationToken", Token().Match(page).Groups[1].Value);
        Assert.Equal(HttpStatusCode.NotFound, (await client.SendAsync(withToken, Ct)).StatusCode);
    }

    [Fact]
    public async Task GivenABearerToken_WhenPostingWithoutAnAntiforgeryToken_ThenLetThrough()
    {
        app.SkipIfUnavailable();
        var analyst = await app.ClientForAsync("tampere.analyst");

        var cancel = await analyst.PostAsync("/api/jobs/999999/cancel", null, Ct);

        Assert.Equal(HttpStatusCode.NotFound, cancel.StatusCode);
    }

    [Fact]
    public async Task GivenAJobQueuedByOneParty_WhenAnotherPartysAnalystCancelsIt_ThenForbiddenAndTheOwnAnalystMay()
    {
        app.SkipIfUnavailable();
        var owner = await app.ClientForAsync("tampere.analyst");
        var other = await app.ClientForAsync("mehilainen.analyst");
        var admin = await app.ClientForAsync("admin");
        // A job queued by tampere's analyst and not yet started (the runner never sees it).
        long id;
        await using (var db = app.OpenStore())
        {
            var job = new BackgroundJob { Kind = "compute", Alliance = "tesoma", Period = "P2", RequestedBy = "tampere.analyst", Status = JobStatus.Queued, RequestedAt = DateTimeOffset.UnixEpoch };
            db.BackgroundJobs.Add(job);
            await db.SaveChangesAsync(Ct);
            id = job.Id;
        }

        var byOther = await other.PostAsync($"/api/jobs/{id}/cancel", null, Ct);
        var byOwner = await owner.PostAsync($"/api/jobs/{id}/cancel", null, Ct);
        var byAdmin = await admin.PostAsync($"/api/jobs/{id}/cancel", null, Ct);

        Assert.Equal(HttpStatusCode.Forbidden, byOther.StatusCode);
        Assert.Equal(HttpStatusCode.OK, byOwner.StatusCode);
        Assert.Equal("cancelled", (await byOwner.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("status").GetString(), ignoreCase: true);
        Assert.Equal(HttpStatusCode.OK, byAdmin.StatusCode);
    }

    [Theory]
    [InlineData("tampere.analyst", HttpStatusCode.Forbidden)]
    [InlineData("mehilainen.analyst", HttpStatusCode.Forbidden)]
    [InlineData("tampere.leadership", HttpStatusCode.OK)]
    [InlineData("mehilainen.leadership", HttpStatusCode.OK)]
    public async Task GivenARole_WhenSettingTheAlliancesWeights_ThenOnlyLeadershipMay(string user, HttpStatusCode expected)
    {
        app.SkipIfUnavailable();
        var client = await app.ClientForAsync(user);

        // No change: every weight as it is (an empty set keeps each KRA's and indicator's weight).
        var response = await client.PutAsJsonAsync("/api/alliances/tesoma/configuration/weights",
            new { kras = new Dictionary<string, decimal>(), indicators = new Dictionary<string, decimal>() }, Ct);

        Assert.Equal(expected, response.StatusCode);
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex Token();
}

public sealed class SqliteSmallerDefenceTests(SqliteFixture app) : SmallerDefenceTests(app), IClassFixture<SqliteFixture>;

public sealed class PostgresSmallerDefenceTests(PostgresFixture app) : SmallerDefenceTests(app), IClassFixture<PostgresFixture>;
