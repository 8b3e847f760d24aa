using System.Text.Json;
using Allianssi.Cli;

namespace Allianssi.Cli.Tests;

/// <summary>
/// Clauses that depend on the import: HbA1c in % and LDL in mg/dl are converted on import
/// (IFCC = (DCCT% - 2.15) * 10.929; mmol/l = mg/dl / 38.67) before the limits apply. Runs the CLI
/// in-process: import CSV extracts, then <c>compute --json</c>.
/// </summary>
public sealed class ImportedUnitsTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "allianssi-units-" + Guid.NewGuid().ToString("N"));

    public ImportedUnitsTests() => Directory.CreateDirectory(_dir);

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void GivenHbA1cInPercentAndLdlInMgDl_WhenImportedAndComputed_ThenLimitsApplyToConvertedValues()
    {
        // a: 6.9 % = 51.9 mmol/mol and 100 mg/dl = 2.586 mmol/l: in balance.
        // b: 7.0 % = 53.006 mmol/mol: not below 53.
        // c: CHD, 69 mg/dl = 1.784 mmol/l: below 1.8 (P1).
        // d: CHD, 70 mg/dl = 1.810 mmol/l: not.
        CliData.Import(_dir, "units", "unit_id;name;municipality_code;kind", "u;Unit;837;alliance");
        CliData.Import(_dir, "persons", "person_id;birth_date;sex;municipality_code", "a;1.1.1970;F;837", "b;1.1.1970;M;837", "c;1.1.1970;F;837", "d;1.1.1970;M;837");
        CliData.Import(_dir, "listings", "person_id;unit_id;valid_from", "a;u;1.1.2010", "b;u;1.1.2010", "c;u;1.1.2010", "d;u;1.1.2010");
        CliData.Import(_dir, "diagnoses", "person_id;code;recorded_on", "a;E11.9;1.1.2015", "b;E11.9;1.1.2015", "c;I25.1;1.1.2015", "d;I21.0;1.1.2015");
        CliData.Import(_dir, "lab_results", "person_id;test_code;value;unit;sampled_on",
            "a;4548-4;6,9;%;1.6.2019", "a;18262-6;100;mg/dl;1.6.2019",
            "b;4548-4;7,0;%;1.6.2019", "b;13457-7;100;mg/dl;1.6.2019",
            "c;13457-7;69;mg/dl;1.6.2019",
            "d;18262-6;70;mg/dl;1.6.2019");
        using var output = new StringWriter();
        using var error = new StringWriter();
        Assert.True(CliApplication.Run(["--data", _dir, "compute", "--period", "P1", "--year", "2019", "--indicator", "chronic_balance", "--json"], output, error) == 0, error.ToString());
        using var doc = JsonDocument.Parse(output.ToString());
        var row = doc.RootElement.EnumerateArray().Single(r => r.GetProperty("unit").GetString() == "u");
        Assert.Equal(50.0, row.GetProperty("value").GetDouble(), 12);
        Assert.Equal(2.0, row.GetProperty("numerator").GetDouble());
        Assert.Equal(4.0, row.GetProperty("denominator").GetDouble());
        Assert.Equal(4, row.GetProperty("n").GetInt32());
        Assert.True(row.GetProperty("suppressed").GetBoolean());
    }

}
