using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Allianssi.Application.Data;
using Allianssi.Application.Data.Entities;
using Allianssi.Application.UseCases.Scoring;
using Allianssi.IntegrationTests.Faults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using UglyToad.PdfPig;

namespace Allianssi.IntegrationTests.Reports;

/// <summary>
/// The period report read back with a text extractor (PdfPig): its scorecard and settlement figures
/// are the API's, written in Finnish or English formats; a locked year's report carries the lock's
/// SHA-256 and is the same text twice; a span without a score is refused. The first pages are
/// rendered to PNG (pdftoppm) under artifacts/screenshots for a person to look at.
/// </summary>
public abstract class PeriodReportTests(AppFixture app)
{
    private const string A = "/api/alliances/tesoma";
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>What a reader reads in each language: the labels of the settlement's rows and the number formats.</summary>
    public sealed record Words(string Lang, CultureInfo Culture, bool EuroAfter, string TargetCost, string ActualCost, string Fee, string Share, string Incentive, string Compensation, string Payment, string Draft, string OverallScore, string PeriodScore, string KraScore);

    private static readonly Words Finnish = new("fi", CultureInfo.GetCultureInfo("fi-FI"), true, "Tavoitekustannus", "Toteutunut kustannus", "Palkkio", "Osuus", "Kannustin", "Korvaus", "Maksu", "LUONNOS, EI HYVÄKSYTTY", "Kokonaispisteet", "Kauden pisteet S", "pisteet");

    private static readonly Words English = new("en", CultureInfo.GetCultureInfo("en-GB"), false, "Target cost", "Actual cost", "Fee", "Share", "Incentive", "Compensation", "Payment", "DRAFT, NOT APPROVED", "Overall score", "Period score S", "score");

    public static TheoryData<string> Languages => new(["fi", "en"]);

    [Theory]
    [MemberData(nameof(Languages))]
    public async Task GivenP2_WhenItsReportIsRead_ThenEveryScorecardAndSettlementFigureIsTheApisInTheLanguagesFormat(string lang)
    {
        app.SkipIfUnavailable();
        var words = lang == "fi" ? Finnish : English;
        var viewer = await app.ClientForAsync("tampere.viewer");
        var scorecard = (await viewer.GetFromJsonAsync<ScorecardView>($"{A}/periods/P2/scorecard", Json, Ct))!;
        var settlement = (await viewer.GetFromJsonAsync<SettlementView>($"{A}/periods/P2/settlement", Json, Ct))!;

        var pdf = await DownloadAsync(viewer, $"{A}/periods/P2/report?format=pdf&lang={lang}");
        var pages = PageTexts(pdf);
        var text = string.Join(" ", pages);
        Render(pdf, $"report-p2-{lang}", 3);

        Assert.All(pages, p => Assert.Contains($"{words.Draft}: Tesoman hyvinvointiallianssi P2", p, StringComparison.Ordinal));
        Assert.Contains($"{words.OverallScore} {scorecard.Year} {Score(scorecard.OverallScore, words)}", text, StringComparison.Ordinal);
        Assert.Contains($"{words.PeriodScore} {Score(settlement.PeriodScore, words)}", text, StringComparison.Ordinal);
        foreach (var kra in scorecard.Kras)
        {
            Assert.Contains($"{words.KraScore} {Score(kra.Score, words)},", text, StringComparison.Ordinal);
            // The explanation lines name a key result area as the pages do: its name in the language, the id after it.
            Assert.Contains($"{(lang == "fi" ? kra.NameFi : kra.NameEn)} ({kra.Code}) {scorecard.Year}:", text, StringComparison.Ordinal);
            foreach (var i in kra.Indicators)
            {
                // The row as the reader reads it: value, the three levels and the score, side by side.
                Assert.Contains($"{Number(i.Value, words)} {Number(i.Minus100, words)} {Number(i.Zero, words)} {Number(i.Plus100, words)} {Score(i.Score, words)}", text, StringComparison.Ordinal);
            }
        }

        foreach (var (label, total) in new[] { ("(TAK)", settlement.TargetCost), ("(AC)", settlement.ActualCost), ("D", settlement.CostResult), ("B", settlement.Incentive) })
        {
            Assert.Contains($"{label} {Money(total, words)}", text, StringComparison.Ordinal);
        }

        Assert.Contains(Money(settlement.FeeTotal, words), text, StringComparison.Ordinal);
        var rows = new (string Label, Func<PartyRow, decimal?> Figure)[]
        {
            (words.TargetCost, p => p.TargetCost), (words.ActualCost, p => p.ActualCost), (words.Fee, p => p.Fee), (words.Share, p => p.Share),
            (words.Incentive, p => p.Incentive), (words.Compensation, p => p.Compensation), (words.Payment, p => p.Payment),
        };
        foreach (var (label, figure) in rows)
        {
            var expected = label + " " + string.Join(" ", settlement.Parties.Select(p => Money(figure(p), words)));
            Assert.Contains(expected, text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task GivenTheProducerAndAPurchaser_WhenTheirStatementsAreRead_ThenEachShowsItsOwnFiguresWithTheirExplanations()
    {
        app.SkipIfUnavailable();
        var viewer = await app.ClientForAsync("mehilainen.viewer");
        var settlement = (await viewer.GetFromJsonAsync<SettlementView>($"{A}/periods/P2/settlement", Json, Ct))!;
        var producer = settlement.Parties.Single(p => p.Code == "mehilainen");
        var purchaser = settlement.Parties.Single(p => p.Code == "tampere");

        var own = string.Join(" ", PageTexts(await DownloadAsync(viewer, $"{A}/periods/P2/report?format=statement&lang=fi")));
        Assert.Contains("Tilitysote: Mehiläinen-ryhmittymä", own, StringComparison.Ordinal);
        Assert.Contains($"Saa {Money(producer.Compensation, Finnish)}", own, StringComparison.Ordinal);
        Assert.Contains($"Palkkio {Money(producer.Fee, Finnish)} Mehiläinen-ryhmittymä: palkkio =", own, StringComparison.Ordinal);
        Assert.Contains($"Korvaus {Money(producer.Compensation, Finnish)}", own, StringComparison.Ordinal);

        var other = string.Join(" ", PageTexts(await DownloadAsync(viewer, $"{A}/periods/P2/report?format=statement&party=tampere&lang=en")));
        Assert.Contains($"Pays {Money(purchaser.Payment, English)}", other, StringComparison.Ordinal);
        Assert.Contains($"Payment {Money(purchaser.Payment, English)}", other, StringComparison.Ordinal);
    }

    /// <summary>Every party's leadership approves the scope; its approval status after that (locked).</summary>
    private async Task<JsonElement> LockAsync(HttpClient viewer, string scope)
    {
        var status = await viewer.GetFromJsonAsync<JsonElement>($"{A}/periods/{scope}", Ct);
        foreach (var party in status.GetProperty("parties").EnumerateArray().Select(p => p.GetProperty("party").GetString()!))
        {
            var leader = await app.ClientForAsync($"{party}.leadership");
            (await leader.PostAsJsonAsync($"{A}/periods/{scope}", new { }, Ct)).EnsureSuccessStatusCode();
        }

        return await viewer.GetFromJsonAsync<JsonElement>($"{A}/periods/{scope}", Ct);
    }

    [Fact]
    public async Task GivenALockedYear_WhenItsReportIsMadeTwice_ThenEveryPageShowsTheLocksHashAndTheTextIsTheSame()
    {
        app.SkipIfUnavailable();
        const string scope = "P1/approval?year=2020";
        var viewer = await app.ClientForAsync("tampere.viewer");
        var status = await LockAsync(viewer, scope);
        Assert.Equal("locked", status.GetProperty("state").GetString());
        var hash = status.GetProperty("lock").GetProperty("snapshotHash").GetString()!;

        var first = await DownloadAsync(viewer, $"{A}/periods/P1/report?year=2020&lang=fi");
        var second = await DownloadAsync(viewer, $"{A}/periods/P1/report?year=2020&lang=fi");
        Render(first, "report-p1-2020-locked-fi", 2);

        var pages = PageTexts(first);
        Assert.Contains("Lukitun tilannekuvan SHA-256: " + hash, pages[0], StringComparison.Ordinal);
        Assert.All(pages, p => Assert.Contains("Lukittu tulos; tilannekuvan SHA-256 " + hash, p, StringComparison.Ordinal));
        Assert.DoesNotContain("LUONNOS", string.Join(" ", pages), StringComparison.Ordinal);
        Assert.Equal(pages, PageTexts(second));
    }

    [Fact]
    public async Task GivenALockedYear_WhenDataChangesAfterTheLock_ThenTheReportStillPrintsTheLockedFiguresAndHash()
    {
        app.SkipIfUnavailable();
        const string scope = "P1/approval?year=2019";
        var viewer = await app.ClientForAsync("tampere.viewer");
        var status = await LockAsync(viewer, scope);
        var hash = status.GetProperty("lock").GetProperty("snapshotHash").GetString()!;
        var locked = (await viewer.GetFromJsonAsync<ScorecardView>($"{A}/periods/P1/scorecard?year=2019", Json, Ct))!;
        var lockedSettlement = (await viewer.GetFromJsonAsync<SettlementView>($"{A}/periods/P1/settlement?year=2019", Json, Ct))!;

        // A computation over newer data (a lock does not refuse it): an indicator below +100 gets its +100 level.
        var row = locked.Kras.SelectMany(k => k.Indicators).First(i => i.Score is < 100m && i.Plus100 is not null);
        await using var services = app.Services.CreateAsyncScope();
        var db = services.ServiceProvider.GetRequiredService<AllianssiDbContext>();
        var alliance = await db.Alliances.AsNoTracking().SingleAsync(a => a.Code == "tesoma", Ct);
        var result = new IndicatorResult
        {
            AllianceId = alliance.Id, Period = "P1", IndicatorId = row.Code, UnitId = alliance.ScoredUnit, Year = 2019, Value = (double)row.Plus100!.Value, N = 100,
            IsAllianceUnit = true, DefinitionVersion = 1, ParametersJson = "{}", BatchIdsJson = "[]",
            WindowStart = new DateOnly(2019, 1, 1), WindowEnd = new DateOnly(2019, 12, 31), ComputedAt = DateTimeOffset.UnixEpoch,
        };
        db.IndicatorResults.Add(result);
        await db.SaveChangesAsync(Ct);
        try
        {
            var current = (await viewer.GetFromJsonAsync<ScorecardView>($"{A}/periods/P1/scorecard?year=2019", Json, Ct))!;
            Assert.NotEqual(Score(locked.OverallScore, English), Score(current.OverallScore, English));

            var first = PageTexts(await DownloadAsync(viewer, $"{A}/periods/P1/report?year=2019&lang=en"));
            var text = string.Join(" ", first);
            Assert.Contains("SHA-256 of the locked snapshot: " + hash, first[0], StringComparison.Ordinal);
            Assert.Contains("the figures below are the locked snapshot's, as approved", first[0], StringComparison.Ordinal);
            Assert.Contains($"{English.OverallScore} 2019 {Score(locked.OverallScore, English)}", text, StringComparison.Ordinal);
            Assert.DoesNotContain($"{English.OverallScore} 2019 {Score(current.OverallScore, English)}", text, StringComparison.Ordinal);
            Assert.Contains($"{English.PeriodScore} {Score(lockedSettlement.PeriodScore, English)}", text, StringComparison.Ordinal);
            Assert.Contains(English.Payment + " " + string.Join(" ", lockedSettlement.Parties.Select(p => Money(p.Payment, English))), text, StringComparison.Ordinal);
            Assert.Contains(English.Incentive + " " + string.Join(" ", lockedSettlement.Parties.Select(p => Money(p.Incentive, English))), text, StringComparison.Ordinal);
            Assert.Equal(first, PageTexts(await DownloadAsync(viewer, $"{A}/periods/P1/report?year=2019&lang=en")));
        }
        finally
        {
            db.IndicatorResults.Remove(result);
            await db.SaveChangesAsync(Ct);
        }
    }

    [Fact]
    public async Task GivenAReportDownload_WhenTheAuditLogIsRead_ThenItNamesTheDocumentAndScope()
    {
        app.SkipIfUnavailable();
        var viewer = await app.ClientForAsync("pirha.viewer");
        await DownloadAsync(viewer, $"{A}/periods/P2/report?year=2023&lang=en");

        var admin = await app.ClientForAsync("admin");
        var audit = await admin.GetStringAsync("/api/audit?action=download-report", Ct);
        Assert.Contains("period-report.pdf", audit, StringComparison.Ordinal);
        Assert.Contains("P2/2023", audit, StringComparison.Ordinal);
        Assert.Contains("pirha.viewer", audit, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GivenAYearWithoutData_WhenItsReportIsAsked_ThenTheApiRefusesAndTheCommandLineExits2WithoutAFile()
    {
        app.SkipIfUnavailable();
        var viewer = await app.ClientForAsync("tampere.viewer");
        var response = await viewer.GetAsync($"{A}/periods/P3/report?year=2027", Ct);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);

        var folder = Directory.CreateTempSubdirectory("allianssi-report-");
        try
        {
            var target = Path.Combine(folder.FullName, "p3.pdf");
            var (exit, output) = await CliAsync(folder.FullName, "report", "--connection", app.ConnectionString, "--period", "P3", "--year", "2027", "--format", "pdf", "--out", target);
            Assert.Equal(2, exit);
            Assert.Contains("cannot be reported", output, StringComparison.Ordinal);
            Assert.Empty(folder.GetFiles());

            (exit, output) = await CliAsync(folder.FullName, "report", "--connection", app.ConnectionString, "--period", "P2", "--year", "2022", "--out", target, "--lang", "en");
            Assert.Equal(0, exit);
            Assert.Equal([target], folder.GetFiles().Select(f => f.FullName));
            Assert.Contains("Annual report 2022", PageTexts(await File.ReadAllBytesAsync(target, Ct))[0], StringComparison.Ordinal);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    private static async Task<byte[]> DownloadAsync(HttpClient client, string url)
    {
        var response = await client.GetAsync(url, Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/pdf", response.Content.Headers.ContentType?.MediaType);
        return await response.Content.ReadAsByteArrayAsync(Ct);
    }

    /// <summary>Each page's words in content order, spaces of every kind as one space and the minus sign as a hyphen.</summary>
    internal static List<string> PageTexts(byte[] pdf)
    {
        using var document = PdfDocument.Open(pdf);
        return document.GetPages().Select(p => Normalise(string.Join(" ", p.GetWords().Select(w => w.Text)))).ToList();
    }

    private static string Normalise(string text) =>
        string.Join(' ', text.Replace('\u2212', '-').Split([' ', '\u00a0', '\u202f'], StringSplitOptions.RemoveEmptyEntries));

    private static string Money(decimal? euros, Words w)
    {
        if (euros is not { } e)
        {
            return "–";
        }

        var digits = Math.Abs(e).ToString("#,0.00", w.Culture);
        return Normalise(w.EuroAfter ? (e < 0 ? "-" : "") + digits + " €" : (e < 0 ? "-" : "") + "€" + digits);
    }

    private static string Score(decimal? score, Words w) =>
        score is { } s ? Normalise(Math.Round(s, 1, MidpointRounding.AwayFromZero).ToString("0.0", w.Culture)) : "–";

    private static string Number(decimal? value, Words w) => value is { } v ? Normalise(v.ToString("#,0.###", w.Culture)) : "–";

    /// <summary>Renders the first pages to artifacts/screenshots/NAME-N.png with pdftoppm.</summary>
    internal static void Render(byte[] pdf, string name, int pages)
    {
        var folder = Path.Combine(Builds.RepositoryRoot, "artifacts", "screenshots");
        Directory.CreateDirectory(folder);
        var file = Path.Combine(folder, name + ".pdf");
        File.WriteAllBytes(file, pdf);
        var start = new ProcessStartInfo("pdftoppm") { RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in new[] { "-png", "-r", "80", "-f", "1", "-l", pages.ToString(CultureInfo.InvariantCulture), file, Path.Combine(folder, name) })
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        process.WaitForExit();
        Assert.Equal(0, process.ExitCode);
    }

    private static async Task<(int ExitCode, string Output)> CliAsync(string data, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in new[] { Builds.CliDll, "--data", data }.Concat(args))
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync(Ct);
        var error = process.StandardError.ReadToEndAsync(Ct);
        await process.WaitForExitAsync(Ct);
        return (process.ExitCode, await output + await error);
    }
}

public sealed class SqlitePeriodReportTests(SqliteFixture app) : PeriodReportTests(app), IClassFixture<SqliteFixture>;

public sealed class PostgresPeriodReportTests(PostgresFixture app) : PeriodReportTests(app), IClassFixture<PostgresFixture>;
