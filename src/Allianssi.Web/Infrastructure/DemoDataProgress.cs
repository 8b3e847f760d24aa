using Allianssi.Import.Synthetic;

namespace Allianssi.Web.Infrastructure;

/// <summary>How big the demo data set is: <c>Demo:Residents</c> (0 disables), <c>Demo:Seed</c>, <c>Demo:FromYear</c>, <c>Demo:ToYear</c>.</summary>
internal sealed record DemoDataOptions(int Residents, long Seed, int FromYear, int ToYear)
{
    /// <summary>Reads the options; the defaults are the generator's (230,000 residents, 2017-2025, seed 1).</summary>
    public static DemoDataOptions From(IConfiguration configuration)
    {
        var defaults = new GenerationOptions();
        return new DemoDataOptions(
            configuration.GetValue("Demo:Residents", GenerationOptions.DefaultResidents),
            configuration.GetValue("Demo:Seed", defaults.Seed),
            configuration.GetValue("Demo:FromYear", defaults.FromYear),
            configuration.GetValue("Demo:ToYear", defaults.ToYear));
    }

    public GenerationOptions Generation => new(Residents, Seed, FromYear, ToYear);
}

/// <summary>Where preparing the demo data stands.</summary>
internal enum DemoDataStage
{
    /// <summary>Not in demo mode, <c>Demo:Residents</c> is 0, or the data folder already had imported data.</summary>
    Off,

    /// <summary>About to start.</summary>
    Pending,

    /// <summary>Writing the synthetic CSV files.</summary>
    Generating,

    /// <summary>Importing them, one batch per dataset.</summary>
    Importing,

    /// <summary>Computing the indicator results of every period.</summary>
    Computing,

    /// <summary>Everything imported and computed (in this process or an earlier one).</summary>
    Done,

    /// <summary>Stopped with an error; the next start tries again.</summary>
    Failed,
}

/// <summary>A snapshot of the demo data preparation, as the banner and <c>GET /api/demo-data</c> show it.</summary>
/// <param name="Stage">The stage.</param>
/// <param name="Step">The dataset being imported or the period being computed; null otherwise.</param>
/// <param name="Percent">0-100 over the whole preparation.</param>
/// <param name="Residents">The configured size.</param>
/// <param name="RanNow">Whether this process did (or is doing) the work.</param>
/// <param name="Error">What failed (no identifiers: importer summaries and exception types only).</param>
internal sealed record DemoDataStatus(DemoDataStage Stage, string? Step, int Percent, int Residents, bool RanNow, string? Error)
{
    /// <summary>Whether a banner should show: work in progress, failed, or just finished in this process.</summary>
    public bool Visible => Stage is DemoDataStage.Pending or DemoDataStage.Generating or DemoDataStage.Importing or DemoDataStage.Computing or DemoDataStage.Failed
        || (Stage == DemoDataStage.Done && RanNow);
}

/// <summary>The process's demo data status (a singleton written by <see cref="DemoDataService"/>).</summary>
internal sealed class DemoDataProgress
{
    private DemoDataStatus _status = new(DemoDataStage.Off, null, 0, 0, false, null);

    public DemoDataStatus Current => Volatile.Read(ref _status);

    public void Set(DemoDataStatus status) => Volatile.Write(ref _status, status);
}
