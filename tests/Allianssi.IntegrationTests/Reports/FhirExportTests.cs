using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Allianssi.Application.Data.Entities;
using Allianssi.Application.UseCases.Indicators;
using Allianssi.Reports.Fhir;
using Hl7.Fhir.Model;
using Microsoft.EntityFrameworkCore;

namespace Allianssi.IntegrationTests.Reports;

/// <summary>The FHIR R4 bundle parses with the Firely SDK and its MeasureReports carry the results' counts; suppressed results carry none.</summary>
public abstract class FhirExportTests(AppFixture app)
{
    private const string A = "/api/alliances/tesoma";
    private const string Indicator = "chronic_care_plan";
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async System.Threading.Tasks.Task GivenStoredResults_WhenExportedAsFhir_ThenTheBundleParsesAndItsCountsEqualTheResults()
    {
        app.SkipIfUnavailable();
        await SeedResultsAsync();
        var viewer = await app.ClientForAsync("tampere.viewer");
        var api = (await viewer.GetFromJsonAsync<IndicatorResults>($"/api/indicators/{Indicator}/results?alliance=tesoma", Json, Ct))!;
        var expected = api.Points.Where(p => p.Period == "P2").ToList();
        Assert.Contains(expected, p => p.Suppressed);
        Assert.Contains(expected, p => !p.Suppressed);

        var response = await viewer.GetAsync($"{A}/periods/P2/report?format=fhir", Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/fhir+json", response.Content.Headers.ContentType?.MediaType);
        var bundle = MeasureReportBundle.Parse(await response.Content.ReadAsStringAsync(Ct));

        Assert.Equal(Bundle.BundleType.Collection, bundle.Type);
        var measure = Assert.Single(bundle.Entry.Select(e => e.Resource).OfType<Measure>());
        Assert.Equal(MeasureReportBundle.MeasureUrl(Indicator), measure.Url);
        Assert.Equal("proportion", measure.Scoring!.Coding[0].Code);
        var reports = bundle.Entry.Select(e => e.Resource).OfType<MeasureReport>().ToList();
        Assert.Equal(expected.Count, reports.Count);
        var organisations = bundle.Entry.Select(e => e.Resource).OfType<Organization>().Select(o => o.Id).ToHashSet();
        foreach (var point in expected)
        {
            var report = Assert.Single(reports, r => r.Reporter!.Reference == $"Organization/{MeasureReportBundle.UnitId(point.Unit)}" && r.Period!.Start == $"{point.Year}-01-01");
            Assert.Contains(MeasureReportBundle.UnitId(point.Unit), organisations);
            Assert.Equal(MeasureReport.MeasureReportType.Summary, report.Type);
            Assert.Equal($"{point.Year}-12-31", report.Period!.End);
            if (point.Suppressed)
            {
                Assert.Empty(report.Group);
                Assert.Contains(report.Meta!.Tag, t => t.Code == "suppressed");
            }
            else
            {
                var group = Assert.Single(report.Group);
                Assert.Equal((int)point.Numerator!.Value, group.Population.Single(p => p.Code!.Coding[0].Code == "numerator").Count);
                Assert.Equal((int)point.Denominator!.Value, group.Population.Single(p => p.Code!.Coding[0].Code == "denominator").Count);
                Assert.Equal((int)point.N!.Value, group.Population.Single(p => p.Code!.Coding[0].Code == "initial-population").Count);
                Assert.Equal((decimal)point.Value!.Value, group.MeasureScore!.Value);
            }
        }
    }

    /// <summary>Synthetic results of one indicator for P2/2023: the alliance unit, the municipal total, two stations, one of them with a small count.</summary>
    private async System.Threading.Tasks.Task SeedResultsAsync()
    {
        _ = await app.ClientForAsync(null); // starts the application, which migrates and seeds the store
        await using var db = app.OpenStore();
        if (await db.IndicatorResults.AnyAsync(r => r.IndicatorId == Indicator && r.Period == "P2", Ct))
        {
            return;
        }

        var alliance = await db.Alliances.SingleAsync(a => a.Code == "tesoma", Ct);
        (string Unit, double Numerator, double Denominator, bool Alliance)[] rows =
            [("tesoma", 84, 120, true), ("*", 610, 900, false), ("station-b", 400, 650, false), ("station-c", 2, 3, false)];
        foreach (var (unit, numerator, denominator, isAlliance) in rows)
        {
            db.IndicatorResults.Add(new IndicatorResult
            {
                AllianceId = alliance.Id,
                Period = "P2",
                IndicatorId = Indicator,
                UnitId = unit,
                Year = 2023,
                Value = 100 * numerator / denominator,
                Numerator = numerator,
                Denominator = denominator,
                N = (long)denominator,
                IsAllianceUnit = isAlliance,
                DefinitionVersion = 1,
                ParametersJson = "{}",
                BatchIdsJson = "[]",
                WindowStart = new DateOnly(2023, 1, 1),
                WindowEnd = new DateOnly(2023, 12, 31),
                ComputedAt = new DateTimeOffset(2024, 1, 15, 8, 0, 0, TimeSpan.Zero),
            });
        }

        await db.SaveChangesAsync(Ct);
    }
}

public sealed class SqliteFhirExportTests(SqliteFixture app) : FhirExportTests(app), IClassFixture<SqliteFixture>;

public sealed class PostgresFhirExportTests(PostgresFixture app) : FhirExportTests(app), IClassFixture<PostgresFixture>;
