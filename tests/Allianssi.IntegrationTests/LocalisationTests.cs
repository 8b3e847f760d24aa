using System.Collections;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Resources;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Allianssi.Application.Security;
using Allianssi.Import.Diagnostics;
using Allianssi.Web;
using Allianssi.Web.Infrastructure;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Allianssi.IntegrationTests;

/// <summary>
/// Issue 12 items 4, 5 and 8: every UI text in both languages, the settlement's explanation in the
/// reader's language and culture, parties by name, and CSV that Finnish Excel opens (parsed back).
/// </summary>
public abstract partial class LocalisationTests(AppFixture app)
{
    private const string Settlement = "/api/alliances/tesoma/periods/P1/settlement";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static readonly CultureInfo Finnish = CultureInfo.GetCultureInfo("fi-FI");

    /// <summary>The page's text as a reader sees it: entities decoded, no-break spaces as spaces.</summary>
    private static string Visible(string html) =>
        WebUtility.HtmlDecode(TagRegex().Replace(html, " ")).Replace('\u00A0', ' ').Replace('\u202F', ' ');

    private static string FinnishMoney(decimal euros) => (euros.ToString("N2", Finnish) + " €").Replace('\u00A0', ' ').Replace('\u2212', '-');

    [Fact]
    public async Task GivenAFinnishReader_WhenOpeningTheSettlement_ThenTheExplanationIsFinnishWithFinnishMoneyAndPartyNames()
    {
        app.SkipIfUnavailable();
        var client = await app.ClientForAsync("tampere.leadership");
        var view = await client.GetFromJsonAsync<JsonElement>(Settlement, Ct);
        var targetCost = view.GetProperty("targetCost").GetDecimal();
        var costResult = view.GetProperty("costResult").GetDecimal();

        var html = await client.GetStringAsync("/settlement?period=P1&culture=fi-FI", Ct);

        var explanation = Visible(ExplanationRegex().Match(html).Groups[1].Value).Replace('\u2212', '-');
        Assert.Contains($"Tavoitekustannus TAK = ", explanation, StringComparison.Ordinal);
        Assert.Contains($"= {FinnishMoney(targetCost)}", explanation, StringComparison.Ordinal);
        Assert.Contains($"Kustannustulos D = TAK {FinnishMoney(targetCost)}", explanation, StringComparison.Ordinal);
        Assert.Contains($"= {FinnishMoney(costResult)}", explanation, StringComparison.Ordinal);
        Assert.Contains("Jakson pisteet S", explanation, StringComparison.Ordinal);
        Assert.Contains("Tampereen kaupunki", explanation, StringComparison.Ordinal);
        // Indicators by name with the id after it, never the id alone at the start of a line.
        Assert.Contains("Hoitosuunnitelma diabeetikoilla ja sepelvaltimotautipotilailla (chronic_care_plan)", explanation, StringComparison.Ordinal);
        Assert.DoesNotMatch(BareIndicatorIdRegex(), explanation);
        // Nothing of the invariant English lines: no 57,300,000.00-style number, no English wording.
        Assert.DoesNotMatch(EnglishMoneyRegex(), explanation);
        foreach (var english in new[] { "rounding residual", "non-purchaser", "no ledger lines", "incentiveShare", "effective weight", "measured", "missing;", "TAK_tampere", "share tampere" })
        {
            Assert.DoesNotContain(english, explanation, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task GivenAnEnglishReader_WhenOpeningTheSettlement_ThenTheExplanationIsEnglishWithEuroMoney()
    {
        app.SkipIfUnavailable();
        var client = await app.ClientForAsync("tampere.leadership");
        var view = await client.GetFromJsonAsync<JsonElement>(Settlement, Ct);
        var targetCost = view.GetProperty("targetCost").GetDecimal();

        var html = await client.GetStringAsync("/settlement?period=P1&culture=en-GB", Ct);

        var explanation = Visible(ExplanationRegex().Match(html).Groups[1].Value);
        Assert.Contains($"Cost result D = TAK €{targetCost.ToString("N2", CultureInfo.InvariantCulture)}", explanation, StringComparison.Ordinal);
        Assert.Contains("Period score S", explanation, StringComparison.Ordinal);
        Assert.Contains("Tampereen kaupunki", explanation, StringComparison.Ordinal);
        Assert.DoesNotContain("£", explanation, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GivenTheSettlementPage_WhenReadingTheTargetCostTableAndItsCsv_ThenPurchasersAreNamed()
    {
        app.SkipIfUnavailable();
        var client = await app.ClientForAsync("tampere.leadership");

        var html = await client.GetStringAsync("/settlement?period=P1&culture=fi-FI", Ct);

        var table = Visible(TargetCostTableRegex().Match(html).Value);
        Assert.Contains("Tampereen kaupunki", table, StringComparison.Ordinal);
        var href = WebUtility.HtmlDecode(CsvHrefRegex().Match(html).Groups[1].Value);
        var bytes = Convert.FromBase64String(href["data:text/csv;charset=utf-8;base64,".Length..]);
        Assert.Equal(Encoding.UTF8.GetPreamble(), bytes[..3]);
        var rows = Encoding.UTF8.GetString(bytes[3..]).Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Select(l => l.Split(';')).ToList();
        Assert.Equal(["vuosi", "tilaaja", "tilaajan nimi", "summa"], rows[0][..4]);
        var tampere = rows.Skip(1).First(r => r[1] == "tampere");
        Assert.Equal("Tampereen kaupunki", tampere[2]);
        Assert.True(decimal.TryParse(tampere[3], NumberStyles.Number, Finnish, out var amount) && amount > 0m, string.Join(';', tampere));
    }

    [Fact]
    public async Task GivenAFinnishReader_WhenDownloadingTheSettlementCsv_ThenItIsSemicolonSeparatedWithDecimalCommaBomAndFinnishHeaders()
    {
        app.SkipIfUnavailable();
        var client = await app.ClientForAsync("tampere.viewer");
        var view = await client.GetFromJsonAsync<JsonElement>(Settlement, Ct);

        var bytes = await client.GetByteArrayAsync(Settlement + "?format=csv&culture=fi-FI", Ct);

        Assert.Equal(Encoding.UTF8.GetPreamble(), bytes[..3]);
        var lines = Encoding.UTF8.GetString(bytes[3..]).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        var header = lines[0].Split(';');
        Assert.Equal(["allianssi", "jakso", "vuodet", "osapuoli", "nimi", "rooli", "tavoitekustannus"], header[..7]);
        var total = lines.Select(l => l.Split(';')).Single(r => r[3] == "yhteensä");
        Assert.DoesNotContain(lines, l => l.Contains(";total;", StringComparison.Ordinal) || l.Contains(";false;", StringComparison.Ordinal) || l.Contains(";true;", StringComparison.Ordinal));
        // P1 is over: no row is "so far" (the column's words are Finnish).
        Assert.All(lines.Skip(1), l => Assert.Equal("ei", l.Split(';')[Array.IndexOf(header, "tähän mennessä")]));
        var exact = decimal.Parse(total[Array.IndexOf(header, "jakson pisteet tarkasti")], NumberStyles.Number, Finnish);
        var rounded = decimal.Parse(total[Array.IndexOf(header, "jakson pisteet")], NumberStyles.Number, Finnish);
        var targetCost = decimal.Parse(total[Array.IndexOf(header, "tavoitekustannus")], NumberStyles.Number, Finnish);
        Assert.Equal(view.GetProperty("periodScore").GetDecimal(), exact);
        Assert.Equal(Math.Round(exact, 1, MidpointRounding.AwayFromZero), rounded);
        Assert.Equal(view.GetProperty("targetCost").GetDecimal(), targetCost);
        Assert.Contains(",", total[Array.IndexOf(header, "tavoitekustannus")], StringComparison.Ordinal);
    }

    [Fact]
    public async Task GivenAFinnishReader_WhenDownloadingTheScorecardCsv_ThenIndicatorsAndKeyResultAreasAreNamedBesideTheirIdsInFinnish()
    {
        app.SkipIfUnavailable();
        var client = await app.ClientForAsync("tampere.viewer");

        var bytes = await client.GetByteArrayAsync("/api/alliances/tesoma/periods/P1/scorecard?year=2020&format=csv&culture=fi-FI", Ct);

        var rows = Encoding.UTF8.GetString(bytes[3..]).Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Select(l => l.Split(';')).ToList();
        var header = rows[0];
        var plan = rows.Single(r => r[Array.IndexOf(header, "mittari")] == "chronic_care_plan");
        Assert.Equal("Hoitosuunnitelma diabeetikoilla ja sepelvaltimotautipotilailla", plan[Array.IndexOf(header, "mittarin nimi")]);
        Assert.False(string.IsNullOrEmpty(plan[Array.IndexOf(header, "avaintulosalueen nimi")]));
        Assert.NotEqual(plan[Array.IndexOf(header, "avaintulosalue")], plan[Array.IndexOf(header, "avaintulosalueen nimi")]);
        Assert.Equal("kokonaispisteet", rows[^1][Array.IndexOf(header, "avaintulosalue")]);
        Assert.All(rows.Skip(1), r => Assert.Equal("ei", r[Array.IndexOf(header, "tähän mennessä")]));
    }

    [Fact]
    public async Task GivenAnEnglishReader_WhenDownloadingTheSettlementCsv_ThenItIsCommaSeparatedWithDecimalPoint()
    {
        app.SkipIfUnavailable();
        var client = await app.ClientForAsync("tampere.viewer");
        var view = await client.GetFromJsonAsync<JsonElement>(Settlement, Ct);

        var csv = await client.GetStringAsync(Settlement + "?format=csv&culture=en-GB", Ct);

        var lines = csv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        var header = lines[0].Split(',');
        Assert.Equal("alliance", header[0]);
        var total = lines.Select(l => l.Split(',')).Single(r => r[3] == "total");
        Assert.Equal(view.GetProperty("periodScore").GetDecimal(), decimal.Parse(total[Array.IndexOf(header, "period_score_exact")], CultureInfo.InvariantCulture));
        Assert.Equal(view.GetProperty("targetCost").GetDecimal(), decimal.Parse(total[Array.IndexOf(header, "target_cost")], CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task GivenAFinnishReader_WhenDownloadingTheAuditCsv_ThenItIsSemicolonSeparatedWithBomAndFinnishHeaders()
    {
        app.SkipIfUnavailable();
        var admin = await app.ClientForAsync("admin");

        var bytes = await admin.GetByteArrayAsync("/api/audit?format=csv&culture=fi-FI&take=20", Ct);
        var entries = await admin.GetFromJsonAsync<JsonElement>("/api/audit?take=200", Ct);

        Assert.Equal(Encoding.UTF8.GetPreamble(), bytes[..3]);
        var lines = Encoding.UTF8.GetString(bytes[3..]).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("numero;aika;kuka;osapuoli;rooli;toimenpide;kohde;avain;ennen;jälkeen;tiiviste", lines[0]);
        Assert.True(lines.Length >= 2, "the fixture's audit trail has entries");
        // The newest entry read back: its number, actor and action in the cells Finnish Excel splits at ';'.
        var first = lines[1].Split(';');
        var sequence = long.Parse(first[0], CultureInfo.InvariantCulture);
        var entry = entries.EnumerateArray().Single(e => e.GetProperty("sequence").GetInt64() == sequence);
        Assert.Equal(entry.GetProperty("actor").GetString(), first[2]);
        Assert.Equal(entry.GetProperty("action").GetString(), first[5]);
        Assert.True((entry.GetProperty("at").GetDateTimeOffset() - DateTimeOffset.Parse(first[1], CultureInfo.InvariantCulture)).Duration() < TimeSpan.FromMilliseconds(1), first[1]);
    }

    [Theory]
    [InlineData("/scorecard?period=P1&year=2031&culture=fi-FI", "/api/alliances/tesoma/periods/P1/scorecard?year=2031")]
    [InlineData("/settlement?period=P1&year=2031&culture=fi-FI", "/api/alliances/tesoma/periods/P1/settlement?year=2031")]
    public async Task GivenAYearOutsideThePeriod_WhenRefused_ThenAFinnishPageWordsItInFinnishAndTheApiKeepsTheEnglishText(string page, string api)
    {
        app.SkipIfUnavailable();
        var client = await app.ClientForAsync("tampere.leadership");

        var html = Visible(await client.GetStringAsync(page, Ct));
        using var answer = await client.GetAsync(api, Ct);

        Assert.Contains("Vuosi: 2031 ei ole jakson P1 vuosi (2018–2021)", html, StringComparison.Ordinal);
        Assert.DoesNotContain("is not a year", html, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, answer.StatusCode);
        var problem = await answer.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Equal("2031 is not a year of period P1 (2018-2021)", problem.GetProperty("errors").GetProperty("year")[0].GetString());
    }

    [Fact]
    public void GivenTheFinnishCsvFormat_WhenWritingNumbersAndFormulaText_ThenNumbersUseACommaAndAsciiMinusAndTextIsStillNeutralised()
    {
        var csv = SpreadsheetSafe.Csv(["a", "b", "c"], [[-1234.5m, "=1;2", "-3"]], CsvFormat.Finnish());

        Assert.Equal("a;b;c\r\n-1234,5;\"'=1;2\";'-3\r\n", csv);
    }

    [Fact]
    public void GivenTheResourceFiles_WhenComparingTheLanguages_ThenEveryKeyHasANonEmptyTextInBothWithTheSamePlaceholders()
    {
        var resources = new ResourceManager("Allianssi.Web.Resources.Strings", typeof(Strings).Assembly);
        var english = Texts(resources.GetResourceSet(CultureInfo.InvariantCulture, true, false)!);
        var finnish = Texts(resources.GetResourceSet(CultureInfo.GetCultureInfo("fi"), true, false)!);

        Assert.True(english.Count > 300, $"{english.Count} keys");
        Assert.Equal(english.Keys.Order(StringComparer.Ordinal), finnish.Keys.Order(StringComparer.Ordinal));
        foreach (var (key, text) in english)
        {
            Assert.False(string.IsNullOrWhiteSpace(text), key);
            Assert.False(string.IsNullOrWhiteSpace(finnish[key]), key);
            Assert.True(Placeholders(text).SetEquals(Placeholders(finnish[key])), $"{key}: '{text}' / '{finnish[key]}'");
        }
    }

    [Fact]
    public void GivenAFinnishReader_WhenACareGapReasonIsShown_ThenItIsFinnishWithADecimalComma()
    {
        InFinnish(text =>
        {
            Assert.Equal("ei HbA1c-tulosta; viimeisin LDL 3,1 mmol/l ≥ 2,6",
                CareGapReasons.Localize(text, "no HbA1c result; latest LDL 3.1 mmol/l ≥ 2.6"));
            Assert.Equal("ei hoitosuunnitelmaa viimeisen 12 kuukauden ajalta", CareGapReasons.Localize(text, "no care plan within 12 months"));
            Assert.Equal("an unknown reason", CareGapReasons.Localize(text, "an unknown reason"));
        });
    }

    [Fact]
    public void GivenAnInvalidatedApproval_WhenItsReasonIsShown_ThenItIsInTheReadersLanguageWithThePartyNamedAndOlderEnglishReasonsKept()
    {
        var text = new StringLocalizer<Strings>(new ResourceManagerStringLocalizerFactory(
            Options.Create(new LocalizationOptions { ResourcesPath = "Resources" }), NullLoggerFactory.Instance));
        var stored = Allianssi.Application.UseCases.Approvals.InvalidationReason.Store("ledger-line", ["mehilainen", "2022"]);
        static string Name(string code) => code == "mehilainen" ? "Mehiläinen Oy (mehilainen)" : code;
        var before = CultureInfo.CurrentUICulture;
        var beforeCulture = CultureInfo.CurrentCulture;
        try
        {
            CultureInfo.CurrentUICulture = CultureInfo.CurrentCulture = Finnish;
            Assert.Equal("osapuolen Mehiläinen Oy (mehilainen) kirjanpitorivi vuodelle 2022 muuttui hyväksynnän jälkeen", InvalidationReasons.Localize(text, stored, Name));
            static string IdName(string id) => id switch
            {
                "chronic_care_plan" => "Hoitosuunnitelma (chronic_care_plan)",
                "older" => "Ikääntyneet (older)",
                _ => id,
            };
            Assert.Equal("mittarin Hoitosuunnitelma (chronic_care_plan) viitetasot vuodesta 2024 alkaen muuttuivat hyväksynnän jälkeen",
                InvalidationReasons.Localize(text, Allianssi.Application.UseCases.Approvals.InvalidationReason.Store("indicator-levels", ["chronic_care_plan", "2024"]), Name, IdName));
            Assert.Equal("avaintulosalueen Ikääntyneet (older) paino muuttui hyväksynnän jälkeen",
                InvalidationReasons.Localize(text, Allianssi.Application.UseCases.Approvals.InvalidationReason.Store("kra-weight", ["older"]), Name, IdName));
            Assert.Equal("the ledger line of mehilainen for 2021 changed after the approval",
                InvalidationReasons.Localize(text, "the ledger line of mehilainen for 2021 changed after the approval", Name));
            foreach (var code in Allianssi.Application.UseCases.Approvals.InvalidationReason.Codes)
            {
                Assert.False(text["InvalidationReason." + code].ResourceNotFound, code);
            }

            CultureInfo.CurrentUICulture = CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo("en-GB");
            Assert.Equal("the ledger line of Mehiläinen Oy (mehilainen) for 2022 changed after the approval", InvalidationReasons.Localize(text, stored, Name));
        }
        finally
        {
            CultureInfo.CurrentUICulture = before;
            CultureInfo.CurrentCulture = beforeCulture;
        }
    }

    [Fact]
    public void GivenEveryImportDiagnosticCode_WhenShownToAFinnishReader_ThenItHasAFinnishTextOfItsOwn()
    {
        var resources = new ResourceManager("Allianssi.Web.Resources.Strings", typeof(Strings).Assembly);
        var english = Texts(resources.GetResourceSet(CultureInfo.InvariantCulture, true, false)!);
        var finnish = Texts(resources.GetResourceSet(CultureInfo.GetCultureInfo("fi"), true, false)!);

        Assert.True(DiagnosticCodes.All.Count >= 40, $"{DiagnosticCodes.All.Count} codes");
        foreach (var code in DiagnosticCodes.All.Keys)
        {
            Assert.True(finnish.TryGetValue("Diagnostic." + code, out var fi) && fi.Length > 0, code);
            Assert.NotEqual(english["Diagnostic." + code], fi);
        }

        Assert.Equal("Ei päivämäärä (VVVV-KK-PP tai p.k.vvvv), tai päivää ei ole olemassa.", finnish["Diagnostic.IMP102"]);
    }

    [Fact]
    public void GivenAFinnishReader_WhenAnIndicatorValueIsShown_ThenItsUnitIsFinnishAndTheValueIsAtDisplayPrecision()
    {
        InFinnish(text =>
        {
            Assert.Equal("€/asiakas", Measures.Unit(text, "EUR/client"));
            Assert.Equal("prosenttiyksikköä", Measures.Unit(text, "percentage points"));
            Assert.Equal("päivää", Measures.Unit(text, "days"));
            Assert.Equal("arvio (1–5)", Measures.Unit(text, "score (1-5)"));
            Assert.Equal("oma yksikkö", Measures.Unit(text, "oma yksikkö"));
            // Cents for money, two decimals on 1-5, one decimal for the rest; the CSV keeps the exact value.
            Assert.Equal("1 975,49", Measures.Value(1975.4899, "EUR/client").Replace('\u00A0', ' ').Replace('\u202F', ' '));
            Assert.Equal("65,2", Measures.Value(65.21739130434783, "%"));
            Assert.Equal("4,19", Measures.Value(4.186, "score (1-5)"));
            Assert.Equal("−17,1", Measures.Value(-17.074, "percentage points").Replace('-', '−'));
            Assert.Equal("–", Measures.Value(null, "%"));
        });
    }

    private static Dictionary<string, string> Texts(ResourceSet set) =>
        set.Cast<DictionaryEntry>().ToDictionary(e => (string)e.Key, e => (string)e.Value!, StringComparer.Ordinal);

    private static HashSet<string> Placeholders(string text) => [.. PlaceholderRegex().Matches(text).Select(m => m.Value)];

    /// <summary>An indicator's id anywhere but in parentheses after its name.</summary>
    [GeneratedRegex(@"(?<!\()\b(chronic_care_plan|ktk_4_5|chronic_balance)\b(?!\))")]
    private static partial Regex BareIndicatorIdRegex();

    [GeneratedRegex(@"\{\d+\}")]
    private static partial Regex PlaceholderRegex();

    [GeneratedRegex("<[^>]+>")]
    private static partial Regex TagRegex();

    [GeneratedRegex("""<ol class="explanation" data-testid="settlement-explanation">(.*?)</ol>""", RegexOptions.Singleline)]
    private static partial Regex ExplanationRegex();

    [GeneratedRegex(@"\d{1,3}(,\d{3})+\.\d{2}")]
    private static partial Regex EnglishMoneyRegex();

    [GeneratedRegex("""<table class="grid"[^>]*>.*?</table>""", RegexOptions.Singleline)]
    private static partial Regex TargetCostTableRegex();

    [GeneratedRegex("""href="(data:text/csv;[^"]+)"[^>]*data-testid="csv-settlement-P1-target-costs""")]
    private static partial Regex CsvHrefRegex();

    /// <summary>Runs <paramref name="test"/> with the app's texts as a Finnish reader gets them (fi-FI culture), then restores the culture.</summary>
    private static void InFinnish(Action<IStringLocalizer<Strings>> test)
    {
        var text = new StringLocalizer<Strings>(new ResourceManagerStringLocalizerFactory(
            Options.Create(new LocalizationOptions { ResourcesPath = "Resources" }), NullLoggerFactory.Instance));
        var before = CultureInfo.CurrentUICulture;
        var beforeCulture = CultureInfo.CurrentCulture;
        try
        {
            CultureInfo.CurrentUICulture = CultureInfo.CurrentCulture = Finnish;
            test(text);
        }
        finally
        {
            CultureInfo.CurrentUICulture = before;
            CultureInfo.CurrentCulture = beforeCulture;
        }
    }

}

public sealed class SqliteLocalisationTests(SqliteFixture app) : LocalisationTests(app), IClassFixture<SqliteFixture>;

public sealed class PostgresLocalisationTests(PostgresFixture app) : LocalisationTests(app), IClassFixture<PostgresFixture>;
