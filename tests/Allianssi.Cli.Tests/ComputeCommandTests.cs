using System.Text.Json;
using Allianssi.Cli;

namespace Allianssi.Cli.Tests;

/// <summary><c>allianssi compute</c> in-process over a store in a temporary data directory.</summary>
public sealed class ComputeCommandTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "allianssi-compute-" + Guid.NewGuid().ToString("N"));

    public ComputeCommandTests() => Directory.CreateDirectory(_dir);

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void GivenAStore_WhenComputeJson_ThenEveryIndicatorUnitAndYearWithNullForEmpty()
    {
        CliData.Import(_dir, "units", "unit_id;name;municipality_code;kind", "tesoma;Tesoma;837;alliance", "hervanta;Hervanta;837;municipal");
        CliData.Import(_dir, "survey_responses", "response_id;survey;unit_id;answered_on;score",
            "r1;nps;tesoma;1.3.2019;10", "r2;nps;tesoma;2.3.2019;3", "r3;nps;tesoma;3.3.2019;9");
        var dataDir = _dir;
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = CliApplication.Run(["--data", dataDir, "compute", "--period", "P1", "--json"], output, error);
        Assert.True(code == 0, error.ToString());
        using var doc = JsonDocument.Parse(output.ToString());
        var rows = doc.RootElement.EnumerateArray().ToList();
        Assert.Equal(12 * 4 * 2, rows.Count);
        var nps = rows.Single(r => r.GetProperty("indicator").GetString() == "nps" && r.GetProperty("unit").GetString() == "tesoma" && r.GetProperty("year").GetInt32() == 2019);
        Assert.Equal(100.0 / 3, nps.GetProperty("value").GetDouble(), 12);
        Assert.Equal(3, nps.GetProperty("n").GetInt32());
        Assert.True(nps.GetProperty("suppressed").GetBoolean());
        var empty = rows.Single(r => r.GetProperty("indicator").GetString() == "nps" && r.GetProperty("unit").GetString() == "hervanta" && r.GetProperty("year").GetInt32() == 2019);
        Assert.Equal(JsonValueKind.Null, empty.GetProperty("value").ValueKind);
        Assert.Equal(["indicator", "unit", "year", "value", "numerator", "denominator", "n", "suppressed"], nps.EnumerateObject().Select(p => p.Name));
    }

    [Fact]
    public void GivenUnknownPeriodOrYearOutside_ThenInvalidInput()
    {
        CliData.Import(_dir, "units", "unit_id;name;municipality_code;kind", "u;U;837;municipal");
        var dataDir = _dir;
        using var output = new StringWriter();
        using var error = new StringWriter();
        Assert.Equal(2, CliApplication.Run(["--data", dataDir, "compute", "--period", "P9"], output, error));
        Assert.Equal(2, CliApplication.Run(["--data", dataDir, "compute", "--period", "P1", "--year", "2017"], output, error));
        Assert.Equal(0, CliApplication.Run(["--data", dataDir, "compute", "--period", "P2", "--year", "2022", "--indicator", "nps"], output, error));
        Assert.Contains("nps", output.ToString(), StringComparison.Ordinal);
    }
}
