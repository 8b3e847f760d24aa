using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Resources;
using System.Text.Json;
using Allianssi.Web;

namespace Allianssi.IntegrationTests;

/// <summary>
/// What Identity refuses when an admin creates a user (a short password, a name taken) comes back with the field, a
/// stable code's invariant English text, and a Finnish wording with the same values (issue 13 item 7), not Identity's
/// own English sentence.
/// </summary>
public sealed class UserValidationTests(SqliteFixture app) : IClassFixture<SqliteFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task GivenAShortPasswordOrATakenName_WhenAnAdminCreatesTheUser_ThenEachIsRefusedOnItsFieldInWords()
    {
        app.SkipIfUnavailable();
        var admin = await app.ClientForAsync("admin");

        var shortPassword = await admin.PostAsJsonAsync("/api/alliances/tesoma/users", new { userName = "new.analyst", password = "aB1!", role = "analyst", party = "tampere" }, Ct);
        Assert.Equal(HttpStatusCode.BadRequest, shortPassword.StatusCode);
        var password = Errors(await shortPassword.Content.ReadFromJsonAsync<JsonElement>(Ct), "password");
        Assert.Contains("the password must be at least 6 characters long", password);

        var taken = await admin.PostAsJsonAsync("/api/alliances/tesoma/users", new { userName = "tampere.viewer", password = AppFixture.Password, role = "viewer", party = "tampere" }, Ct);
        Assert.Equal(HttpStatusCode.BadRequest, taken.StatusCode);
        Assert.Equal(["the user name 'tampere.viewer' is taken"], Errors(await taken.Content.ReadFromJsonAsync<JsonElement>(Ct), "userName"));

        // The pages word the same codes in Finnish, with the same values.
        var resources = new ResourceManager("Allianssi.Web.Resources.Strings", typeof(Strings).Assembly);
        var fi = CultureInfo.GetCultureInfo("fi-FI");
        Assert.Equal("salasanassa on oltava vähintään 6 merkkiä", string.Format(fi, resources.GetString("Validation.form.passwordTooShort", fi)!, 6));
        Assert.Equal("käyttäjänimi 'tampere.viewer' on jo käytössä", string.Format(fi, resources.GetString("Validation.form.userNameTaken", fi)!, "tampere.viewer"));
    }

    private static string[] Errors(JsonElement problem, string field) =>
        [.. problem.GetProperty("errors").GetProperty(field).EnumerateArray().Select(e => e.GetString()!)];
}
