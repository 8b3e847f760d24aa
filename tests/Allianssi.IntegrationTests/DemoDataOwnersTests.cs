using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Allianssi.IntegrationTests;

/// <summary>Its own demo data folder and database (the other demo test stops a run midway).</summary>
public sealed class SqliteDemoOwnersFixture() : DemoDataAppFixture(Store.Sqlite);

/// <summary>Its own demo data folder and database (the other demo test stops a run midway).</summary>
public sealed class PostgresDemoOwnersFixture() : DemoDataAppFixture(Store.PostgreSql);

/// <summary>The demo batches are recorded under the party whose systems hold each dataset, so its analysts see them in the import history.</summary>
public abstract class DemoDataOwnersTests(DemoDataAppFixture app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>The datasets each party of the reference alliance imports in demo mode (the ledger: each party its own lines).</summary>
    private static readonly Dictionary<string, string[]> Expected = new(StringComparer.Ordinal)
    {
        ["mehilainen"] = ["calendars", "care_plans", "diagnoses", "lab_results", "ledger", "listings", "slots", "survey_responses", "visits"],
        ["tampere"] = ["assessments", "ledger", "persons", "population", "reported_values", "service_periods", "units"],
        ["pirha"] = ["ledger"],
        ["setlementti"] = ["ledger"],
    };

    [Fact]
    public async Task GivenDemoDataImported_WhenEachPartysAnalystListsBatches_ThenExactlyThatPartysDatasetsAreListedWithEveryGeneratedRow()
    {
        app.SkipIfUnavailable();
        await using var started = app.Start();
        var admin = await TokenClientAsync(started, "admin");
        var deadline = DateTime.UtcNow.AddMinutes(10);
        JsonElement status;
        do
        {
            await Task.Delay(200, Ct);
            status = await admin.GetFromJsonAsync<JsonElement>("/api/demo-data", Ct);
        }
        while (status.GetProperty("stage").GetString() is not ("done" or "failed") && DateTime.UtcNow < deadline);

        Assert.Equal("done", status.GetProperty("stage").GetString());

        var all = await BatchesAsync(admin);
        var seenByParties = new List<Batch>();
        foreach (var (party, datasets) in Expected)
        {
            var batches = await BatchesAsync(await TokenClientAsync(started, $"{party}.analyst"));
            Assert.Equal(datasets, batches.Select(b => b.Dataset).Order(StringComparer.Ordinal));
            Assert.All(batches, b => Assert.Equal((party, "accepted", "demo-data", 0), (b.Party, b.Status, b.ImportedBy, b.Rejected)));
            Assert.Equal($"ledger-{party}.csv", batches.Single(b => b.Dataset == "ledger").FileName);
            Assert.All(batches, b => Assert.True(b.Accepted > 0, b.Dataset));
            seenByParties.AddRange(batches);
        }

        // Every batch belongs to one party: the parties' histories together are the admin's, 14 datasets plus 4 ledger parts.
        Assert.Equal(18, all.Count);
        Assert.Equal(all.Select(b => b.Id).Order(), seenByParties.Select(b => b.Id).Order());

        // Together the batches hold every generated row, the ledger's split between the parties.
        var generated = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(app.DataDirectory, "demo-data", "generated.json"), Ct))
            .RootElement.GetProperty("files").EnumerateArray()
            .ToDictionary(f => f.GetProperty("dataset").GetString()!, f => f.GetProperty("rows").GetInt64(), StringComparer.Ordinal);
        Assert.Equal(
            generated.OrderBy(g => g.Key, StringComparer.Ordinal),
            all.GroupBy(b => b.Dataset).Select(g => KeyValuePair.Create(g.Key, g.Sum(b => (long)b.Accepted))).OrderBy(g => g.Key, StringComparer.Ordinal));
    }

    private static async Task<List<Batch>> BatchesAsync(HttpClient client) =>
        (await client.GetFromJsonAsync<List<Batch>>("/api/imports", Ct))!;

    private static async Task<HttpClient> TokenClientAsync(WebApplicationFactory<Program> factory, string user)
    {
        var client = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var response = await client.PostAsJsonAsync("/api/auth/token", new { userName = user, password = AppFixture.Password }, Ct);
        response.EnsureSuccessStatusCode();
        var token = (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("accessToken").GetString();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    private sealed record Batch(long Id, string Dataset, string FileName, string? Party, string Status, string ImportedBy, int Accepted, int Rejected);
}

public sealed class SqliteDemoDataOwnersTests(SqliteDemoOwnersFixture app) : DemoDataOwnersTests(app), IClassFixture<SqliteDemoOwnersFixture>;

public sealed class PostgresDemoDataOwnersTests(PostgresDemoOwnersFixture app) : DemoDataOwnersTests(app), IClassFixture<PostgresDemoOwnersFixture>;
