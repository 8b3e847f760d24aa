using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Allianssi.Application.UseCases.Organiser;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Allianssi.IntegrationTests.Organiser;

/// <summary>
/// The organiser's API on SQLite and PostgreSQL over the worked example: the model versioned and
/// audited, validation keyed by JSON path, who sees what (a provider its own capitation and bonus, a
/// member its own invoice), and issued runs frozen with the SHA-256 of their inputs, corrected by a
/// credit note plus a new run.
/// </summary>
public abstract partial class OrganiserApiTests(OrganiserFixture app)
{
    private const string Api = "/api/alliances/tesoma/organiser";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task GivenDemoMode_WhenModelsListed_ThenTheDemoModelOfPirhaIsInForceFrom2018()
    {
        app.SkipIfUnavailable();
        var client = await app.ClientForAsync("tampere.viewer");
        var model = await client.GetFromJsonAsync<JsonElement>($"{Api}/models/2019", Ct);
        Assert.Equal(2018, model.GetProperty("year").GetInt32());
        Assert.Equal("pirha", model.GetProperty("organiser").GetString());
        Assert.Equal(["837", "604", "980"], model.GetProperty("model").GetProperty("municipalities").EnumerateArray().Select(m => m.GetString()!).ToArray());
    }

    [Fact]
    public async Task GivenOrganisersController_WhenModelSavedTwice_ThenTwoVersionsAndEachChangeAudited()
    {
        app.SkipIfUnavailable();
        await app.EnsureExampleModelAsync();
        var client = await app.ClientForAsync("pirha.controller");
        var before = await client.GetFromJsonAsync<JsonElement>($"{Api}/models/2023", Ct);
        var changed = OrganiserFixture.ExampleModel.Replace("\"poolRate\": 0.05", "\"poolRate\": 0.06", StringComparison.Ordinal);
        using var content = new StringContent(changed, Encoding.UTF8, "application/json");
        var response = await client.PutAsync($"{Api}/models/2023", content, Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var saved = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Equal(before.GetProperty("version").GetInt32() + 1, saved.GetProperty("version").GetInt32());
        Assert.Equal(0.06m, saved.GetProperty("model").GetProperty("tripleAim").GetProperty("poolRate").GetDecimal());

        await using var db = app.OpenStore();
        var entry = await db.AuditEntries.Where(a => a.Action == "save-organiser-model").OrderByDescending(a => a.Id).FirstAsync(Ct);
        Assert.Equal("pirha.controller", entry.Actor);
        Assert.Contains("\"poolRate\":0.05", entry.Before, StringComparison.Ordinal);
        Assert.Contains("\"poolRate\":0.06", entry.After, StringComparison.Ordinal);

        // Back to the example's terms for the other tests.
        using var original = new StringContent(OrganiserFixture.ExampleModel, Encoding.UTF8, "application/json");
        Assert.Equal(HttpStatusCode.OK, (await client.PutAsync($"{Api}/models/2023", original, Ct)).StatusCode);
    }

    [Fact]
    public async Task GivenInvalidModel_WhenSaved_Then400KeyedByJsonPathAndNothingSaved()
    {
        app.SkipIfUnavailable();
        await app.EnsureExampleModelAsync();
        var client = await app.ClientForAsync("pirha.controller");
        await using var db = app.OpenStore();
        var count = await db.OrganiserModelVersions.CountAsync(Ct);
        var invalid = OrganiserFixture.ExampleModel
            .Replace("\"basePricePerMonth\": 21.50", "\"basePricePerMonth\": 0", StringComparison.Ordinal)
            .Replace("\"addend\": 0.45", "\"addend\": -0.45", StringComparison.Ordinal);
        using var content = new StringContent(invalid, Encoding.UTF8, "application/json");
        var response = await client.PutAsync($"{Api}/models/2023", content, Ct);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        var errors = problem.GetProperty("errors");
        Assert.True(errors.TryGetProperty("capitation.basePricePerMonth", out _), errors.ToString());
        Assert.True(errors.TryGetProperty("capitation.needFactors[0].addend", out _), errors.ToString());
        Assert.Equal(count, await db.OrganiserModelVersions.CountAsync(Ct));
    }

    [Theory]
    [InlineData("tampere.controller")]
    [InlineData("pirha.analyst")]
    [InlineData("mehilainen.controller")]
    public async Task GivenNotTheOrganisersController_WhenModelSaved_Then403(string user)
    {
        app.SkipIfUnavailable();
        await app.EnsureExampleModelAsync();
        var client = await app.ClientForAsync(user);
        using var content = new StringContent(OrganiserFixture.ExampleModel, Encoding.UTF8, "application/json");
        Assert.Equal(HttpStatusCode.Forbidden, (await client.PutAsync($"{Api}/models/2023", content, Ct)).StatusCode);
    }

    [Fact]
    public async Task GivenAFinnishReader_WhenTheOrganisersPagesAreRead_ThenTheirExplanationLinesAndWarningsAreFinnishWithFinnishNumbers()
    {
        app.SkipIfUnavailable();
        await app.EnsureExampleModelAsync();
        var client = await app.ClientForAsync("pirha.viewer");
        static string Visible(string html) =>
            System.Net.WebUtility.HtmlDecode(TagRegex().Replace(html, " ")).Replace('\u00A0', ' ').Replace('\u202F', ' ');

        var invoices = Visible(await client.GetStringAsync("/organiser/invoices?year=2023&culture=fi-FI", Ct));
        // Products and members by name, as the reader knows them, not by their ids.
        Assert.Contains("7 Lääkärin vastaanottokäynti × 108,3333333333 = 758,33 € + pyöristysjäännös 0,01 € = 758,34 €", invoices, StringComparison.Ordinal);
        Assert.Contains("Tampere (837) ennakot: round2(", invoices, StringComparison.Ordinal);

        var capitation = Visible(await client.GetStringAsync("/organiser/capitation?year=2023&culture=fi-FI", Ct));
        Assert.Contains("1 listattua asukasta luokittelematta", capitation, StringComparison.Ordinal);
        var titles = string.Join(" ", TitleRegex().Matches(await client.GetStringAsync("/organiser/capitation?year=2023&culture=fi-FI", Ct))
            .Select(m => System.Net.WebUtility.HtmlDecode(m.Groups[1].Value)));
        Assert.Contains("listattua, c′-kertoimien summa", titles, StringComparison.Ordinal);

        var tripleAim = Visible(await client.GetStringAsync("/organiser/triple-aim?year=2023&culture=fi-FI", Ct));
        Assert.Contains("pooli = poolin osuus 0,05 × kapitaatio", tripleAim, StringComparison.Ordinal);
        // Providers, aims and indicators by name, not by id.
        Assert.Contains("Mehiläinen-ryhmittymä", tripleAim, StringComparison.Ordinal);
        Assert.Contains("Kustannusvaikuttavuus", tripleAim, StringComparison.Ordinal);
        Assert.Contains("Suositteluindeksi (NPS)", tripleAim, StringComparison.Ordinal);

        // None of the domain's invariant English wording is left on the Finnish pages.
        foreach (var english in new[] { "residual", "true-up", "advances:", "listed resident(s)", "pool rate", "sum of the twelve" })
        {
            Assert.DoesNotContain(english, invoices + capitation + titles + tripleAim, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task GivenTheCapitationAndTripleAimPages_WhenReadAgain_ThenTheYearsCapitationIsComputedOnceUntilTheModelChanges()
    {
        app.SkipIfUnavailable();
        await app.EnsureExampleModelAsync();
        var computations = app.Services.GetRequiredService<OrganiserComputations>();
        var controller = await app.ClientForAsync("pirha.controller");
        var viewer = await app.ClientForAsync("pirha.viewer");
        var first = await controller.GetStringAsync($"{Api}/2023/capitation", Ct);
        var computed = computations.Count;

        // The page's prerender and interactive render, another reader, the triple-aim page and the API: no new computation.
        var again = await viewer.GetStringAsync($"{Api}/2023/capitation", Ct);
        Assert.Equal(HttpStatusCode.OK, (await viewer.GetAsync("/organiser/capitation?year=2023", Ct)).StatusCode);
        var tripleAim = await controller.GetFromJsonAsync<JsonElement>($"{Api}/2023/triple-aim", Ct);
        Assert.Equal(first, again);
        Assert.True(tripleAim.GetProperty("providers").GetArrayLength() > 0, tripleAim.ToString());
        Assert.Equal(computed, computations.Count);

        // A saved model is computed anew, once, and gives the same capitation when its capitation terms did not change.
        var changed = OrganiserFixture.ExampleModel.Replace("\"poolRate\": 0.05", "\"poolRate\": 0.06", StringComparison.Ordinal);
        using (var content = new StringContent(changed, Encoding.UTF8, "application/json"))
        {
            Assert.Equal(HttpStatusCode.OK, (await controller.PutAsync($"{Api}/models/2023", content, Ct)).StatusCode);
        }

        try
        {
            Assert.Equal(first, await controller.GetStringAsync($"{Api}/2023/capitation", Ct));
            Assert.Equal(HttpStatusCode.OK, (await controller.GetAsync($"{Api}/2023/triple-aim", Ct)).StatusCode);
            Assert.Equal(computed + 1, computations.Count);
        }
        finally
        {
            using var original = new StringContent(OrganiserFixture.ExampleModel, Encoding.UTF8, "application/json");
            Assert.Equal(HttpStatusCode.OK, (await controller.PutAsync($"{Api}/models/2023", original, Ct)).StatusCode);
        }
    }

    [Fact]
    public async Task GivenTheOrganisersController_WhenAPersonMonthIsExplained_ThenTheExamplesDerivationOfP01InJanuary()
    {
        app.SkipIfUnavailable();
        await app.EnsureExampleModelAsync();
        var client = await app.ClientForAsync("pirha.controller");
        var response = await client.PostAsJsonAsync($"{Api}/2023/capitation/person-month", new { month = 1, pseudonym = "P01" }, Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var d = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);

        // The example's README: w 0.95 (F 18-64) x (1 + 0.45 diabetes) x 1 (837) / N 1.1964 = 1.1514, paid to mehilainen.
        Assert.Equal("F 18-64", d.GetProperty("group").GetString());
        Assert.Equal(0.95m, d.GetProperty("weight").GetDecimal());
        Assert.Equal("diabetes", d.GetProperty("needs")[0].GetProperty("id").GetString());
        Assert.Equal(0.45m, d.GetProperty("needs")[0].GetProperty("addend").GetDecimal());
        Assert.Equal(1m, d.GetProperty("municipalityFactor").GetDecimal());
        Assert.Equal(1.3775m, d.GetProperty("rawCoefficient").GetDecimal());
        Assert.Equal(1.1963888889m, Math.Round(d.GetProperty("mean").GetDecimal(), 10));
        Assert.Equal(1.1514m, Math.Round(d.GetProperty("coefficient").GetDecimal(), 4));
        Assert.Equal("mehilainen", d.GetProperty("provider").GetString());
        Assert.Equal(24.75m, Math.Round(d.GetProperty("share").GetDecimal(), 2));

        // P06 is in the population (so in N) but listed nowhere: never paid.
        var p06 = await (await client.PostAsJsonAsync($"{Api}/2023/capitation/person-month", new { month = 1, pseudonym = "P06" }, Ct)).Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Equal(2.52m, p06.GetProperty("rawCoefficient").GetDecimal());
        Assert.Equal(JsonValueKind.Null, p06.GetProperty("provider").ValueKind);
        Assert.Equal(JsonValueKind.Null, p06.GetProperty("share").ValueKind);

        // Bad input names its field; an unknown pseudonym is named as such and nothing about it is returned.
        var bad = await client.PostAsJsonAsync($"{Api}/2023/capitation/person-month", new { month = 13, pseudonym = "" }, Ct);
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var errors = (await bad.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("errors");
        Assert.Equal(["month", "pseudonym"], errors.EnumerateObject().Select(e => e.Name).Order(StringComparer.Ordinal));
        var unknown = await client.PostAsJsonAsync($"{Api}/2023/capitation/person-month", new { month = 1, pseudonym = "P99" }, Ct);
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        Assert.True((await unknown.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("errors").TryGetProperty("pseudonym", out _));

        await using var db = app.OpenStore();
        var entry = await db.AuditEntries.Where(a => a.Action == "explain-person-month").OrderByDescending(a => a.Id).FirstAsync(Ct);
        Assert.Equal("pirha.controller", entry.Actor);
        Assert.Equal("2023-01", entry.EntityKey);
        Assert.DoesNotContain("P0", (entry.Before ?? "") + entry.After + entry.EntityKey, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("pirha.viewer")]
    [InlineData("pirha.analyst")]
    [InlineData("pirha.leadership")]
    [InlineData("mehilainen.controller")]
    [InlineData("tampere.controller")]
    [InlineData("admin")]
    public async Task GivenNotTheOrganisersController_WhenAPersonMonthIsExplained_Then403(string user)
    {
        app.SkipIfUnavailable();
        await app.EnsureExampleModelAsync();
        var client = await app.ClientForAsync(user);
        var response = await client.PostAsJsonAsync($"{Api}/2023/capitation/person-month", new { month = 1, pseudonym = "P01" }, Ct);
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.DoesNotContain("F 18-64", await response.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
    }

    [Fact]
    public async Task GivenTheOrganiser_WhenCapitationRead_ThenEveryProviderAndTheExamplesTotal()
    {
        app.SkipIfUnavailable();
        await app.EnsureExampleModelAsync();
        var capitation = await (await app.ClientForAsync("pirha.viewer")).GetFromJsonAsync<JsonElement>($"{Api}/2023/capitation", Ct);
        Assert.Equal(1834.79m, capitation.GetProperty("total").GetDecimal());
        Assert.Equal(["mehilainen", "tampere"], capitation.GetProperty("providers").EnumerateArray().Select(p => p.GetProperty("party").GetString()!).ToArray());
        var january = capitation.GetProperty("months")[0];
        Assert.Equal(9, january.GetProperty("population").GetInt64());
        Assert.Equal(60.43m, january.GetProperty("providers")[0].GetProperty("amount").GetDecimal());
        Assert.Equal(1, capitation.GetProperty("unclassified").GetInt64());
    }

    [Fact]
    public async Task GivenAProvider_WhenCapitationAndBonusRead_ThenOnlyItsOwn()
    {
        app.SkipIfUnavailable();
        await app.EnsureExampleModelAsync();
        var client = await app.ClientForAsync("mehilainen.viewer");
        var capitation = await client.GetFromJsonAsync<JsonElement>($"{Api}/2023/capitation", Ct);
        Assert.Equal(["mehilainen"], capitation.GetProperty("providers").EnumerateArray().Select(p => p.GetProperty("party").GetString()!).ToArray());
        Assert.All(capitation.GetProperty("months").EnumerateArray(), m => Assert.Equal(1, m.GetProperty("providers").GetArrayLength()));
        Assert.Equal(837.80m, capitation.GetProperty("total").GetDecimal());
        Assert.All(capitation.GetProperty("distribution").EnumerateArray(), d => Assert.Equal("mehilainen", d.GetProperty("party").GetString()));

        var bonus = await client.GetFromJsonAsync<JsonElement>($"{Api}/2023/triple-aim", Ct);
        var only = Assert.Single(bonus.GetProperty("providers").EnumerateArray());
        Assert.Equal("mehilainen", only.GetProperty("party").GetString());
        var index = only.GetProperty("indicators").EnumerateArray().Single(i => i.GetProperty("id").GetString() == "need_adjusted_cost_index");
        Assert.Equal(112.0345520097m, Math.Round(index.GetProperty("value").GetDecimal(), 10));
    }

    [Fact]
    public async Task GivenNeitherOrganiserNorProviderNorMember_WhenResultsRead_Then403()
    {
        app.SkipIfUnavailable();
        await app.EnsureExampleModelAsync();
        var client = await app.ClientForAsync("setlementti.leadership");
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync($"{Api}/2023/capitation", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync($"{Api}/2023/triple-aim", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync($"{Api}/2023/invoices", Ct)).StatusCode);
        // A provider that speaks for no member sees no invoice.
        Assert.Equal(HttpStatusCode.Forbidden, (await (await app.ClientForAsync("mehilainen.viewer")).GetAsync($"{Api}/2023/invoices", Ct)).StatusCode);
    }

    [Fact]
    public async Task GivenAMember_WhenInvoicesRead_ThenOnlyItsOwnInvoiceAndNoOthersOrCheck()
    {
        app.SkipIfUnavailable();
        await app.EnsureExampleModelAsync();
        var invoices = await (await app.ClientForAsync("tampere.viewer")).GetFromJsonAsync<JsonElement>($"{Api}/2023/invoices", Ct);
        var member = Assert.Single(invoices.GetProperty("members").EnumerateArray());
        Assert.Equal("837", member.GetProperty("municipality").GetString());
        Assert.Equal(3369.50m, member.GetProperty("total").GetDecimal());
        Assert.Equal(758.34m, member.GetProperty("lines")[0].GetProperty("amount").GetDecimal());
        Assert.Equal(JsonValueKind.Null, invoices.GetProperty("others").ValueKind);
        Assert.Equal(JsonValueKind.Null, invoices.GetProperty("checkCosts").ValueKind);

        var all = await (await app.ClientForAsync("pirha.viewer")).GetFromJsonAsync<JsonElement>($"{Api}/2023/invoices", Ct);
        Assert.Equal(3, all.GetProperty("members").GetArrayLength());
        Assert.Equal(12290.00m, all.GetProperty("checkCosts").GetDecimal());
        Assert.Equal(all.GetProperty("checkCosts").GetDecimal(), all.GetProperty("checkInvoiced").GetDecimal());
    }

    [Fact]
    public async Task GivenIssuedRun_WhenInputsChangeAndReissued_ThenCreditNotePlusNewRunAndTheFirstStaysFrozen()
    {
        app.SkipIfUnavailable();
        await app.EnsureExampleModelAsync();
        var controller = await app.ClientForAsync("pirha.controller");
        Assert.Equal(HttpStatusCode.Forbidden, (await (await app.ClientForAsync("tampere.controller")).PostAsync($"{Api}/2023/invoices/issue", null, Ct)).StatusCode);

        var first = await controller.PostAsync($"{Api}/2023/invoices/issue", null, Ct);
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        var issued = (await first.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("issued");
        var number = issued.GetProperty("number").GetInt32();
        var sha = issued.GetProperty("inputsSha256").GetString()!;
        Assert.Matches("^[0-9a-f]{64}$", sha);

        // Same inputs: nothing to correct.
        Assert.Equal(HttpStatusCode.Conflict, (await controller.PostAsync($"{Api}/2023/invoices/issue", null, Ct)).StatusCode);

        // 837's budget changes: a credit note cancels the first run, and a new run follows.
        var changed = OrganiserFixture.ExampleModel.Replace("\"837\": 3000.00", "\"837\": 3100.00", StringComparison.Ordinal);
        using (var content = new StringContent(changed, Encoding.UTF8, "application/json"))
        {
            Assert.Equal(HttpStatusCode.OK, (await controller.PutAsync($"{Api}/models/2023", content, Ct)).StatusCode);
        }

        var second = await controller.PostAsync($"{Api}/2023/invoices/issue", null, Ct);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        var runs = await controller.GetFromJsonAsync<JsonElement>($"{Api}/2023/invoices/issued", Ct);
        var list = runs.EnumerateArray().Where(r => r.GetProperty("number").GetInt32() >= number).ToList();
        Assert.Equal(["invoice", "creditNote", "invoice"], list.Select(r => r.GetProperty("kind").GetString()!).ToArray());
        Assert.Equal(number, list[1].GetProperty("cancels").GetInt32());
        Assert.NotEqual(sha, list[2].GetProperty("inputsSha256").GetString());

        var frozen = await controller.GetFromJsonAsync<JsonElement>($"{Api}/2023/invoices/issued/{number}", Ct);
        Assert.Equal(sha, frozen.GetProperty("issued").GetProperty("inputsSha256").GetString());
        Assert.Equal(3000.00m, frozen.GetProperty("members")[0].GetProperty("budget").GetDecimal());
        Assert.Equal(369.50m, frozen.GetProperty("members")[0].GetProperty("trueUp").GetDecimal());

        await using var db = app.OpenStore();
        var credit = await db.OrganiserInvoiceRuns.SingleAsync(r => r.Kind == "creditNote" && r.Cancels == number, Ct);
        Assert.Contains("-3369.5", credit.ResultJson, StringComparison.Ordinal);
        Assert.True(await db.AuditEntries.AnyAsync(a => a.Action == "correct-invoices", Ct));

        // Back to the example's terms for the other tests.
        using var original = new StringContent(OrganiserFixture.ExampleModel, Encoding.UTF8, "application/json");
        Assert.Equal(HttpStatusCode.OK, (await controller.PutAsync($"{Api}/models/2023", original, Ct)).StatusCode);
    }

    [Fact]
    public async Task GivenAnIssuedRun_WhenItsPdfIsReadInFinnishAndEnglish_ThenItsLinesAreInTheReadersLanguageWithTheIssuedFigures()
    {
        app.SkipIfUnavailable();
        await app.EnsureExampleModelAsync();
        var controller = await app.ClientForAsync("pirha.controller");

        // A budget of its own, so that this run is issued whatever other tests issued before.
        var changed = OrganiserFixture.ExampleModel.Replace("\"837\": 3000.00", "\"837\": 3050.00", StringComparison.Ordinal);
        using (var content = new StringContent(changed, Encoding.UTF8, "application/json"))
        {
            Assert.Equal(HttpStatusCode.OK, (await controller.PutAsync($"{Api}/models/2023", content, Ct)).StatusCode);
        }

        try
        {
            var response = await controller.PostAsync($"{Api}/2023/invoices/issue", null, Ct);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var issued = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
            var member = issued.GetProperty("members")[0];
            Assert.Equal("837", member.GetProperty("municipality").GetString());
            var total = member.GetProperty("total").GetDecimal();
            var trueUp = member.GetProperty("trueUp").GetDecimal();
            Assert.Equal(3369.50m, total);
            Assert.Equal(319.50m, trueUp);
            var sha = issued.GetProperty("issued").GetProperty("inputsSha256").GetString()!;
            var number = issued.GetProperty("issued").GetProperty("number").GetInt32();

            async Task<string> PdfText(string culture)
            {
                var pdf = await controller.GetAsync($"{Api}/2023/invoices/837/pdf?culture={culture}", Ct);
                Assert.Equal(HttpStatusCode.OK, pdf.StatusCode);
                using var document = UglyToad.PdfPig.PdfDocument.Open(await pdf.Content.ReadAsByteArrayAsync(Ct));
                return string.Join(" ", document.GetPages().Select(p => p.Text)).Replace('\u202F', ' ').Replace('\u00A0', ' ');
            }

            static string Compact(string text) => new([.. text.Where(c => !char.IsWhiteSpace(c))]);

            var finnish = await PdfText("fi-FI");
            Assert.Contains("pyöristysjäännös", finnish, StringComparison.Ordinal);
            Assert.Contains("tasaus", finnish, StringComparison.Ordinal);
            Assert.Contains("lisälasku", Compact(finnish), StringComparison.Ordinal);
            Assert.Contains("3369,50", Compact(finnish), StringComparison.Ordinal);
            Assert.Contains("319,50", Compact(finnish), StringComparison.Ordinal);
            foreach (var english in new[] { "residual", "true-up", "advances:", "additional invoice" })
            {
                Assert.DoesNotContain(english, finnish, StringComparison.Ordinal);
            }

            var englishText = await PdfText("en-GB");
            Assert.Contains("residual", englishText, StringComparison.Ordinal);
            Assert.Contains("true-up", englishText, StringComparison.Ordinal);
            Assert.Contains("3,369.50", Compact(englishText), StringComparison.Ordinal);
            Assert.Contains("319.50", Compact(englishText), StringComparison.Ordinal);

            // The frozen run read back: the same figures and hash as issued, the stored JSON untouched.
            var frozen = await controller.GetFromJsonAsync<JsonElement>($"{Api}/2023/invoices/issued/{number}", Ct);
            Assert.Equal(sha, frozen.GetProperty("issued").GetProperty("inputsSha256").GetString());
            Assert.Equal(total, frozen.GetProperty("members")[0].GetProperty("total").GetDecimal());
            Assert.Equal(trueUp, frozen.GetProperty("members")[0].GetProperty("trueUp").GetDecimal());
            await using var db = app.OpenStore();
            var row = await db.OrganiserInvoiceRuns.SingleAsync(r => r.Year == 2023 && r.Number == number && r.Kind == "invoice", Ct);
            Assert.Equal(sha, row.InputsSha256);
            Assert.Contains("true-up", row.ResultJson, StringComparison.Ordinal);
        }
        finally
        {
            // Back to the example's terms for the other tests.
            using var original = new StringContent(OrganiserFixture.ExampleModel, Encoding.UTF8, "application/json");
            Assert.Equal(HttpStatusCode.OK, (await controller.PutAsync($"{Api}/models/2023", original, Ct)).StatusCode);
        }
    }

    [Fact]
    public async Task GivenTheOrganiser_WhenWorkbookDownloaded_ThenFiguresAreNumberCellsWithNumberFormats()
    {
        app.SkipIfUnavailable();
        await app.EnsureExampleModelAsync();
        var response = await (await app.ClientForAsync("pirha.viewer")).GetAsync($"{Api}/2023/invoices.xlsx", Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var workbook = new ClosedXML.Excel.XLWorkbook(new MemoryStream(await response.Content.ReadAsByteArrayAsync(Ct)));
        Assert.Equal(5, workbook.Worksheets.Count); // price list, three members, others
        var cells = workbook.Worksheets.SelectMany(w => w.CellsUsed()).ToList();
        var total = Assert.Single(cells, c => c.DataType == ClosedXML.Excel.XLDataType.Number && c.GetDouble() == 3369.50);
        Assert.Contains("0.00", total.Style.NumberFormat.Format, StringComparison.Ordinal);
        var price = Assert.Single(cells, c => c.DataType == ClosedXML.Excel.XLDataType.Number && Math.Abs(c.GetDouble() - (1300.0 / 12)) < 1e-9 && c.WorksheetRow().RowNumber() == 2 && c.Address.ColumnNumber == 5);
        Assert.Equal("#,##0.000000", price.Style.NumberFormat.Format);
    }

    [Fact]
    public async Task GivenAMember_WhenPdfsRequested_ThenItsOwnHasItsTotalAndAnotherMembersIsNotFound()
    {
        app.SkipIfUnavailable();
        await app.EnsureExampleModelAsync();
        var client = await app.ClientForAsync("tampere.viewer");
        var own = await client.GetAsync($"{Api}/2023/invoices/837/pdf", Ct);
        Assert.Equal(HttpStatusCode.OK, own.StatusCode);
        Assert.Equal("application/pdf", own.Content.Headers.ContentType?.MediaType);
        using var pdf = UglyToad.PdfPig.PdfDocument.Open(await own.Content.ReadAsByteArrayAsync(Ct));
        var text = new string([.. string.Concat(pdf.GetPages().Select(p => p.Text)).Where(c => !char.IsWhiteSpace(c) && c != '\u202F')]);
        Assert.True(text.Contains("3369,50", StringComparison.Ordinal) || text.Contains("3,369.50", StringComparison.Ordinal), text);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"{Api}/2023/invoices/604/pdf", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await (await app.ClientForAsync("mehilainen.viewer")).GetAsync($"{Api}/2023/invoices/837/pdf", Ct)).StatusCode);
    }

    [Fact]
    public async Task GivenProviderUnitMissingFromUnits_WhenCapitationRead_Then400NamingTheUnitsPath()
    {
        app.SkipIfUnavailable();
        await app.EnsureExampleModelAsync();
        var controller = await app.ClientForAsync("pirha.controller");
        var model = OrganiserFixture.ExampleModel.Replace("\"units\": [\"HER\", \"LEN\"]", "\"units\": [\"HER\", \"LEN\", \"NOPE\"]", StringComparison.Ordinal);
        using (var content = new StringContent(model, Encoding.UTF8, "application/json"))
        {
            Assert.Equal(HttpStatusCode.OK, (await controller.PutAsync($"{Api}/models/2024", content, Ct)).StatusCode);
        }

        var response = await controller.GetAsync($"{Api}/2024/capitation", Ct);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("errors");
        Assert.True(errors.TryGetProperty("providers[1].units[2]", out _), errors.ToString());
    }

    [Fact]
    public async Task GivenAnIssuedRunWhoseModelVersionTodaysRulesRefuse_WhenItsPageIsRead_ThenItsFiguresStandAndThePageSaysItsTextsAreAsIssued()
    {
        app.SkipIfUnavailable();
        await app.EnsureExampleModelAsync();
        var controller = await app.ClientForAsync("pirha.controller");

        // A budget of its own, so that this run is issued whatever other tests issued before; then the example's terms again.
        var changed = OrganiserFixture.ExampleModel.Replace("\"837\": 3000.00", "\"837\": 3075.00", StringComparison.Ordinal);
        using (var content = new StringContent(changed, Encoding.UTF8, "application/json"))
        {
            Assert.Equal(HttpStatusCode.OK, (await controller.PutAsync($"{Api}/models/2023", content, Ct)).StatusCode);
        }

        var response = await controller.PostAsync($"{Api}/2023/invoices/issue", null, Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var number = (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("issued").GetProperty("number").GetInt32();
        using (var original = new StringContent(OrganiserFixture.ExampleModel, Encoding.UTF8, "application/json"))
        {
            Assert.Equal(HttpStatusCode.OK, (await controller.PutAsync($"{Api}/models/2023", original, Ct)).StatusCode);
        }

        // The run's model version as an older rule set would have left it: today's reader refuses a base price of 0.
        await using var db = app.OpenStore();
        var versionId = (await db.OrganiserInvoiceRuns.SingleAsync(r => r.Year == 2023 && r.Number == number, Ct)).ModelVersionId;
        var json = (await db.OrganiserModelVersions.SingleAsync(v => v.Id == versionId, Ct)).Json;
        var older = System.Text.RegularExpressions.Regex.Replace(json, "\"basePricePerMonth\":\\s*21\\.50?", "\"basePricePerMonth\":0");
        Assert.NotEqual(json, older);
        await db.OrganiserModelVersions.Where(v => v.Id == versionId).ExecuteUpdateAsync(u => u.SetProperty(v => v.Json, older), Ct);
        try
        {
            var html = await controller.GetStringAsync("/organiser/invoices?year=2023&culture=fi-FI", Ct);
            var page = System.Net.WebUtility.HtmlDecode(TagRegex().Replace(html, " ")).Replace('\u00A0', ' ').Replace('\u202F', ' ');
            Assert.Contains("Tämän ajon selitykset näytetään sellaisina kuin ne lähetettiin, englanniksi", page, StringComparison.Ordinal);
            Assert.Contains("3 369,50 €", page, StringComparison.Ordinal);
            Assert.Contains("3 075,00 €", page, StringComparison.Ordinal);
        }
        finally
        {
            await db.OrganiserModelVersions.Where(v => v.Id == versionId).ExecuteUpdateAsync(u => u.SetProperty(v => v.Json, json), Ct);
        }
    }

    [System.Text.RegularExpressions.GeneratedRegex("<[^>]+>")]
    private static partial System.Text.RegularExpressions.Regex TagRegex();

    [System.Text.RegularExpressions.GeneratedRegex("title=\"([^\"]*)\"")]
    private static partial System.Text.RegularExpressions.Regex TitleRegex();
}

public sealed class SqliteOrganiserApiTests(SqliteOrganiserFixture app) : OrganiserApiTests(app), IClassFixture<SqliteOrganiserFixture>;

public sealed class PostgresOrganiserApiTests(PostgresOrganiserFixture app) : OrganiserApiTests(app), IClassFixture<PostgresOrganiserFixture>;
