namespace Allianssi.Import.Synthetic;

/// <summary>
/// Generates a synthetic Tampere (municipality 837) with the Tesoma alliance's unit: every dataset
/// of data-model.md as <c>&lt;dataset&gt;.csv</c> in the Finnish dialect, ready for <c>import</c>.
/// </summary>
/// <remarks>
/// Deterministic: the same options give the same bytes (own PRNG, no hash-ordered collections,
/// invariant formatting). Streaming: persons are simulated one at a time and their rows written
/// straight to the open files, so memory does not grow with <see cref="GenerationOptions.Residents"/>.
/// Files are written as <c>*.csv.partial</c> and renamed when all are complete, so a cancelled
/// run never leaves a set of CSV files that looks whole.
/// </remarks>
public static class SyntheticDataGenerator
{
    private const int ProgressEvery = 2_000;

    /// <summary>Generates into <paramref name="outputDirectory"/> on a worker thread.</summary>
    public static Task<GenerationSummary> GenerateAsync(GenerationOptions options, string outputDirectory,
        IProgress<GenerationProgress>? progress = null, CancellationToken cancellationToken = default) =>
        Task.Run(() => Generate(options, outputDirectory, progress, cancellationToken), cancellationToken);

    /// <summary>Generates into <paramref name="outputDirectory"/> (created when missing; existing files replaced).</summary>
    public static GenerationSummary Generate(GenerationOptions options, string outputDirectory,
        IProgress<GenerationProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrWhiteSpace(outputDirectory);
        options.Validate();

        IReadOnlyList<GeneratedFile> files;
        using (var writers = new DatasetWriters(outputDirectory))
        {
            progress?.Report(new GenerationProgress(GenerationPhase.Units, 0, options.Residents, 0));
            WriteUnits(writers.Units);

            progress?.Report(new GenerationProgress(GenerationPhase.Calendars, 0, options.Residents, writers.TotalRows));
            CalendarSimulator.Write(options, writers);

            var tallies = new AreaTallies(options.FromYear, options.ToYear, TampereUnits.All.Count);
            var persons = new PersonSimulator(options, writers, tallies);
            for (long i = 0; i < options.Residents; i++)
            {
                persons.Simulate(i);
                if ((i + 1) % ProgressEvery == 0)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    progress?.Report(new GenerationProgress(GenerationPhase.Persons, i + 1, options.Residents, writers.TotalRows));
                }
            }

            progress?.Report(new GenerationProgress(GenerationPhase.Aggregates, options.Residents, options.Residents, writers.TotalRows));
            AggregateWriter.WritePopulation(options, tallies, writers.Population);
            AggregateWriter.WriteSchoolHealth(options, tallies, writers.ReportedValues);
            persons.Responses = AggregateWriter.WritePartnerSurvey(options, writers.SurveyResponses, persons.Responses);
            LedgerSimulator.Write(options, writers.Ledger);
            files = writers.Close();
        }

        progress?.Report(new GenerationProgress(GenerationPhase.Done, options.Residents, options.Residents, files.Sum(f => f.Rows)));
        return new GenerationSummary(options, files);
    }

    private static void WriteUnits(FinnishCsvWriter units)
    {
        foreach (var unit in TampereUnits.All)
        {
            units.Text(unit.Id).Text(unit.Name).Text(TampereUnits.MunicipalityCode).Text(unit.Kind).Empty().EndRow();
        }
    }
}
