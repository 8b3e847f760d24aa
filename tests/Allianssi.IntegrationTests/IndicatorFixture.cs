using System.Globalization;
using Allianssi.Store;
using DuckDB.NET.Data;
using Microsoft.AspNetCore.Hosting;

using Allianssi.TestSupport;

namespace Allianssi.IntegrationTests;

/// <summary>
/// The demo web application with a data directory whose analytical store holds a small synthetic
/// data set: the alliance unit <c>tesoma</c> and two municipal stations, chronic patients with
/// and without care plans, HbA1c results and NPS answers (pseudonyms only).
/// </summary>
public class IndicatorFixture(Store store) : AppFixture(store)
{
    private readonly string _data = Path.Combine(Path.GetTempPath(), $"allianssi-ind-it-{Guid.NewGuid():N}");

    public string DataDirectory => _data;

    public string AnalyticalPath => Path.Combine(_data, "analytical.duckdb");

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        Directory.CreateDirectory(_data);
        if (!File.Exists(AnalyticalPath))
        {
            Fill(AnalyticalPath);
        }

        builder.UseSetting("Allianssi:Data", _data);
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        try
        {
            Directory.Delete(_data, recursive: true);
        }
        catch (IOException)
        {
        }

        GC.SuppressFinalize(this);
    }

    /// <summary>Writes the synthetic data set: 3 units, 30 chronic patients (10 per unit), NPS answers.</summary>
    public static void Fill(string path)
    {
        using var rows = StoreRows.Open(path);

        var units = new[] { ("tesoma", "alliance"), ("hervanta", "municipal"), ("lielahti", "municipal") };
        foreach (var (unit, kind) in units)
        {
            rows.Insert("units", "unit_id, name, municipality_code, kind, parent_id", unit, unit, "837", kind, null);
        }

        for (var u = 0; u < units.Length; u++)
        {
            for (var i = 0; i < 10; i++)
            {
                var person = $"ps{u}{i:00}";
                rows.Insert("persons", "person_id, birth_date, sex, municipality_code, postal_code", person, new DateOnly(1960, 1, 1).AddDays(i * 100), "F", "837", null);
                rows.Insert("listings", "person_id, unit_id, valid_from, valid_to", person, units[u].Item1, new DateOnly(2015, 1, 1), null);
                rows.Insert("diagnoses", "person_id, code, recorded_on, unit_id", person, "E11.9", new DateOnly(2016, 5, 1), null);
                // Unit u has 8 - 2u patients with a care plan; the rest have none (care gaps).
                if (i < 8 - 2 * u)
                {
                    rows.Insert("care_plans", "person_id, plan_type, created_on, reviewed_on, unit_id", person, "diabetes", new DateOnly(2019, 3, 1), null, null);
                }

                // HbA1c: balanced (48) for the first half, out of balance (61) for the others; one without a result.
                if (i < 9)
                {
                    rows.Insert("lab_results", "person_id, test_code, value, unit, sampled_on, result_id, analyte", person, "59261-8", i < 5 ? 48.0 : 61.0, "mmol/mol", new DateOnly(2019, 6, 1), null, "hba1c");
                }

                rows.Insert("lab_results", "person_id, test_code, value, unit, sampled_on, result_id, analyte", person, "22748-8", 2.0, "mmol/l", new DateOnly(2019, 6, 1), null, "ldl");
            }

            for (var i = 0; i < 12; i++)
            {
                rows.Insert("survey_responses", "response_id, survey, unit_id, answered_on, score, service", $"r{u}{i}", "nps", units[u].Item1, new DateOnly(2019, 9, 1), (double)((i + u) % 11), null);
            }
        }
    }
}

public sealed class SqliteIndicatorFixture() : IndicatorFixture(Store.Sqlite);

public sealed class PostgresIndicatorFixture() : IndicatorFixture(Store.PostgreSql);
