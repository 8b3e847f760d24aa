using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Allianssi.Application.Data.Entities;
using Allianssi.Import.Batches;
using Allianssi.Import.Synthetic;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;

namespace Allianssi.IntegrationTests;

/// <summary>Demo mode with a small demo data set (400 residents, 2024-2025) in its own data folder.</summary>
public class DemoDataAppFixture(Store store) : DataFolderAppFixture(store, "demo")
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Demo:Residents", "400");
        builder.UseSetting("Demo:FromYear", "2024");
        builder.UseSetting("Demo:ToYear", "2025");
    }

    /// <summary>A fresh start of the application on the same stores (the fixture's own host is never started).</summary>
    public WebApplicationFactory<Program> Start() => WithWebHostBuilder(_ => { });
}

public sealed class SqliteDemoDataFixture() : DemoDataAppFixture(Store.Sqlite);

public sealed class PostgresDemoDataFixture() : DemoDataAppFixture(Store.PostgreSql);

/// <summary>The demo data set on first start: generated, imported through the import use case, computed; resumed after a stop; not redone on restart.</summary>
public abstract partial class DemoDataTests(DemoDataAppFixture app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task GivenEmptyDemoDataFolder_WhenStoppedWhileImportingAndStartedAgain_ThenEveryDatasetIsImportedOnceComputedAndNotRedoneOnRestart()
    {
        app.SkipIfUnavailable();
        var folder = Path.Combine(app.DataDirectory, "demo-data");

        // First start: stop while the largest file (slots) is being imported.
        await using (var first = app.Start())
        {
            var status = await WaitForAsync(await AdminAsync(first), s => (s.Stage == "importing" && s.Step == "slots") || s.Stage is "done" or "failed");
            Assert.Equal(("importing", 400), (status.Stage, status.Residents));
            Assert.InRange(status.Percent, 10, 60);

            // The overview shows the progress to every signed-in user, in Finnish and in English, each page in the words
            // of the stage it shows: 400 residents import quickly, so the stage may move on between the two reads.
            var viewer = await ViewerAsync(first);
            var fi = await viewer.GetStringAsync("/?culture=fi-FI&ui-culture=fi-FI", Ct);
            var en = await viewer.GetStringAsync("/?culture=en-GB&ui-culture=en-GB", Ct);
            Assert.Contains("Esittelyaineisto", fi, StringComparison.Ordinal);
            Assert.Contains(StageWords[("fi", StageOf(fi))], fi, StringComparison.Ordinal);
            Assert.Contains("Demo data", en, StringComparison.Ordinal);
            Assert.Contains(StageWords[("en", StageOf(en))], en, StringComparison.Ordinal);
        }

        var generated = Path.Combine(folder, "generated.json");
        var generatedAt = File.GetLastWriteTimeUtc(generated);
        var files = JsonDocument.Parse(await File.ReadAllTextAsync(generated, Ct)).RootElement.GetProperty("files").EnumerateArray()
            .ToDictionary(f => f.GetProperty("dataset").GetString()!, f => f.GetProperty("rows").GetInt64());
        Assert.Equal(SyntheticDatasets.All.Select(d => d.Dataset).Order(StringComparer.Ordinal), files.Keys.Order(StringComparer.Ordinal));

        // Second start: resumes without generating again, imports the rest, computes.
        await using (var second = app.Start())
        {
            var status = await WaitForAsync(await AdminAsync(second), s => s.Stage is "done" or "failed");
            Assert.Equal(("done", 100, true, null), (status.Stage, status.Percent, status.RanNow, status.Error));
        }

        Assert.Equal(generatedAt, File.GetLastWriteTimeUtc(generated));
        Assert.True(File.Exists(Path.Combine(folder, "done.json")));
        Assert.Empty(Directory.GetFiles(folder, "*.csv"));
        int batchRecords;
        await using (var db = app.OpenStore())
        {
            var accepted = await db.ImportBatches.Where(b => b.Status == BatchStatus.Accepted).ToListAsync(Ct);
            batchRecords = await db.ImportBatches.CountAsync(Ct);
            // One accepted batch per dataset (the ledger one per party), together holding every generated row, by the demo actor.
            Assert.Equal(files.Keys.Order(StringComparer.Ordinal), accepted.Select(b => b.Dataset).Distinct().Order(StringComparer.Ordinal));
            Assert.Equal(files.Count + 3, accepted.Count);
            Assert.All(accepted.GroupBy(b => b.Dataset), g => Assert.Equal((files[g.Key], files[g.Key], 0L), (g.Sum(b => (long)b.RowsRead!), g.Sum(b => (long)b.Accepted!), g.Sum(b => (long)b.Rejected!))));
            Assert.All(accepted, b => Assert.Equal("demo-data", b.ImportedBy));

            var periods = await db.Periods.Where(p => p.Alliance!.Code == "tesoma" && p.Dates.End.Year >= 2024 && p.Dates.Start.Year <= 2025).Select(p => p.Code).ToListAsync(Ct);
            Assert.NotEmpty(periods);
            foreach (var period in periods)
            {
                var results = await db.IndicatorResults.Where(r => r.Period == period && r.Year >= 2024 && r.Year <= 2025).ToListAsync(Ct);
                Assert.Contains(results, r => r.Value is not null);
            }
        }

        // Third start: already done; nothing is generated, imported or recorded again.
        await using (var third = app.Start())
        {
            var status = await WaitForAsync(await AdminAsync(third), s => s.Stage is "done" or "failed");
            Assert.Equal(("done", false), (status.Stage, status.RanNow));
        }

        await using (var db = app.OpenStore())
        {
            Assert.Equal(batchRecords, await db.ImportBatches.CountAsync(Ct));
        }

        Assert.Equal(generatedAt, File.GetLastWriteTimeUtc(generated));
    }

    [Fact]
    public async Task GivenDemoDataStatus_WhenAskedWithoutSignIn_ThenUnauthorized()
    {
        app.SkipIfUnavailable();
        await using var started = app.Start();
        var response = await started.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false }).GetAsync("/api/demo-data", Ct);
        Assert.Equal(System.Net.HttpStatusCode.Unauthorized, response.StatusCode);
    }

    /// <summary>A client signed in with the pages' cookie as a viewer.</summary>
    private static async Task<HttpClient> ViewerAsync(WebApplicationFactory<Program> factory)
    {
        var client = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        var form = await client.GetStringAsync("/account/login", Ct);
        var token = Token().Match(form).Groups[1].Value;
        var signIn = await client.PostAsync("/account/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token, ["userName"] = "tampere.viewer", ["password"] = AppFixture.Password, ["returnUrl"] = "/",
        }), Ct);
        Assert.Equal(System.Net.HttpStatusCode.Redirect, signIn.StatusCode);
        return client;
    }

    private static async Task<HttpClient> AdminAsync(WebApplicationFactory<Program> factory)
    {
        var client = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var response = await client.PostAsJsonAsync("/api/auth/token", new { userName = "admin", password = AppFixture.Password }, Ct);
        response.EnsureSuccessStatusCode();
        var token = (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("accessToken").GetString();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    /// <summary>Polls <c>GET /api/demo-data</c> until <paramref name="until"/> holds (at most ten minutes: the machine may be busy).</summary>
    private static async Task<Status> WaitForAsync(HttpClient client, Func<Status, bool> until)
    {
        var deadline = DateTime.UtcNow.AddMinutes(10);
        while (true)
        {
            var status = (await client.GetFromJsonAsync<Status>("/api/demo-data", Ct))!;
            if (until(status) || DateTime.UtcNow > deadline)
            {
                return status;
            }

            await Task.Delay(50, Ct);
        }
    }

    /// <summary>What the overview's banner says in each language at each stage after the import began.</summary>
    private static readonly Dictionary<(string Language, string Stage), string> StageWords = new()
    {
        [("fi", "importing")] = "tuodaan",
        [("fi", "computing")] = "lasketaan kauden",
        [("fi", "done")] = "synteettinen aineisto on tuotu",
        [("en", "importing")] = "importing",
        [("en", "computing")] = "computing the indicator results",
        [("en", "done")] = "the synthetic data set is imported",
    };

    /// <summary>The stage the page's demo-data banner shows.</summary>
    private static string StageOf(string html) => Stage().Match(html) is { Success: true } m ? m.Groups[1].Value : "(no banner)";

    [GeneratedRegex("data-testid=\"demo-data-status\" data-stage=\"([a-z]+)\"")]
    private static partial Regex Stage();

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex Token();

    private sealed record Status(string Stage, string? Step, int Percent, int Residents, bool RanNow, string? Error);
}

public sealed class SqliteDemoDataTests(SqliteDemoDataFixture app) : DemoDataTests(app), IClassFixture<SqliteDemoDataFixture>;

public sealed class PostgresDemoDataTests(PostgresDemoDataFixture app) : DemoDataTests(app), IClassFixture<PostgresDemoDataFixture>;
