using System.Text.Json;
using Allianssi.Cli;
using Allianssi.Import.Synthetic;

namespace Allianssi.Cli.Tests;

/// <summary>The embedded CLI generates its pseudonymisation key on fresh data and only then.</summary>
public sealed class CliPseudonymKeyTests : IDisposable
{
    private const string Units = "unit_id;name;municipality_code;kind;parent_id\nTESOMA;Tesoma;837;alliance;\n";

    private readonly string _data = Path.Combine(Path.GetTempPath(), "allianssi-key-" + Guid.NewGuid().ToString("N"));

    [Fact]
    public void GivenFreshEmbeddedData_WhenImportedWithoutKey_ThenKeyFileIsGeneratedPrivateAndNoticed()
    {
        var file = WriteFile("units.csv", Units);

        var (code, _, stderr) = Run(null, "import", "units", file, "--data", _data, "--json");

        Assert.Equal(0, code);
        var keyFile = Path.Combine(_data, "pseudonym.key");
        Assert.True(File.Exists(keyFile));
        Assert.Single(stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries), l => l.Contains("generated a new pseudonymisation key", StringComparison.Ordinal));
        Assert.True(Convert.FromBase64String(File.ReadAllText(keyFile)).Length == 32);
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(keyFile));
        }

        var (again, _, secondErr) = Run(null, "import", "units", WriteFile("units2.csv", Units + "HERVANTA;Hervanta;837;municipal;\n"), "--data", _data);
        Assert.Equal(0, again);
        Assert.DoesNotContain("generated", secondErr, StringComparison.Ordinal);
    }

    [Fact]
    public void GivenImportedDataWhoseKeyIsGone_WhenImported_ThenNoKeyIsGeneratedAndTheErrorIsClear()
    {
        Assert.Equal(0, Run(null, "import", "units", WriteFile("units.csv", Units), "--data", _data).Code);
        File.Delete(Path.Combine(_data, "pseudonym.key"));

        var (code, _, stderr) = Run(null, "import", "units", WriteFile("more.csv", Units + "X;Y;837;other;\n"), "--data", _data);

        Assert.Equal(2, code);
        Assert.Contains("No pseudonymisation HMAC key", stderr, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(_data, "pseudonym.key")));
    }

    [Fact]
    public void GivenAServerConfiguration_WhenImportedWithoutKey_ThenNoKeyIsGenerated()
    {
        var file = WriteFile("units.csv", Units);

        var (code, _, stderr) = Run(
            name => name == "ConnectionStrings__Operational" ? "Host=localhost;Database=none" : null, "import", "units", file, "--data", _data);

        Assert.Equal(2, code);
        Assert.Contains("No pseudonymisation HMAC key", stderr, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(_data, "pseudonym.key")));
    }

    [Fact]
    public void GivenFreshEmbeddedData_WhenInitialised_ThenKeyFileIsGenerated()
    {
        var (code, _, stderr) = Run(null, "init", "--data", _data);

        Assert.Equal(0, code);
        Assert.True(File.Exists(Path.Combine(_data, "pseudonym.key")));
        Assert.Contains("generated a new pseudonymisation key", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GivenNoEnvironment_WhenEveryGeneratedDatasetIsImported_ThenComputeReturnsResults()
    {
        var extracts = Path.Combine(_data, "extracts");
        var summary = await SyntheticDataGenerator.GenerateAsync(new GenerationOptions(Residents: 400, Seed: 7), extracts, null, CancellationToken.None);
        var data = Path.Combine(_data, "store");

        foreach (var (dataset, _) in SyntheticDatasets.All)
        {
            var generated = summary.Files.Single(f => f.Dataset == dataset);
            var (code, stdout, _) = Run(null, "import", dataset, generated.Path, "--data", data, "--json");
            Assert.Equal(0, code);
            using var json = JsonDocument.Parse(stdout);
            Assert.Equal(0, json.RootElement.GetProperty("rejected").GetInt32());
        }

        var (computed, output, _) = Run(null, "compute", "--period", "P1", "--json", "--data", data);

        Assert.Equal(0, computed);
        using var results = JsonDocument.Parse(output);
        Assert.True(results.RootElement.GetArrayLength() > 0);
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_data, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    /// <summary>Issue 13: the command line reads the web app's options, so <c>Allianssi__PseudonymKey</c> and <c>Allianssi__Data</c> count.</summary>
    [Fact]
    public void GivenThePseudonymKeyAndTheDataFolderAsAllianssiSettings_WhenImporting_ThenBothAreUsedAndNoKeyIsGenerated()
    {
        var key = Enumerable.Range(1, 32).Select(i => (byte)i).ToArray();
        var env = new Dictionary<string, string?> { ["Allianssi__PseudonymKey"] = Convert.ToHexString(key), ["Allianssi__Data"] = _data };
        var file = WriteFile("units.csv", Units);

        var (code, stdout, stderr) = Run(n => env.GetValueOrDefault(n), "import", "units", file, "--json");

        Assert.Equal(0, code);
        Assert.Equal(1, JsonDocument.Parse(stdout).RootElement.GetProperty("accepted").GetInt32());
        Assert.DoesNotContain("pseudonymisation key", stderr, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(_data, "pseudonym.key")));
        Assert.True(File.Exists(Path.Combine(_data, "analytical.duckdb")));
        Assert.True(File.Exists(Path.Combine(_data, "allianssi.db")));
    }

    /// <summary>An invalid setting stops a verb before it runs, with the stable code and the key (and never a key's value).</summary>
    [Fact]
    public void GivenAnInvalidSetting_WhenAVerbRuns_ThenItExitsTwoNamingTheKey()
    {
        var env = new Dictionary<string, string?> { ["ALLIANSSI_PSEUDONYM_KEY"] = "c2hvcnQ=", ["Allianssi__Lockout__Minutes"] = "0" };

        var (code, stdout, stderr) = Run(n => env.GetValueOrDefault(n), "init", "--data", _data);

        Assert.Equal(2, code);
        Assert.Equal("", stdout);
        Assert.Contains("init: CFG003 Allianssi:PseudonymKey (ALLIANSSI_PSEUDONYM_KEY) must be base64 or hex", stderr, StringComparison.Ordinal);
        Assert.Contains("init: CFG002 Allianssi:Lockout:Minutes must be a whole number", stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("c2hvcnQ=", stderr, StringComparison.Ordinal);
        Assert.False(Directory.Exists(_data));
    }

    /// <summary>The readers' limits from the configuration's environment variables and <c>--limits</c> (issue 11).</summary>
    [Fact]
    public void GivenReaderLimitsInTheEnvironmentOrOnTheCommandLine_WhenImporting_ThenTheyApplyAndAnInvalidOneNamesItsSetting()
    {
        var wide = WriteFile("units.csv", Units);
        var env = new Dictionary<string, string?> { ["Allianssi__Import__Limits__MaxColumns"] = "4" };

        var (code, stdout, _) = Run(n => env.GetValueOrDefault(n), "import", "units", wide, "--data", _data, "--json", "--dry-run");
        Assert.Equal(2, code);
        Assert.Contains("\"code\": \"IMP011\"", stdout, StringComparison.Ordinal);

        Assert.Equal(0, Run(n => env.GetValueOrDefault(n), "import", "units", wide, "--data", _data, "--json", "--dry-run", "--limits", "MaxColumns=5").Code);

        env["Allianssi__Import__Limits__MaxColumns"] = "many";
        var (invalid, _, stderr) = Run(n => env.GetValueOrDefault(n), "import", "units", wide, "--data", _data);
        Assert.Equal(2, invalid);
        Assert.Contains("Allianssi:Import:Limits:MaxColumns is not a limit", stderr, StringComparison.Ordinal);
        Assert.Contains("--limits: 'MaxRows=0'", Run(null, "import", "units", wide, "--data", _data, "--limits", "MaxRows=0").Stderr, StringComparison.Ordinal);
    }

    private string WriteFile(string name, string content)
    {
        Directory.CreateDirectory(_data);
        var path = Path.Combine(_data, name);
        File.WriteAllText(path, content);
        return path;
    }

    private static (int Code, string Stdout, string Stderr) Run(Func<string, string?>? environment, params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var code = CliApplication.Run(args, stdout, stderr, environment ?? (_ => null));
        return (code, stdout.ToString(), stderr.ToString());
    }
}
