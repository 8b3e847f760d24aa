using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using Allianssi.Import.Synthetic;
using Spectre.Console;

namespace Allianssi.Cli.Commands;

/// <summary>
/// <c>allianssi generate</c>: writes a synthetic Tampere with the Tesoma alliance's unit as one CSV
/// file per dataset (Finnish dialect), ready for <c>allianssi import</c>.
/// </summary>
public static class GenerateCommand
{
    /// <summary>Builds the verb.</summary>
    public static Command Create()
    {
        var residents = new Option<int>("--residents")
        {
            Description = "Residents of the synthetic Tampere (the alliance's unit lists about 10 %)",
            DefaultValueFactory = _ => GenerationOptions.DefaultResidents,
        };
        var seed = new Option<long>("--seed") { Description = "Seed: the same arguments give the same bytes", DefaultValueFactory = _ => 1 };
        var from = new Option<int>("--from") { Description = "First year of the window", DefaultValueFactory = _ => 2017 };
        var to = new Option<int>("--to") { Description = "Last year of the window (inclusive)", DefaultValueFactory = _ => 2025 };
        var outDir = new Option<DirectoryInfo>("--out") { Description = "Directory for the <dataset>.csv files", Required = true };
        var command = new Command("generate", "Generate synthetic extracts of every dataset (CSV, ';', decimal comma, Windows-1252)")
        {
            residents,
            seed,
            from,
            to,
            outDir,
        };
        command.SetAction(parseResult =>
        {
            var output = parseResult.InvocationConfiguration.Output;
            var error = parseResult.InvocationConfiguration.Error;
            var options = new GenerationOptions(parseResult.GetValue(residents), parseResult.GetValue(seed), parseResult.GetValue(from), parseResult.GetValue(to));
            try
            {
                options.Validate();
            }
            catch (ArgumentOutOfRangeException e)
            {
                error.WriteLine($"generate: {e.Message}");
                return CliApplication.InvalidInput;
            }

            var directory = parseResult.GetValue(outDir)!.FullName;
            var stopwatch = Stopwatch.StartNew();
            GenerationSummary summary;
            try
            {
                summary = ReferenceEquals(output, Console.Out) && !Console.IsOutputRedirected
                    ? WithProgressBar(options, directory)
                    : SyntheticDataGenerator.Generate(options, directory);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                error.WriteLine($"generate: cannot write to {directory}: {e.Message}");
                return CliApplication.InvalidInput;
            }

            foreach (var file in summary.Files)
            {
                output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{file.Dataset,-17} {file.Rows,12:N0}  {file.Path}"));
            }

            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{summary.TotalRows:N0} rows for {options.Residents:N0} residents, {options.FromYear}-{options.ToYear}, seed {options.Seed}, in {stopwatch.Elapsed.TotalSeconds:F1} s"));
            return CliApplication.Success;
        });
        return command;
    }

    private static GenerationSummary WithProgressBar(GenerationOptions options, string directory)
    {
        GenerationSummary? summary = null;
        AnsiConsole.Progress().Start(context =>
        {
            var task = context.AddTask("generating", maxValue: 100);
            summary = SyntheticDataGenerator.Generate(options, directory, new InlineProgress(p =>
            {
                task.Description = p.Phase.ToString().ToLowerInvariant();
                task.Value = p.Fraction * 100;
            }));
            task.Value = 100;
        });
        return summary!;
    }

    /// <summary>Reports on the generating thread (Progress&lt;T&gt; would post out of order to the pool).</summary>
    private sealed class InlineProgress(Action<GenerationProgress> report) : IProgress<GenerationProgress>
    {
        public void Report(GenerationProgress value) => report(value);
    }
}
