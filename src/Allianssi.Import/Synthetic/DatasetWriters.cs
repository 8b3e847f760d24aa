using Allianssi.Store.Schema;

namespace Allianssi.Import.Synthetic;

/// <summary>One open writer per dataset, so each person's rows go straight to every file.</summary>
internal sealed class DatasetWriters : IDisposable
{
    /// <summary>Files are written under this suffix and renamed only when every one is complete.</summary>
    public const string PartialSuffix = ".partial";

    private readonly List<(string Dataset, string Path, FinnishCsvWriter Writer)> _all = [];
    private bool _closed;

    public DatasetWriters(string directory)
    {
        Directory.CreateDirectory(directory);
        foreach (var (dataset, columns) in SyntheticDatasets.All)
        {
            var path = Path.Combine(directory, dataset + ".csv");
            _all.Add((dataset, path, new FinnishCsvWriter(path + PartialSuffix, columns)));
        }

        Units = Get(Datasets.Units);
        Persons = Get(Datasets.Persons);
        Listings = Get(Datasets.Listings);
        Diagnoses = Get(Datasets.Diagnoses);
        LabResults = Get(Datasets.LabResults);
        CarePlans = Get(Datasets.CarePlans);
        Visits = Get(Datasets.Visits);
        ServicePeriods = Get(Datasets.ServicePeriods);
        Assessments = Get(Datasets.Assessments);
        Calendars = Get(Datasets.Calendars);
        Slots = Get(Datasets.Slots);
        SurveyResponses = Get(Datasets.SurveyResponses);
        ReportedValues = Get(Datasets.ReportedValues);
        Ledger = Get(Datasets.Ledger);
        Population = Get(Datasets.Population);
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

    private FinnishCsvWriter Get(DatasetSchema dataset) => _all.First(w => w.Dataset == dataset.Name).Writer;

    /// <summary>Flushes every file and gives each its final name.</summary>
    public IReadOnlyList<GeneratedFile> Close()
    {
        foreach (var (_, _, writer) in _all)
        {
            writer.Dispose();
        }

        foreach (var (_, path, _) in _all)
        {
            File.Move(path + PartialSuffix, path, overwrite: true);
        }

        _closed = true;
        return _all.Select(w => new GeneratedFile(w.Dataset, w.Path, w.Writer.Rows)).ToList();
    }

    /// <summary>Without <see cref="Close"/> (failure, cancellation) the partial files are removed.</summary>
    public void Dispose()
    {
        if (_closed)
        {
            return;
        }

        _closed = true;
        foreach (var (_, path, writer) in _all)
        {
            writer.Dispose();
            File.Delete(path + PartialSuffix);
        }
    }
}
