using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Allianssi.IntegrationTests.Trust;

/// <summary>
/// An admin disables, enables and changes users through the API; every change is audited and
/// revokes the tokens issued before it at their next request.
/// </summary>
public abstract class AccountRevocationTests(AppFixture app)
{
    private const string Users = "/api/alliances/tesoma/users";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task GivenABearerToken_WhenTheAdminDisablesTheUser_ThenTheTokenIsRefusedAtOnceAndSignInFails()
    {
        app.SkipIfUnavailable();
        var admin = await app.ClientForAsync("admin");
        var name = await CreateAsync(admin, "analyst", "tampere");
        var token = await TokenAsync(name);
        Assert.Equal(HttpStatusCode.OK, (await Bearer(token).GetAsync("/api/auth/me", Ct)).StatusCode);

        var disabled = await admin.PatchAsJsonAsync($"{Users}/{name}", new { disabled = true }, Ct);

        Assert.Equal(HttpStatusCode.OK, disabled.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await Bearer(token).GetAsync("/api/auth/me", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await Bearer(token).PutAsJsonAsync("/api/alliances/tesoma/configuration/indicator-values", new { indicator = "nps", year = 2019, value = 60m }, Ct)).StatusCode);
        var signIn = await app.CreateClient().PostAsJsonAsync("/api/auth/token", new { userName = name, password = AppFixture.Password }, Ct);
        Assert.Equal(HttpStatusCode.Unauthorized, signIn.StatusCode);

        // Enabled again: a new sign-in works; the token revoked before stays revoked.
        (await admin.PatchAsJsonAsync($"{Users}/{name}", new { disabled = false }, Ct)).EnsureSuccessStatusCode();
        var again = await TokenAsync(name);
        Assert.Equal(HttpStatusCode.OK, (await Bearer(again).GetAsync("/api/auth/me", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await Bearer(token).GetAsync("/api/auth/me", Ct)).StatusCode);
        Assert.Contains(name, await admin.GetStringAsync("/api/audit?action=disable-user", Ct), StringComparison.Ordinal);
        Assert.Contains(name, await admin.GetStringAsync("/api/audit?action=enable-user", Ct), StringComparison.Ordinal);
    }

    [Fact]
    public async Task GivenAnAnalystsToken_WhenDemotedToViewer_ThenTheOldTokenStopsAndANewOneHasTheViewersRights()
    {
        app.SkipIfUnavailable();
        var admin = await app.ClientForAsync("admin");
        var name = await CreateAsync(admin, "analyst", "tampere");
        var token = await TokenAsync(name);

        var changed = await admin.PatchAsJsonAsync($"{Users}/{name}", new { role = "viewer" }, Ct);

        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await Bearer(token).GetAsync("/api/auth/me", Ct)).StatusCode);
        var viewer = Bearer(await TokenAsync(name));
        var me = await viewer.GetFromJsonAsync<JsonElement>("/api/auth/me", Ct);
        Assert.Equal("viewer", me.GetProperty("role").GetString());
        Assert.Equal(HttpStatusCode.Forbidden, (await viewer.PutAsJsonAsync("/api/alliances/tesoma/configuration/indicator-values", new { indicator = "nps", year = 2019, value = 60m }, Ct)).StatusCode);
        var audit = await admin.GetStringAsync("/api/audit?action=change-user", Ct);
        Assert.Contains(name, audit, StringComparison.Ordinal);
        Assert.Contains("viewer", audit, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GivenAPartyChange_WhenTheOldTokenIsUsed_ThenItIsRefused()
    {
        app.SkipIfUnavailable();
        var admin = await app.ClientForAsync("admin");
        var name = await CreateAsync(admin, "analyst", "tampere");
        var token = await TokenAsync(name);

        (await admin.PatchAsJsonAsync($"{Users}/{name}", new { party = "pirha" }, Ct)).EnsureSuccessStatusCode();

        Assert.Equal(HttpStatusCode.Unauthorized, (await Bearer(token).GetAsync("/api/auth/me", Ct)).StatusCode);
        var me = await Bearer(await TokenAsync(name)).GetFromJsonAsync<JsonElement>("/api/auth/me", Ct);
        Assert.Equal("pirha", me.GetProperty("party").GetString());
    }

    [Fact]
    public async Task GivenTheOnlyAdmin_WhenDisabledOrDemoted_ThenConflictAndNothingChanges()
    {
        app.SkipIfUnavailable();
        var admin = await app.ClientForAsync("admin");

        var disable = await admin.PatchAsJsonAsync($"{Users}/admin", new { disabled = true }, Ct);
        var demote = await admin.PatchAsJsonAsync($"{Users}/admin", new { role = "viewer", party = "tampere" }, Ct);

        Assert.Equal(HttpStatusCode.Conflict, disable.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, demote.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync("/api/audit/verify", Ct)).StatusCode);
    }

    [Fact]
    public async Task GivenANonAdmin_WhenChangingAUser_ThenForbidden()
    {
        app.SkipIfUnavailable();
        var leadership = await app.ClientForAsync("tampere.leadership");

        var response = await leadership.PatchAsJsonAsync($"{Users}/tampere.viewer", new { role = "admin" }, Ct);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    private static async Task<string> CreateAsync(HttpClient admin, string role, string party)
    {
        var name = $"revoke.{Guid.NewGuid():N}"[..20];
        (await admin.PostAsJsonAsync(Users, new { userName = name, password = AppFixture.Password, role, party }, Ct)).EnsureSuccessStatusCode();
        return name;
    }

    private async Task<string> TokenAsync(string name)
    {
        var response = await app.CreateClient().PostAsJsonAsync("/api/auth/token", new { userName = name, password = AppFixture.Password }, Ct);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("accessToken").GetString()!;
    }

    private HttpClient Bearer(string token)
    {
        var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }
}

public sealed class SqliteAccountRevocationTests(SqliteFixture app) : AccountRevocationTests(app), IClassFixture<SqliteFixture>;

public sealed class PostgresAccountRevocationTests(PostgresFixture app) : AccountRevocationTests(app), IClassFixture<PostgresFixture>;
