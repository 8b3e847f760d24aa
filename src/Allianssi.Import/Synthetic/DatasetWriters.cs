namespace Allianssi.Import.Synthetic;

/// <summary>One open writer per dataset, so each person's rows go straight to every file.</summary>
internal sealed class DatasetWriters : IDisposable
{
    private readonly List<(string Dataset, string Path, FinnishCsvWriter Writer)> _all = [];

    public DatasetWriters(string directory)
    {
        Directory.CreateDirectory(directory);
        foreach (var (dataset, columns) in SyntheticDatasets.All)
        {
            var path = Path.Combine(directory, dataset + ".csv");
            _all.Add((dataset, path, new FinnishCsvWriter(path, columns)));
        }

        Units = Get("units");
        Persons = Get("persons");
        Listings = Get("listings");
        Diagnoses = Get("diagnoses");
        LabResults = Get("lab_results");
        CarePlans = Get("care_plans");
        Visits = Get("visits");
        ServicePeriods = Get("service_periods");
        Assessments = Get("assessments");
        Calendars = Get("calendars");
        Slots = Get("slots");
        SurveyResponses = Get("survey_responses");
        ReportedValues = Get("reported_values");
        Ledger = Get("ledger");
        Population = Get("population");
    }

    public FinnishCsvWriter Units { get; }

    public FinnishCsvWriter Persons { get; }

    public FinnishCsvWriter Listings { get; }

    public FinnishCsvWriter Diagnoses { get; }

    public FinnishCsvWriter LabResults { get; }

    public FinnishCsvWriter CarePlans { get; }

    public FinnishCsvWriter Visits { get; }

    public FinnishCsvWriter ServicePeriods { get; }

    public FinnishCsvWriter Assessments { get; }

    public FinnishCsvWriter Calendars { get; }

    public FinnishCsvWriter Slots { get; }

    public FinnishCsvWriter SurveyResponses { get; }

    public FinnishCsvWriter ReportedValues { get; }

    public FinnishCsvWriter Ledger { get; }

    public FinnishCsvWriter Population { get; }

    public long TotalRows => _all.Sum(w => w.Writer.Rows);

    private FinnishCsvWriter Get(string dataset) => _all.First(w => w.Dataset == dataset).Writer;

    public IReadOnlyList<GeneratedFile> Close()
    {
        var files = _all.Select(w => new GeneratedFile(w.Dataset, w.Path, w.Writer.Rows)).ToList();
        Dispose();
        return files;
    }

    public void Dispose()
    {
        foreach (var (_, _, writer) in _all)
        {
            writer.Dispose();
        }
    }
}
