using System.Globalization;
using Allianssi.Application.Security;
using Allianssi.Application.UseCases.Indicators;
using Allianssi.Store;
using DuckDB.NET.Data;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;

using Allianssi.TestSupport;

namespace Allianssi.EndToEndTests;

/// <summary>
/// The browser fixture with a small synthetic analytical store (pseudonyms only, no generated demo
/// data): the alliance unit <c>tesoma</c> and <c>hervanta</c> with ten chronic patients each, and
/// <c>lielahti</c> with three, so that its results are below the minimum count and suppressed.
/// </summary>
public sealed class IndicatorBrowserFixture : BrowserFixture
{
    /// <summary>Patients with a care plan within the year, by unit: tesoma 8/10 (80 %), hervanta 6/10, lielahti 1/3.</summary>
    public static readonly (string Unit, string Kind, int Patients, int WithPlan)[] Units =
        [("tesoma", "alliance", 10, 8), ("hervanta", "municipal", 10, 6), ("lielahti", "municipal", 3, 1)];

    /// <summary>The units' names in the <c>units</c> dataset, which the pages show instead of the ids.</summary>
    public static readonly IReadOnlyDictionary<string, string> UnitNames = new Dictionary<string, string>
    {
        ["tesoma"] = "Tesoman hyvinvointikeskus", ["hervanta"] = "Hervannan terveysasema", ["lielahti"] = "Lielahden terveysasema",
    };

    protected override void PrepareData(IWebHostBuilder builder, string dataDirectory)
    {
        // The generated demo data set would replace this small one; these tests need exact counts.
        builder.UseSetting("Demo:Residents", "0");
        Directory.CreateDirectory(dataDirectory);
        var path = Path.Combine(dataDirectory, AnalyticalStoreLocation.FileName);
        if (!File.Exists(path))
        {
            Fill(path);
        }
    }

    /// <summary>Computes a period (and year) directly, as the background job would.</summary>
    public async Task ComputeAsync(string period, int? year)
    {
        await using var scope = Services.CreateAsyncScope();
        var outcome = await scope.ServiceProvider.GetRequiredService<ComputeIndicators>()
            .ExecuteAsync("tesoma", period, year, new Actor("e2e.analyst", Roles.Analyst, "tampere"), null, TestContext.Current.CancellationToken);
        Assert.True(outcome.IsOk, outcome.Message);
    }

    private static void Fill(string path)
    {
        using var rows = StoreRows.Open(path);

        for (var u = 0; u < Units.Length; u++)
        {
            var (unit, kind, patients, withPlan) = Units[u];
            rows.Insert("units", "unit_id, name, municipality_code, kind, parent_id", unit, UnitNames[unit], "837", kind, null);
            for (var i = 0; i < patients; i++)
            {
                var person = $"e2e{u}{i:00}";
                rows.Insert("persons", "person_id, birth_date, sex, municipality_code, postal_code", person, new DateOnly(1960, 1, 1).AddDays(i * 100), "F", "837", null);
                rows.Insert("listings", "person_id, unit_id, valid_from, valid_to", person, unit, new DateOnly(2015, 1, 1), null);
                rows.Insert("diagnoses", "person_id, code, recorded_on, unit_id", person, "E11.9", new DateOnly(2016, 5, 1), null);
                if (i < withPlan)
                {
                    rows.Insert("care_plans", "person_id, plan_type, created_on, reviewed_on, unit_id", person, "diabetes", new DateOnly(2019, 3, 1), null, null);
                }

                rows.Insert("lab_results", "person_id, test_code, value, unit, sampled_on, result_id, analyte", person, "59261-8", i % 2 == 0 ? 48.0 : 61.0, "mmol/mol", new DateOnly(2019, 6, 1), null, "hba1c");
            }
        }
    }
}
