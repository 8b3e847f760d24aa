using Allianssi.Application.Data;
using Allianssi.Application.Data.Entities;
using Allianssi.Application.Security;
using Allianssi.Application.UseCases.Common;
using Allianssi.Application.UseCases.Indicators;
using Allianssi.Application.UseCases.Organiser;
using Allianssi.EndToEndTests.Pages;
using Allianssi.Store;
using DuckDB.NET.Data;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

using Allianssi.TestSupport;

namespace Allianssi.EndToEndTests;

/// <summary>
/// The browser fixture with the organiser worked example in the analytical store (docs/domain/organiser-example)
/// and its model saved for 2023, the member 837 spoken for by the party tampere.
/// </summary>
public sealed class OrganiserBrowserFixture : BrowserFixture
{
    private static readonly string[] Datasets = ["units", "persons", "listings", "diagnoses", "visits", "service_periods", "ledger", "population"];

    private static string ExampleDirectory => Path.Combine(AppContext.BaseDirectory, "OrganiserExample");

    /// <summary>Saves the example's model for 2023 as the organiser's controller would.</summary>
    public async Task SaveExampleModelAsync()
    {
        var model = File.ReadAllText(Path.Combine(ExampleDirectory, "model.json"))
            .Replace("\"members\": [\"837\", \"604\", \"980\"],", "\"members\": [\"837\", \"604\", \"980\"], \"memberParties\": { \"837\": \"tampere\" },", StringComparison.Ordinal);
        await using var scope = Services.CreateAsyncScope();
        var saved = await scope.ServiceProvider.GetRequiredService<OrganiserPayments>()
            .SaveModelAsync("tesoma", 2023, model, new Actor("e2e.controller", Roles.Controller, "pirha"), TestContext.Current.CancellationToken);
        Assert.True(saved.IsOk, saved.Message);
    }

    protected override void PrepareData(IWebHostBuilder builder, string dataDirectory)
    {
        builder.UseSetting("Demo:Residents", "0");
        Directory.CreateDirectory(dataDirectory);
        var path = Path.Combine(dataDirectory, AnalyticalStoreLocation.FileName);
        if (File.Exists(path))
        {
            return;
        }

        using var rows = StoreRows.Open(path);
        rows.LoadCsvFiles(ExampleDirectory, Datasets);
    }
}

/// <summary>A member municipality opens its invoice, downloads the PDF and finds the same total in its text; the organiser's controller explains a person-month.</summary>
public sealed partial class OrganiserBrowserTests(OrganiserBrowserFixture app) : IClassFixture<OrganiserBrowserFixture>
{
    [Fact]
    public async Task GivenMembersInvoiceInFinnish_WhenPdfDownloaded_ThenItsTextHasTheTotalThePageShows()
    {
        app.SkipIfUnavailable();
        await app.SaveExampleModelAsync();
        var page = await app.NewPageAsync();
        await new LoginPage(page).SignInAsync("tampere.viewer", BrowserFixture.Password);
        await page.GotoAsync($"/culture?c=fi-FI&redirectUri={Uri.EscapeDataString("/organiser/invoices?year=2023")}");
        await page.WaitForURLAsync(url => url.Contains("/organiser/invoices", StringComparison.Ordinal));

        var total = (await page.GetByTestId("invoice-total-837").InnerTextAsync()).Trim();
        Assert.Equal("3 369,50 €", total.Replace('\u00A0', ' ').Replace('\u202F', ' '));
        // A member sees its own invoice only.
        Assert.Equal(0, await page.GetByTestId("invoice-604").CountAsync());

        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByTestId("invoice-pdf-837").ClickAsync());
        var file = await download.PathAsync();
        using var pdf = UglyToad.PdfPig.PdfDocument.Open(await File.ReadAllBytesAsync(file, TestContext.Current.CancellationToken));
        var text = string.Join(" ", pdf.GetPages().Select(p => p.Text));
        Assert.Contains(Squeeze(total), Squeeze(text), StringComparison.Ordinal);
        Assert.Contains("758,34", text, StringComparison.Ordinal);
        // The explanation lines in Finnish, as on the page: advances and the residual cent in Finnish words.
        Assert.Contains("Tampere(837)ennakot:round2(", Squeeze(text), StringComparison.Ordinal);
        Assert.Contains("+pyöristysjäännös0,01€=758,34€", Squeeze(text), StringComparison.Ordinal);
        Assert.DoesNotContain("residual", text, StringComparison.Ordinal);
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, "organiser-invoice-837.png"), FullPage = true });
    }

    [Fact]
    public async Task GivenTheOrganisersControllerInFinnish_WhenAPersonMonthIsExplained_ThenTheDerivationReadsInFinnishAndABadPseudonymIsNamedBesideItsField()
    {
        app.SkipIfUnavailable();
        await app.SaveExampleModelAsync();
        var page = await app.NewPageAsync();
        await new LoginPage(page).SignInAsync("pirha.controller", BrowserFixture.Password);
        await page.GotoAsync($"/culture?c=fi-FI&redirectUri={Uri.EscapeDataString("/organiser/capitation?year=2023")}");
        await page.WaitForURLAsync(url => url.Contains("/organiser/capitation", StringComparison.Ordinal));
        await page.WaitUntilInteractiveAsync();

        // Nothing typed: the message stands beside the pseudonym field.
        await page.GetByRole(AriaRole.Button, new() { Name = "Selitä" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("pm-pseudonym-error")).ToContainTextAsync("henkilön pseudonyymi");

        // A pseudonym no resident has: said in Finnish beside the field.
        await page.GetByLabel("Pseudonyymi").FillAsync("EI-OLE");
        await page.GetByRole(AriaRole.Button, new() { Name = "Selitä" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("pm-pseudonym-error")).ToContainTextAsync("kenelläkään mallin kuntien asukkaalla ei ole tätä pseudonyymiä");

        await page.GetByLabel("Pseudonyymi").FillAsync("P01");
        await page.GetByLabel("Kuukausi", new() { Exact = true }).SelectOptionAsync("1");
        await page.GetByRole(AriaRole.Button, new() { Name = "Selitä" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("person-month")).ToBeVisibleAsync();
        Assert.Equal(0, await page.GetByTestId("pm-pseudonym-error").CountAsync());

        // The example's README, in Finnish numbers: w 0,95 (F 18-64) x (1 + 0,45) x 1 = 1,3775; / N 1,1964 = 1,1514; 21,50 € x c' = 24,75 €.
        Assert.Contains("F 18-64", await page.GetByTestId("pm-group").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Contains("diabetes +0,4500", await page.GetByTestId("pm-needs").InnerTextAsync(), StringComparison.Ordinal);
        Assert.EndsWith("= 1,3775", (await page.GetByTestId("pm-raw").InnerTextAsync()).Trim(), StringComparison.Ordinal);
        Assert.Contains("1,3775 / 1,1964 = 1,1514", await page.GetByTestId("pm-normalised").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Contains("Mehiläinen-ryhmittymä", await page.GetByTestId("pm-provider").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Contains("= 24,75 €", Spaces(await page.GetByTestId("pm-euros").InnerTextAsync()), StringComparison.Ordinal);
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, "organiser-person-month-fi.png"), FullPage = true });

        // A provider's user sees its capitation but not the person-month form.
        var provider = await app.NewPageAsync();
        await new LoginPage(provider).SignInAsync("mehilainen.controller", BrowserFixture.Password);
        await provider.GotoAsync("/organiser/capitation?year=2023");
        await provider.GetByTestId("capitation-mehilainen").WaitForAsync();
        Assert.Equal(0, await provider.GetByTestId("person-month-form").CountAsync());
    }

    [Fact]
    public async Task GivenTheOrganisersController_WhenAModelValueIsEdited_ThenAnInvalidValueIsNamedBesideItsFieldAndAValidOneIsSavedAsANewVersion()
    {
        app.SkipIfUnavailable();
        await app.SaveExampleModelAsync();
        var page = await app.NewPageAsync();
        await new LoginPage(page).SignInAsync("pirha.controller", BrowserFixture.Password);
        await page.GotoAsync("/organiser/model?year=2023");
        await page.WaitUntilInteractiveAsync();
        var before = int.Parse(VersionRegex().Match(await page.GetByTestId("model-version").InnerTextAsync()).Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        var price = page.GetByLabel("Base price per month (€)");
        Assert.Equal("21.50", await price.InputValueAsync());

        // An invalid value: the validator's message stands beside the field it names, and nothing is saved.
        await price.FillAsync("0");
        await price.PressAsync("Tab");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save as a new version" }).ClickAsync();
        var error = page.GetByTestId("m-capitation-basePricePerMonth-error");
        await Assertions.Expect(error).ToContainTextAsync("must be positive");
        Assert.Contains($"version {before} of 2023", await page.GetByTestId("model-version").InnerTextAsync(), StringComparison.Ordinal);

        await price.FillAsync("22.00");
        await price.PressAsync("Tab");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save as a new version" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("model-saved")).ToHaveTextAsync($"Saved as version {before + 1} of 2023.");
        Assert.Equal(0, await error.CountAsync());
        Assert.Contains($"version {before + 1} of 2023", await page.GetByTestId("model-version").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Equal("22.00", await page.GetByLabel("Base price per month (€)").InputValueAsync());
        // The versions table lists every year's versions, newest year first (another test of this class may have saved 2024's):
        // 2023's first row is the version just saved.
        var rows = await page.GetByTestId("model-versions").Locator("tbody tr").AllInnerTextsAsync();
        var newest2023 = rows.First(r => r.StartsWith("2023\t", StringComparison.Ordinal));
        Assert.StartsWith($"2023\t{before + 1}\t", newest2023, StringComparison.Ordinal);
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, "organiser-model-form.png"), FullPage = true });

        // In Finnish the same invalid value is named beside its field in Finnish, with a decimal comma.
        await page.GotoAsync($"/culture?c=fi-FI&redirectUri={Uri.EscapeDataString("/organiser/model?year=2023")}");
        await page.WaitUntilInteractiveAsync();
        var hinta = page.Locator("#m-capitation-basePricePerMonth");
        await hinta.FillAsync("-1.5");
        await hinta.PressAsync("Tab");
        await page.GetByRole(AriaRole.Button, new() { Name = "Tallenna uutena versiona" }).ClickAsync();
        var virhe = page.GetByTestId("m-capitation-basePricePerMonth-error");
        await Assertions.Expect(virhe).ToContainTextAsync("perushinnan on oltava positiivinen, on");
        Assert.Contains("1,5", Spaces(await virhe.InnerTextAsync()), StringComparison.Ordinal);
        Assert.DoesNotContain("must be positive", await virhe.InnerTextAsync(), StringComparison.Ordinal);
        await page.GotoAsync($"/culture?c=en-GB&redirectUri={Uri.EscapeDataString("/organiser/model?year=2023")}");

        // Another party's reader sees the model read-only.
        var reader = await app.NewPageAsync();
        await new LoginPage(reader).SignInAsync("tampere.viewer", BrowserFixture.Password);
        await reader.GotoAsync("/organiser/model?year=2023");
        await reader.GetByTestId("model-read-only").WaitForAsync();
        Assert.Equal(0, await reader.GetByRole(AriaRole.Button, new() { Name = "Save as a new version" }).CountAsync());
        Assert.Equal("22.00", await reader.GetByLabel("Base price per month (€)").InputValueAsync());
        await app.SaveExampleModelAsync();
    }

    [Fact]
    public async Task GivenAnIssuedRun_WhenTheModelChangesAfterwards_ThenThePageShowsTheIssuedFiguresSaysTheDataChangedAndShowsTodaysOnRequest()
    {
        app.SkipIfUnavailable();
        await app.SaveExampleModelAsync();
        var controller = new Actor("e2e.controller", Roles.Controller, "pirha");
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var payments = scope.ServiceProvider.GetRequiredService<OrganiserPayments>();
            var issued = await payments.IssueInvoicesAsync("tesoma", 2023, controller, TestContext.Current.CancellationToken);
            // Issued by this test before, or just now: either way a run is in force with the example's figures.
            Assert.True(issued.IsOk || issued.Status == OutcomeStatus.Conflict, issued.Message);
            var model = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "OrganiserExample", "model.json"))
                .Replace("\"837\": 3000.00", "\"837\": 3600.00", StringComparison.Ordinal);
            var saved = await payments.SaveModelAsync("tesoma", 2023, model, controller, TestContext.Current.CancellationToken);
            Assert.True(saved.IsOk, saved.Message);
        }

        try
        {
            var page = await app.NewPageAsync();
            await new LoginPage(page).SignInAsync("pirha.controller", BrowserFixture.Password);
            await page.GotoAsync("/organiser/invoices?year=2023");

            // The run in force, as issued: the budget it was issued with, not today's; the change is said.
            await Assertions.Expect(page.GetByTestId("invoice-status")).ToContainTextAsync("as issued: SHA-256 of its inputs");
            Assert.Equal("€3,000.00", (await page.GetByTestId("invoice-budget-837").InnerTextAsync()).Trim());
            await Assertions.Expect(page.GetByTestId("invoice-changed")).ToContainTextAsync("has changed since run");
            Assert.Contains("Tampere (837)", await page.GetByTestId("invoice-837").Locator("h2").InnerTextAsync(), StringComparison.Ordinal);

            // The cost per resident is drawn: a column per member municipality by name, a series per priced product.
            var chart = page.Locator(".rz-chart").First;
            await Assertions.Expect(chart.Locator("svg").First).ToBeVisibleAsync();
            await Assertions.Expect(chart.Locator(".rz-legend")).ToContainTextAsync("Lääkärin vastaanottokäynti");
            var drawn = await chart.TextContentAsync() ?? "";
            foreach (var member in new[] { "Tampere (837)", "Pirkkala (604)", "Ylöjärvi (980)" })
            {
                Assert.Contains(member, drawn, StringComparison.Ordinal);
            }

            Assert.True(await chart.Locator(".rz-column-series path").CountAsync() >= 3, "the chart draws no columns");
            await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, "organiser-invoices-issued.png"), FullPage = true });

            // On request, the invoices as computed now, labelled as not issued.
            await page.GetByTestId("invoice-switch").ClickAsync();
            await Assertions.Expect(page.GetByTestId("invoice-status")).ToContainTextAsync("Computed from the data now, not issued");
            Assert.Equal("€3,600.00", (await page.GetByTestId("invoice-budget-837").InnerTextAsync()).Trim());
        }
        finally
        {
            await app.SaveExampleModelAsync();
        }
    }

    [Fact]
    public async Task GivenAModelWithoutASection_WhenTheControllerAddsIt_ThenItStartsFromTheExampleAndIsSavedWithTheModel()
    {
        app.SkipIfUnavailable();
        // 2024's model without the triple-aim section (each section is optional).
        var model = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "OrganiserExample", "model.json")),
            documentOptions: new() { CommentHandling = System.Text.Json.JsonCommentHandling.Skip })!.AsObject();
        model.Remove("tripleAim");
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var saved = await scope.ServiceProvider.GetRequiredService<OrganiserPayments>()
                .SaveModelAsync("tesoma", 2024, model.ToJsonString(), new Actor("e2e.controller", Roles.Controller, "pirha"), TestContext.Current.CancellationToken);
            Assert.True(saved.IsOk, saved.Message);
        }

        var page = await app.NewPageAsync();
        await new LoginPage(page).SignInAsync("pirha.controller", BrowserFixture.Password);
        await page.GotoAsync("/organiser/model?year=2024");
        await page.WaitUntilInteractiveAsync();
        Assert.Equal(0, await page.Locator("#m-tripleAim-poolRate").CountAsync());
        Assert.Equal(0, await page.GetByTestId("add-section-capitation").CountAsync());

        await page.GetByTestId("add-section-tripleAim").ClickAsync();
        await Assertions.Expect(page.Locator("#m-tripleAim-poolRate")).ToHaveValueAsync("0.05");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save as a new version" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("model-saved")).ToContainTextAsync("of 2024.");
        await Assertions.Expect(page.GetByTestId("add-section-tripleAim")).ToHaveCountAsync(0);

        // A year before any model: the controller starts from the example, as its own party's model.
        await page.GotoAsync("/organiser/model?year=2016");
        await page.WaitUntilInteractiveAsync();
        await page.GetByTestId("start-from-example").ClickAsync();
        await Assertions.Expect(page.Locator("#m-organiser")).ToHaveValueAsync("pirha");
        await Assertions.Expect(page.GetByTestId("model-saved")).ToContainTextAsync("The example model is loaded for editing");
    }

    [Fact]
    public async Task GivenAStoredModelTheRulesRefuse_WhenTheCapitationPageIsOpenedInFinnish_ThenTheErrorNamesTheFieldByTheFormsLabelsInFinnish()
    {
        app.SkipIfUnavailable();
        // A model stored under older rules (written to the table, as an old database has it): the third age group's weight is 0.
        var json = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "OrganiserExample", "model.json")),
            documentOptions: new() { CommentHandling = System.Text.Json.JsonCommentHandling.Skip })!.AsObject();
        json["capitation"]!["ageSexWeights"]![2]!["weight"] = 0m;
        int id;
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AllianssiDbContext>();
            var alliance = await db.Alliances.SingleAsync(a => a.Code == "tesoma", TestContext.Current.CancellationToken);
            var row = new OrganiserModelVersion
            {
                AllianceId = alliance.Id, Year = 2030, Version = 1, Organiser = "pirha", Json = json.ToJsonString(),
                SavedAt = scope.ServiceProvider.GetRequiredService<TimeProvider>().GetUtcNow(), SavedBy = "e2e.controller",
            };
            db.OrganiserModelVersions.Add(row);
            await db.SaveChangesAsync(TestContext.Current.CancellationToken);
            id = row.Id;
        }

        try
        {
            var page = await app.NewPageAsync();
            await new LoginPage(page).SignInAsync("pirha.controller", BrowserFixture.Password);
            await page.GotoAsync($"/culture?c=fi-FI&redirectUri={Uri.EscapeDataString("/organiser/capitation?year=2030")}");

            // The path capitation.ageSexWeights[2].weight read as the model form shows it, the message from its code.
            await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToHaveTextAsync("Kapitaatio › Ikä- ja sukupuolipainot › 3. › Paino: painon on oltava positiivinen, on 0");
            await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, "fi-organiser-capitation-invalid-model.png"), FullPage = true });
        }
        finally
        {
            await using var scope = app.Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<AllianssiDbContext>();
            db.OrganiserModelVersions.Remove(await db.OrganiserModelVersions.SingleAsync(m => m.Id == id, TestContext.Current.CancellationToken));
            await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        }
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"version (\d+) of")]
    private static partial System.Text.RegularExpressions.Regex VersionRegex();

    private static string Spaces(string text) => text.Replace('\u00A0', ' ').Replace('\u202F', ' ');

    // PDF text extraction keeps the glyphs but not always the spaces between them.
    private static string Squeeze(string text) => new([.. text.Where(c => !char.IsWhiteSpace(c) && c != '\u202F')]);
}
