using System.Text.Json;
using Allianssi.Cli;

namespace Allianssi.Cli.Tests;

public class CliTests
{
    [Fact]
    public void GivenTheWorkedExample_WhenSettledAsJson_ThenTheOutputRoundTripsWithSection7Fields()
    {
        var (code, stdout, stderr) = Run("settle", "--scenario", CliData.WorkedExamplePath, "--json");

        Assert.Equal(0, code);
        Assert.Equal(string.Empty, stderr);
        using var json = JsonDocument.Parse(stdout);
        var root = json.RootElement;
        Assert.Equal(58m, root.GetProperty("periodScore").GetDecimal());
        Assert.Equal(15_742_783.00m, root.GetProperty("targetCost").GetDecimal());
        Assert.Equal(467_783.00m, root.GetProperty("costResult").GetDecimal());
        Assert.Contains("\"costResult\": 467783.00", stdout, StringComparison.Ordinal);
        var producer = root.GetProperty("parties").EnumerateArray().Single(p => p.GetProperty("id").GetString() == "producer");
        Assert.Equal(10_382_891.50m, producer.GetProperty("compensation").GetDecimal());
        Assert.Equal(JsonValueKind.Null, producer.GetProperty("payment").ValueKind);
        var city = root.GetProperty("parties")[0];
        Assert.Equal(JsonValueKind.Null, city.GetProperty("compensation").ValueKind);
        Assert.Equal(10_682_891.50m, city.GetProperty("payment").GetDecimal());
        var indicator = root.GetProperty("years")[0].GetProperty("indicators")[0];
        Assert.Equal("carriedForward", indicator.GetProperty("valueSource").GetString());
        Assert.Equal("carryForward", indicator.GetProperty("missingRule").GetString());
        Assert.Contains(
            root.GetProperty("explanation").EnumerateArray().Select(e => e.GetString()),
            line => line == "D = TAK 15,742,783.00 - AC 14,800,000.00 - fees 475,000.00 = 467,783.00");
    }

    [Fact]
    public void GivenTheWorkedExample_WhenSettledAsTables_ThenTheReportShowsPartiesAndExplanations()
    {
        var (code, stdout, _) = Run("settle", "--scenario", CliData.WorkedExamplePath);

        Assert.Equal(0, code);
        Assert.Contains("10,382,891.50", stdout, StringComparison.Ordinal);
        Assert.Contains("Period score S = 58.0", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void GivenAnInvalidScenario_WhenSettled_ThenExitCodeIs2AndStderrNamesTheFieldAndStdoutIsEmpty()
    {
        var file = Path.Combine(Path.GetTempPath(), $"allianssi-{Guid.NewGuid():N}.json");
        File.WriteAllText(file, File.ReadAllText(CliData.WorkedExamplePath).Replace("\"party\": \"partner\"", "\"party\": \"nobody\"", StringComparison.Ordinal));
        try
        {
            var (code, stdout, stderr) = Run("settle", "--scenario", file, "--json");

            Assert.Equal(2, code);
            Assert.Equal(string.Empty, stdout);
            Assert.Contains("ledger[3].party", stderr, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public void GivenAMissingFile_WhenSettled_ThenExitCodeIs2()
    {
        var (code, stdout, stderr) = Run("settle", "--scenario", "/no/such/scenario.json");

        Assert.Equal(2, code);
        Assert.Equal(string.Empty, stdout);
        Assert.Contains("--scenario", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void GivenNeitherScenarioNorExample_WhenSettled_ThenExitCodeIs2()
    {
        var (code, stdout, _) = Run("settle");

        Assert.Equal(2, code);
        Assert.Equal(string.Empty, stdout);
    }

    [Fact]
    public void GivenTheTesomaExample_WhenSettled_ThenItIsLabelledIllustrativeAndLandsNearTheHeadline()
    {
        var (code, stdout, stderr) = Run("settle", "--example", "tesoma", "--json");

        Assert.Equal(0, code);
        Assert.Contains("ILLUSTRATIVE", stderr, StringComparison.Ordinal);
        using var json = JsonDocument.Parse(stdout);
        var score = json.RootElement.GetProperty("periodScore").GetDecimal();
        var target = json.RootElement.GetProperty("targetCost").GetDecimal();
        var actual = json.RootElement.GetProperty("actualCost").GetDecimal();
        Assert.InRange(score, 55m, 61m);
        Assert.InRange(1m - (actual / target), 0.11m, 0.13m);

        var (tableCode, tables, _) = Run("settle", "--example", "tesoma");
        Assert.Equal(0, tableCode);
        Assert.Contains("ILLUSTRATIVE", tables, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(new[] { "--data", "/tmp/from-option" }, "/tmp/from-env", "/tmp/from-option")]
    [InlineData(new string[0], "/tmp/from-env", "/tmp/from-env")]
    [InlineData(new string[0], null, "allianssi-data")]
    public void GivenDataOptionOrEnvironment_WhenResolved_ThenOptionWinsOverEnvironmentOverDefault(string[] args, string? environment, string expectedEnd)
    {
        string? Environment(string name) => name == "ALLIANSSI_DATA" ? environment : null;
        var root = CliApplication.BuildRoot(Environment);
        var parse = root.Parse(["settle", .. args]);
        var option = root.Options.OfType<System.CommandLine.Option<string?>>().Single(o => o.Name == "--data");

        using var globals = new GlobalOptions(option, Environment);
        var directory = globals.DataDirectory(parse);

        Assert.EndsWith(expectedEnd, directory.Path, StringComparison.Ordinal);
        Assert.True(Path.IsPathRooted(directory.Path));
    }

    private static (int Code, string Stdout, string Stderr) Run(params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var code = CliApplication.Run(args, stdout, stderr, _ => null);
        return (code, stdout.ToString(), stderr.ToString());
    }
}
