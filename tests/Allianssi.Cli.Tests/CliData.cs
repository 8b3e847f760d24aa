namespace Allianssi.Cli.Tests;

/// <summary>Test data through the command line, as a user brings it: CSV files imported with <c>allianssi import</c>.</summary>
internal static class CliData
{
    /// <summary>The settlement's worked example (docs/domain/worked-example.json).</summary>
    public static string WorkedExamplePath => Path.Combine(AppContext.BaseDirectory, "docs", "worked-example.json");

    /// <summary>Imports <paramref name="file"/> as <paramref name="dataset"/> into the data folder (demo keys); asserts every row was accepted.</summary>
    public static void Import(string dataDirectory, string dataset, string file)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = CliApplication.Run(["--data", dataDirectory, "import", dataset, file, "--demo"], output, error);
        Assert.True(code == 0, dataset + ": " + error + output);
        Assert.Contains("rejected 0", output.ToString(), StringComparison.Ordinal);
    }

    /// <summary>Writes <paramref name="lines"/> (header first, Finnish dialect) to a CSV file in the data folder and imports it.</summary>
    public static void Import(string dataDirectory, string dataset, params string[] lines)
    {
        var file = Path.Combine(dataDirectory, dataset + ".csv");
        File.WriteAllLines(file, lines);
        Import(dataDirectory, dataset, file);
    }
}
