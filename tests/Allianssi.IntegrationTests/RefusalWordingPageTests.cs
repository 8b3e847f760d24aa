using System.Net;
using System.Text.RegularExpressions;

namespace Allianssi.IntegrationTests;

/// <summary>
/// A refusal on a page reads in the reader's language (issue 13 item 7): the page words the use case's code from
/// <c>Validation.{code}</c> with its values, in Finnish on a Finnish page and in English on an English one; the
/// English text the API carries never reaches a Finnish reader.
/// </summary>
public sealed partial class RefusalWordingPageTests(SqliteFixture app) : IClassFixture<SqliteFixture>
{
    public static TheoryData<string, string, string, string> Refusals() => new()
    {
        // notFound.period, with the period's code as its value.
        { "tampere.viewer", "/settlement?period=P9", "Jaksoa P9 ei ole.", "No period 'P9'." },
        { "tampere.viewer", "/scorecard?period=P9", "Jaksoa P9 ei ole.", "No period 'P9'." },
        // forbidden.tripleAim: a viewer of a party that is neither the organiser nor a provider.
        { "setlementti.viewer", "/organiser/triple-aim?year=2024", "triple aim -bonus näytetään järjestäjälle ja kullekin palveluntuottajalle sen omalta osalta", "the triple-aim bonus is shown to the organiser and to each provider for itself" },
    };

    [Theory]
    [MemberData(nameof(Refusals))]
    public async Task GivenARefusal_WhenThePageIsReadInFinnishOrEnglish_ThenItSaysWhyInThatLanguage(string user, string path, string finnish, string english)
    {
        var ct = TestContext.Current.CancellationToken;
        var client = await app.ClientForAsync(user);
        var separator = path.Contains('?', StringComparison.Ordinal) ? '&' : '?';

        var fi = Text(await client.GetStringAsync($"{path}{separator}culture=fi-FI", ct));
        var en = Text(await client.GetStringAsync($"{path}{separator}culture=en-GB", ct));

        Assert.Contains(finnish, fi, StringComparison.Ordinal);
        Assert.DoesNotContain(english, fi, StringComparison.Ordinal);
        Assert.Contains(english, en, StringComparison.Ordinal);
    }

    /// <summary>The page's text as a reader reads it: tags stripped, entities decoded, spaces plain.</summary>
    private static string Text(string html) =>
        WebUtility.HtmlDecode(Tags().Replace(Scripts().Replace(html, " "), " ")).Replace('\u00A0', ' ').Replace('\u202F', ' ');

    [GeneratedRegex("<[^>]+>")]
    private static partial Regex Tags();

    [GeneratedRegex("<script.*?</script>", RegexOptions.Singleline)]
    private static partial Regex Scripts();
}
