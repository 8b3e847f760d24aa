namespace Allianssi.Import.Synthetic;

/// <summary>What to generate: a synthetic Tampere with the Tesoma alliance's unit.</summary>
/// <param name="Residents">Persons generated (residents of Tampere at some time in the window).</param>
/// <param name="Seed">The same seed and options give the same bytes.</param>
/// <param name="FromYear">First calendar year of the window (default 2017, the baseline year before the alliance's first period).</param>
/// <param name="ToYear">Last calendar year of the window, inclusive.</param>
public sealed record GenerationOptions(int Residents = GenerationOptions.DefaultResidents, long Seed = 1, int FromYear = 2017, int ToYear = 2025)
{
    /// <summary>Tampere's size: the alliance's unit then lists about 23,000 residents.</summary>
    public const int DefaultResidents = 230_000;

    /// <summary>The window's first day.</summary>
    public DateOnly WindowStart => new(FromYear, 1, 1);

    /// <summary>The window's last day (inclusive).</summary>
    public DateOnly WindowEnd => new(ToYear, 12, 31);

    /// <summary>Throws when the options cannot describe a window or a population.</summary>
    public void Validate()
    {
        if (Residents is < 1 or > 50_000_000)
        {
            throw new ArgumentOutOfRangeException(nameof(Residents), Residents, "Residents must be between 1 and 50,000,000.");
        }

        if (FromYear is < 1990 or > 2090 || ToYear < FromYear || ToYear > 2095 || ToYear - FromYear > 40)
        {
            throw new ArgumentOutOfRangeException(nameof(ToYear), ToYear, "The window must be 1990-2095, FromYear <= ToYear, at most 40 years.");
        }
    }
}

/// <summary>Where generation stands, for a progress bar.</summary>
/// <param name="Phase">What is being written.</param>
/// <param name="PersonsDone">Persons written so far.</param>
/// <param name="PersonsTotal">Persons to write.</param>
/// <param name="RowsWritten">Data rows written so far, all files together.</param>
public readonly record struct GenerationProgress(GenerationPhase Phase, long PersonsDone, long PersonsTotal, long RowsWritten)
{
    /// <summary>0..1, persons being the bulk of the work.</summary>
    public double Fraction => Phase switch
    {
        GenerationPhase.Units or GenerationPhase.Calendars => 0.0,
        GenerationPhase.Persons => PersonsTotal == 0 ? 0.0 : 0.95 * PersonsDone / PersonsTotal,
        GenerationPhase.Aggregates => 0.97,
        _ => 1.0,
    };
}

/// <summary>The generator's phases, in order.</summary>
public enum GenerationPhase
{
    /// <summary>Units.</summary>
    Units,

    /// <summary>Calendar snapshots and slots.</summary>
    Calendars,

    /// <summary>Persons and everything recorded about them.</summary>
    Persons,

    /// <summary>Population, School Health Promotion values, partner survey, ledger.</summary>
    Aggregates,

    /// <summary>All files closed.</summary>
    Done,
}

/// <summary>One file written.</summary>
/// <param name="Dataset">The data-model.md dataset.</param>
/// <param name="Path">Full path of the CSV file.</param>
/// <param name="Rows">Data rows (header excluded).</param>
public sealed record GeneratedFile(string Dataset, string Path, long Rows);

/// <summary>What a run wrote, in import order (units first).</summary>
public sealed record GenerationSummary(GenerationOptions Options, IReadOnlyList<GeneratedFile> Files)
{
    /// <summary>Data rows of all files.</summary>
    public long TotalRows => Files.Sum(f => f.Rows);
}
