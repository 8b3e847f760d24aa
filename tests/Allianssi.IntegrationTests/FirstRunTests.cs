using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Allianssi.IntegrationTests;

/// <summary>Production mode (a configured store, no demo): the first run asks for the admin account.</summary>
public sealed partial class FirstRunTests : IAsyncLifetime
{
    private readonly string _file = Path.Combine(Path.GetTempPath(), $"allianssi-firstrun-{Guid.NewGuid():N}.db");
    private WebApplicationFactory<Program> _app = default!;

    public ValueTask InitializeAsync()
    {
        _app = new WebApplicationFactory<Program>().WithWebHostBuilder(b =>
        {
            b.UseSetting("ConnectionStrings:Operational", $"Data Source={_file}");
            b.UseSetting("Allianssi:PseudonymKey", Convert.ToBase64String(new byte[32]));
            b.UseSetting("Allianssi:UploadKey", Convert.ToBase64String(new byte[32]));
            b.UseEnvironment("Development");
        });
        return ValueTask.CompletedTask;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        File.Delete(_file);
    }

    [Fact]
    public async Task GivenNoUsers_WhenVisiting_ThenSetupIsAskedAndCreatesTheOnlyAdmin()
    {
        var client = _app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var ct = TestContext.Current.CancellationToken;

        var home = await client.GetAsync("/", ct);
        Assert.Equal(HttpStatusCode.Redirect, home.StatusCode);
        Assert.Equal("/account/setup", home.Headers.Location?.OriginalString);

        var form = await client.GetStringAsync("/account/setup", ct);
        var token = Token().Match(form).Groups[1].Value;
        var created = await client.PostAsync("/account/setup", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token,
            ["userName"] = "first.admin",
            ["password"] = "First-admin-1!",
        }), ct);
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        Assert.Equal("/", created.Headers.Location?.OriginalString);

        // A second setup is refused: the admin exists, so it sends to the sign-in page.
        var again = await _app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false }).GetAsync("/account/setup", ct);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        var anonymousApi = await _app.CreateClient().GetAsync("/api/alliances", ct);
        Assert.Equal(HttpStatusCode.Unauthorized, anonymousApi.StatusCode);
    }

    [Fact]
    public async Task GivenAShortPassword_WhenTheFirstAdminIsCreated_ThenThePageSaysWhyInTheReadersLanguageAndShowsNoTextOfTheRequest()
    {
        var client = _app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var ct = TestContext.Current.CancellationToken;
        var form = await client.GetStringAsync("/account/setup", ct);
        var refused = await client.PostAsync("/account/setup", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = Token().Match(form).Groups[1].Value,
            ["userName"] = "first.admin",
            ["password"] = "aB1!",
        }), ct);
        Assert.Equal(HttpStatusCode.Redirect, refused.StatusCode);
        var location = refused.Headers.Location!.OriginalString;
        Assert.Equal("/account/setup?refused=form.passwordTooShort", location);

        var finnish = WebUtility.HtmlDecode(await client.GetStringAsync(location + "&culture=fi-FI", ct));
        Assert.Contains("salasanassa on oltava vähintään 6 merkkiä", finnish, StringComparison.Ordinal);
        var english = WebUtility.HtmlDecode(await client.GetStringAsync(location + "&culture=en-GB", ct));
        Assert.Contains("the password must be at least 6 characters long", english, StringComparison.Ordinal);

        // A link made to show other words on the page shows none of them: only the first-run codes are worded, and
        // none of them repeats anything of the address (a code that would, or one with other values, is ignored).
        foreach (var crafted in new[]
        {
            "refused=Call+040+123+4567&error=Call+040+123+4567",
            "refused=form.userNameTaken&name=Call+040+123+4567",
            "refused=form.userNameInvalid,form.partyUnknown,form.yearOutsideAlliance&name=Call+040+123+4567",
        })
        {
            using var response = await client.GetAsync("/account/setup?" + crafted, ct);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var spoofed = await response.Content.ReadAsStringAsync(ct);
            Assert.DoesNotContain("040", WebUtility.HtmlDecode(Regex.Replace(spoofed, "<[^>]+>", " ")), StringComparison.Ordinal);
            Assert.DoesNotContain("role=\"alert\"", spoofed, StringComparison.Ordinal);
        }
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex Token();
}
