using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Allianssi.IntegrationTests.Trust;

/// <summary>Security headers, sign-in rate limiting, lockout and the start-up check of secrets (SQLite; nothing here depends on the store).</summary>
public sealed class WebProtectionTests : IAsyncLifetime
{
    private readonly string _file = Path.Combine(Path.GetTempPath(), $"allianssi-web-{Guid.NewGuid():N}.db");
    private WebApplicationFactory<Program> _app = default!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public ValueTask InitializeAsync()
    {
        _app = Demo(_file, permits: 4);
        return ValueTask.CompletedTask;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        File.Delete(_file);
    }

    private static WebApplicationFactory<Program> Demo(string file, int permits) => new WebApplicationFactory<Program>().WithWebHostBuilder(b =>
    {
        b.UseSetting("ConnectionStrings:Operational", $"Data Source={file}");
        b.UseSetting("Allianssi:Demo", "true");
        b.UseSetting("Allianssi:MigrateOnStart", "true");
        b.UseSetting("Allianssi:DemoPassword", AppFixture.Password);
        b.UseSetting("Demo:Residents", "0");
        b.UseSetting("Allianssi:SignInRateLimit:PermitLimit", permits.ToString(System.Globalization.CultureInfo.InvariantCulture));
        b.UseEnvironment("Development");
    });

    [Theory]
    [InlineData("/account/login")]
    [InlineData("/api/alliances")]
    public async Task GivenAnyResponse_WhenServed_ThenSecurityHeadersAreSet(string path)
    {
        var response = await _app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false }).GetAsync(path, Ct);

        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("DENY", response.Headers.GetValues("X-Frame-Options").Single());
        Assert.Equal("no-referrer", response.Headers.GetValues("Referrer-Policy").Single());
        var csp = response.Headers.GetValues("Content-Security-Policy").Single();
        Assert.Contains("frame-ancestors 'none'", csp, StringComparison.Ordinal);
        Assert.Contains("default-src 'self'", csp, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-eval", csp, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GivenManySignInAttemptsFromOneAddress_WhenOverTheLimit_ThenTooManyRequestsAsProblemDetails()
    {
        var client = _app.CreateClient();
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 6; i++)
        {
            var response = await client.PostAsJsonAsync("/api/auth/token", new { userName = "nobody", password = "wrong" }, Ct);
            statuses.Add(response.StatusCode);
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            }
        }

        Assert.Equal([.. Enumerable.Repeat(HttpStatusCode.Unauthorized, 4), HttpStatusCode.TooManyRequests, HttpStatusCode.TooManyRequests], statuses);
    }

    [Fact]
    public async Task GivenFiveWrongPasswords_WhenTheRightOneFollows_ThenTheAccountIsLockedOut()
    {
        var file = Path.Combine(Path.GetTempPath(), $"allianssi-lockout-{Guid.NewGuid():N}.db");
        await using var app = Demo(file, permits: 100);
        var client = app.CreateClient();
        for (var i = 0; i < 5; i++)
        {
            var wrong = await client.PostAsJsonAsync("/api/auth/token", new { userName = "tampere.viewer", password = "Wrong-pass-1!" }, Ct);
            Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        }

        var right = await client.PostAsJsonAsync("/api/auth/token", new { userName = "tampere.viewer", password = AppFixture.Password }, Ct);

        Assert.Equal(HttpStatusCode.Unauthorized, right.StatusCode);
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        await app.DisposeAsync();
        File.Delete(file);
    }

    [Fact]
    public void GivenProductionModeWithoutThePseudonymKey_WhenStarting_ThenStartUpStopsWithAClearMessage()
    {
        var file = Path.Combine(Path.GetTempPath(), $"allianssi-nokey-{Guid.NewGuid():N}.db");
        using var app = new WebApplicationFactory<Program>().WithWebHostBuilder(b =>
        {
            b.UseSetting("ConnectionStrings:Operational", $"Data Source={file}");
            b.UseSetting("Allianssi:Data", Path.Combine(Path.GetTempPath(), $"allianssi-nokey-{Guid.NewGuid():N}"));
            b.UseEnvironment("Production");
        });

        var error = Assert.ThrowsAny<InvalidOperationException>(() => app.CreateClient());

        Assert.Contains("pseudonymisation HMAC key", error.Message, StringComparison.Ordinal);
        Assert.Contains("ALLIANSSI_PSEUDONYM_KEY", error.Message, StringComparison.Ordinal);
        Assert.Contains("--demo", error.Message, StringComparison.Ordinal);
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        File.Delete(file);
    }
}
