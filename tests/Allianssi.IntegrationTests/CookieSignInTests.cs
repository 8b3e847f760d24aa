using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Allianssi.IntegrationTests;

/// <summary>The pages' cookie sign-in gives the same access to the API as a bearer token.</summary>
public sealed partial class CookieSignInTests(SqliteFixture app) : IClassFixture<SqliteFixture>
{
    [Fact]
    public async Task GivenAnonymous_WhenOpeningAPage_ThenRedirectedToSignIn()
    {
        var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        var response = await client.GetAsync("/scorecard", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/account/login", response.Headers.Location?.PathAndQuery ?? response.Headers.Location?.OriginalString, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GivenCookieSignIn_WhenCallingTheApiAndPages_ThenAllowedAsTheUsersRole()
    {
        var ct = TestContext.Current.CancellationToken;
        var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        var form = await client.GetStringAsync("/account/login", ct);
        var token = Token().Match(form).Groups[1].Value;

        var signIn = await client.PostAsync("/account/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token,
            ["userName"] = "tampere.viewer",
            ["password"] = AppFixture.Password,
            ["returnUrl"] = "/settlement",
        }), ct);

        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        Assert.Equal("/settlement", signIn.Headers.Location?.OriginalString);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/alliances", ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync("/api/audit", ct)).StatusCode);
        var page = await client.GetStringAsync("/settlement?period=P1", ct);
        Assert.Contains("57", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GivenFiveWrongPasswords_WhenTheRightOneFollows_ThenTheAccountIsLocked_WhileFourAreForgiven()
    {
        // One lockout setting (Allianssi:Lockout:MaxFailedAttempts, default 5): Program.cs used to set 10 beside it.
        var ct = TestContext.Current.CancellationToken;
        var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        async Task<HttpStatusCode> TokenAsync(string user, string password) =>
            (await client.PostAsJsonAsync("/api/auth/token", new { userName = user, password }, ct)).StatusCode;

        for (var i = 0; i < 4; i++)
        {
            Assert.Equal(HttpStatusCode.Unauthorized, await TokenAsync("setlementti.viewer", "wrong-" + i));
        }

        Assert.Equal(HttpStatusCode.OK, await TokenAsync("setlementti.viewer", AppFixture.Password));

        for (var i = 0; i < 5; i++)
        {
            Assert.Equal(HttpStatusCode.Unauthorized, await TokenAsync("mehilainen.viewer", "wrong-" + i));
        }

        Assert.Equal(HttpStatusCode.Unauthorized, await TokenAsync("mehilainen.viewer", AppFixture.Password));
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex Token();
}
