using Allianssi.Application.Data;
using Allianssi.Import;
using Allianssi.Import.Identity;
using Allianssi.Import.Reading;
using Allianssi.Store;

namespace Allianssi.Application.UseCases.Imports;

/// <summary>
/// The analytical store of this process and what writing to it needs: the pseudonymisation key
/// (loaded on first use, so a process without imports needs none) and the single-writer lock.
/// </summary>
/// <remarks>
/// The analytical store has one writer (ARCHITECTURE.md decision 3): imports, reverts and rebuilds
/// in this process queue on <see cref="WriteLock"/>.
/// </remarks>
public sealed class AnalyticalData
{
    /// <summary>The store's file name under the data directory.</summary>
    public const string StoreFileName = AnalyticalStoreLocation.FileName;

    private readonly Lazy<Pseudonymiser> _pseudonymiser;
    private readonly Lazy<UploadCipher> _uploads;

    /// <param name="location">The store in the data directory (<c>--data</c>), with the process's memory limit and spill cap.</param>
    /// <param name="operational">The operational store that keeps batch records and uploads.</param>
    /// <param name="key">Loads the pseudonymisation key; throws <see cref="InvalidOperationException"/> when there is none.</param>
    /// <param name="time">For batch timestamps.</param>
    /// <param name="uploadKey">Loads the retained uploads' key; throws <see cref="InvalidOperationException"/> when there is none.</param>
    /// <param name="limits">The readers' limits bound at start (<see cref="ReaderLimits.Configure"/>); null: <see cref="ReaderLimits.Default"/>.</param>
    public AnalyticalData(AnalyticalStoreLocation location, OperationalStore operational, Func<byte[]> key, TimeProvider time, Func<byte[]> uploadKey, ReaderLimits? limits = null)
    {
        ArgumentNullException.ThrowIfNull(uploadKey);
        ArgumentNullException.ThrowIfNull(location);
        ArgumentNullException.ThrowIfNull(operational);
        ArgumentNullException.ThrowIfNull(key);
        Location = location;
        DataDirectory = Path.GetDirectoryName(location.Path) ?? throw new ArgumentException("The store's file has no folder.", nameof(location));
        Operational = operational;
        Time = time ?? throw new ArgumentNullException(nameof(time));
        Store = location.Store();
        Limits = limits ?? ReaderLimits.Default;
        _pseudonymiser = new Lazy<Pseudonymiser>(() => new Pseudonymiser(key()), LazyThreadSafetyMode.ExecutionAndPublication);
        _uploads = new Lazy<UploadCipher>(() => new UploadCipher(uploadKey()), LazyThreadSafetyMode.ExecutionAndPublication);
    }

    /// <summary>The data directory: the folder of the store's file.</summary>
    public string DataDirectory { get; }

    /// <summary>Where the store is and the settings it is opened with (a rebuild opens its fresh file with them too).</summary>
    public AnalyticalStoreLocation Location { get; }

    public OperationalStore Operational { get; }

    public AnalyticalStore Store { get; }

    public TimeProvider Time { get; }

    /// <summary>How much of a file the readers take before refusing it, for imports and rebuilds alike.</summary>
    public ReaderLimits Limits { get; }

    /// <summary>Held while writing to the store.</summary>
    public SemaphoreSlim WriteLock { get; } = new(1, 1);

    /// <summary>The keyed pseudonymiser; throws <see cref="InvalidOperationException"/> when no key is configured.</summary>
    public Pseudonymiser Pseudonymiser => _pseudonymiser.Value;

    /// <summary>The batch registry in the operational database; throws <see cref="InvalidOperationException"/> when no upload key is configured.</summary>
    public EfBatchRegistry Registry() => new(() => Operational.CreateContext(Time), Time, _uploads.Value);

    /// <summary>An importer over the store and the operational registry.</summary>
    public ExtractImporter Importer() => new(Store, Pseudonymiser, Registry(), Time, new ImportOptions { Limits = Limits });
}
