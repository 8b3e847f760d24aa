using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Allianssi.IntegrationTests;

/// <summary>
/// The configuration page offers each role only the forms its use cases accept (issue 11: weights and levels are the
/// leadership's), and shows every reader what is in force, read as the reader reads it: the forms by their headings,
/// the target costs in the reader's money format.
/// </summary>
public sealed class ConfigurationPageTests(SqliteFixture app) : IClassFixture<SqliteFixture>
{
    private static readonly CultureInfo Finnish = CultureInfo.GetCultureInfo("fi-FI");

    [Theory]
    [InlineData("tampere.analyst", false, true)]
    [InlineData("mehilainen.analyst", false, true)]
    [InlineData("tampere.leadership", true, false)]
    [InlineData("admin", true, true)]
    [InlineData("tampere.viewer", false, false)]
    public async Task GivenARole_WhenOpeningTheConfigurationPage_ThenOnlyTheFormsItMayUseAreShown(string user, bool levelsAndWeights, bool parametersAndLedger)
    {
        var ct = TestContext.Current.CancellationToken;
        var client = await app.ClientForAsync(user);

        var html = await client.GetStringAsync("/configuration?culture=fi-FI", ct);

        // The forms a reader sees, by their headings (fi: "Viitetasot", "Painot", "Jakson parametri", "Lisää kirjanpitorivi").
        var headings = Texts(html, "h2");
        Assert.Contains("Voimassa nyt", headings);
        Assert.Equal(levelsAndWeights, headings.Contains("Viitetasot"));
        Assert.Equal(levelsAndWeights, headings.Contains("Painot"));
        Assert.Equal(parametersAndLedger, headings.Contains("Jakson parametri"));
        Assert.Equal(parametersAndLedger, headings.Contains("Lisää kirjanpitorivi"));

        // What is in force, for every role: Tampere's 2019 target cost as the settlement has it, in Finnish money.
        var settlement = await client.GetFromJsonAsync<JsonElement>("/api/alliances/tesoma/periods/P1/settlement", ct);
        var amount = settlement.GetProperty("targetCosts").EnumerateArray()
            .First(t => t.GetProperty("purchaser").GetString() == "tampere" && t.GetProperty("year").GetInt32() == 2019)
            .GetProperty("amount").GetDecimal();
        var row = Regex.Match(html, "<tr data-year=\"2019\">(.*?)</tr>", RegexOptions.Singleline);
        Assert.True(row.Success, "the target costs show no row for 2019");
        Assert.Contains((amount.ToString("N2", Finnish) + " €").Replace('\u00A0', ' '), Texts(row.Groups[1].Value, "td"));
    }

    /// <summary>The texts of the page's elements of one tag, as a reader reads them (tags stripped, entities decoded, spaces plain).</summary>
    private static List<string> Texts(string html, string tag) =>
        [.. Regex.Matches(html, $"<{tag}[^>]*>(.*?)</{tag}>", RegexOptions.Singleline)
            .Select(m => WebUtility.HtmlDecode(Regex.Replace(m.Groups[1].Value, "<[^>]+>", "")).Replace('\u00A0', ' ').Replace('\u202F', ' ').Trim())];
}
