using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Allianssi.IntegrationTests.Faults;

/// <summary>Tests that stop a PostgreSQL server run alone, never beside another test of this assembly.</summary>
[CollectionDefinition(nameof(PostgresRestartGroup), DisableParallelization = true)]
public sealed class PostgresRestartGroup;

/// <summary>
/// The app keeps running while its PostgreSQL server stops and starts again: meanwhile the API answers
/// 503 ProblemDetails and the pages an error page (no stack trace, no connection string), and afterwards
/// the same requests succeed with no restart of the app. (The public page is served from its cache
/// while the database is down, so the page checked is a signed-in one.)
/// </summary>
[Collection(nameof(PostgresRestartGroup))]
public sealed partial class PostgresRestartTests
{
    private const string Status = "/api/alliances/tesoma/periods/P1/approval";
    private const string Scorecard = "/api/alliances/tesoma/periods/P2/scorecard?year=2023";
    private const string Page = "/settlement?period=P1";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task GivenThePostgresServerStopsAndStartsAgain_ThenRequestsFailWith503AndRecoverWithoutRestartingTheApp()
    {
        await using var cluster = await ThrowawayCluster.CreateAsync();
        await using var app = new RestartAppFactory(cluster.ConnectionString);
        try
        {
            var viewer = await ClientAsync(app, "tampere.viewer");
            var leadership = await ClientAsync(app, "tampere.leadership");
            var anonymous = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
            var signedIn = await CookieClientAsync(app, "tampere.viewer");
            // Several requests at once leave several idle connections in the pool, all of which the stop breaks.
            var warm = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => viewer.GetAsync(Status, Ct)));
            Assert.All(warm, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
            Assert.Equal(HttpStatusCode.OK, (await viewer.GetAsync(Scorecard, Ct)).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("/public?warm=1", Ct)).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await signedIn.GetAsync(Page, Ct)).StatusCode);

            var stop = Stopwatch.StartNew();
            await cluster.StopAsync();
            var stopMs = stop.ElapsedMilliseconds;

            var down = Stopwatch.StartNew();
            foreach (var url in new[] { Status, Scorecard, Status, Scorecard, Status })
            {
                await AssertProblemAsync(await viewer.GetAsync(url, Ct), cluster.ConnectionString);
            }

            await AssertProblemAsync(await leadership.PostAsJsonAsync(Status, new { }, Ct), cluster.ConnectionString);
            await AssertErrorPageAsync(await signedIn.GetAsync(Page, Ct), "Palvelu on tilapäisesti poissa käytöstä", cluster.ConnectionString);
            await AssertErrorPageAsync(await signedIn.GetAsync(Page + "&culture=en-GB", Ct), "Service temporarily unavailable", cluster.ConnectionString);
            var failFastMs = down.ElapsedMilliseconds / 8.0;

            var start = Stopwatch.StartNew();
            await cluster.StartAsync();
            var startMs = start.ElapsedMilliseconds;

            // Recovery: from the moment the server accepts connections to the first request that succeeds.
            var recover = Stopwatch.StartNew();
            var failedAfterStart = 0;
            while (true)
            {
                var response = await viewer.GetAsync(Status, Ct);
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    break;
                }

                await AssertProblemAsync(response, cluster.ConnectionString);
                failedAfterStart++;
                Assert.True(recover.Elapsed < TimeSpan.FromSeconds(30), $"still failing {recover.Elapsed} after the server started ({failedAfterStart} requests)");
                await Task.Delay(100, Ct);
            }

            var recoveredMs = recover.ElapsedMilliseconds;
            var again = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => viewer.GetAsync(Status, Ct)));
            Assert.All(again, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
            Assert.Equal(HttpStatusCode.OK, (await viewer.GetAsync(Scorecard, Ct)).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("/public?up=1", Ct)).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await signedIn.GetAsync(Page, Ct)).StatusCode);
            var approved = await leadership.PostAsJsonAsync(Status, new { }, Ct);
            Assert.Equal(HttpStatusCode.OK, approved.StatusCode);
            Assert.Equal("partly-approved", (await approved.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("state").GetString());

            // An idle restart: nothing asks while the server is down, so the pool still holds the connections the stop broke.
            var warmAgain = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => viewer.GetAsync(Status, Ct)));
            Assert.All(warmAgain, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
            await cluster.StopAsync();
            await cluster.StartAsync();
            var idle = Stopwatch.StartNew();
            var failedAfterIdleRestart = 0;
            while (true)
            {
                var response = await viewer.GetAsync(Status, Ct);
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    break;
                }

                await AssertProblemAsync(response, cluster.ConnectionString);
                failedAfterIdleRestart++;
                Assert.True(idle.Elapsed < TimeSpan.FromSeconds(30), $"still failing {idle.Elapsed} after an idle restart ({failedAfterIdleRestart} requests)");
            }

            var idleMs = idle.ElapsedMilliseconds;
            var afterIdle = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => viewer.GetAsync(Status, Ct)));
            Assert.All(afterIdle, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));

            TestContext.Current.TestOutputHelper?.WriteLine(
                $"stop {stopMs} ms; while down: {failFastMs:0.#} ms per failed request (8 requests, all 503); start until accepting {startMs} ms; "
                + $"first success {recoveredMs} ms after the server accepted connections, {failedAfterStart} failed request(s) in between; "
                + $"idle restart: first success {idleMs} ms after the server accepted connections, {failedAfterIdleRestart} failed (503) request(s) in between");
        }
        finally
        {
            if (!await cluster.IsOnlineAsync())
            {
                await cluster.StartAsync();
            }
        }
    }

    private static async Task<HttpClient> ClientAsync(RestartAppFactory app, string user)
    {
        var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var response = await client.PostAsJsonAsync("/api/auth/token", new { userName = user, password = AppFixture.Password }, Ct);
        response.EnsureSuccessStatusCode();
        var token = (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("accessToken").GetString();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    /// <summary>A client signed in through the pages' cookie form.</summary>
    private static async Task<HttpClient> CookieClientAsync(RestartAppFactory app, string user)
    {
        var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        var form = await client.GetStringAsync("/account/login", Ct);
        var signIn = await client.PostAsync("/account/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = AntiforgeryToken().Match(form).Groups[1].Value,
            ["userName"] = user,
            ["password"] = AppFixture.Password,
            ["returnUrl"] = "/",
        }), Ct);
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        return client;
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryToken();

    private static async Task AssertProblemAsync(HttpResponseMessage response, string connectionString)
    {
        var body = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.StatusCode == HttpStatusCode.ServiceUnavailable, $"{(int)response.StatusCode}: {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.NotNull(response.Headers.RetryAfter);
        var problem = JsonDocument.Parse(body).RootElement;
        Assert.Equal(503, problem.GetProperty("status").GetInt32());
        Assert.Equal("https://tools.ietf.org/html/rfc9110#section-15.6.4", problem.GetProperty("type").GetString());
        Assert.False(string.IsNullOrWhiteSpace(problem.GetProperty("title").GetString()));
        AssertNothingLeaks(body, connectionString);
    }

    private static async Task AssertErrorPageAsync(HttpResponseMessage response, string title, string connectionString)
    {
        var body = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.StatusCode == HttpStatusCode.ServiceUnavailable, $"{(int)response.StatusCode}: {body}");
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains($"<h1>{title}</h1>", body, StringComparison.Ordinal);
        AssertNothingLeaks(body, connectionString);
    }

    private static void AssertNothingLeaks(string body, string connectionString)
    {
        var server = new Npgsql.NpgsqlConnectionStringBuilder(connectionString);
        Assert.DoesNotContain("   at ", body, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", body, StringComparison.Ordinal);
        Assert.DoesNotContain("Npgsql", body, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(server.Password!, body, StringComparison.Ordinal);
        Assert.DoesNotContain($":{server.Port}", body, StringComparison.Ordinal);
        Assert.DoesNotContain("Port=", body, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("Host=", body, StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>The app in demo mode on the throwaway cluster.</summary>
    private sealed class RestartAppFactory(string connectionString) : WebApplicationFactory<Program>
    {
        private readonly string _data = Path.Combine(Path.GetTempPath(), $"allianssi-restart-{Guid.NewGuid():N}");

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseSetting("ConnectionStrings:Operational", connectionString);
            builder.UseSetting("Allianssi:Data", _data);
            builder.UseSetting("Allianssi:Demo", "true");
            builder.UseSetting("Allianssi:MigrateOnStart", "true");
            builder.UseSetting("Allianssi:DemoPassword", AppFixture.Password);
            builder.UseSetting("Demo:Residents", "0");
            builder.UseEnvironment("Development");
        }

        public override async ValueTask DisposeAsync()
        {
            await base.DisposeAsync();
            try
            {
                Directory.Delete(_data, recursive: true);
            }
            catch (IOException)
            {
            }
        }
    }
}
