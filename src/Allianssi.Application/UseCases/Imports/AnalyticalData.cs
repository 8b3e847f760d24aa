using Allianssi.Application.Data;
using Allianssi.Import;
using Allianssi.Import.Identity;
using Allianssi.Import.Reading;
using Allianssi.Indicators.Store;

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
    public const string StoreFileName = Indicators.AnalyticalStoreLocation.FileName;

    /// <summary>DuckDB's memory limit for imports when <c>ALLIANSSI_IMPORT_MEMORY_LIMIT</c> is not set.</summary>
    public const string DefaultImportMemoryLimit = "256MB";

    /// <summary>
    /// DuckDB's memory limit for this process's store, from <c>ALLIANSSI_IMPORT_MEMORY_LIMIT</c> (e.g. <c>1GB</c>), else
    /// <see cref="DefaultImportMemoryLimit"/>.
    /// </summary>
    /// <remarks>
    /// An import appends to its tables inside one transaction and classifies candidate keys per bucket, so DuckDB writes
    /// or spills to <c>analytical.duckdb.tmp</c> what does not fit and an import's peak memory stays flat as the file grows
    /// (measured in docs/performance.md, "Import memory"). The limit applies to the DuckDB instance, which DuckDB.NET
    /// shares between the connections open on the file at once and which keeps the settings of the first; so every
    /// opener in this process uses this one limit (<see cref="Indicators.AnalyticalStoreLocation.Store"/>), and indicator
    /// queries run under it too.
    /// </remarks>
    public static string ImportMemoryLimit => Environment.GetEnvironmentVariable("ALLIANSSI_IMPORT_MEMORY_LIMIT") is { Length: > 0 } limit ? limit : DefaultImportMemoryLimit;

    /// <summary>How much the store's queries may spill to disk together when <c>ALLIANSSI_STORE_MAX_TEMP_SIZE</c> is not set.</summary>
    public const string DefaultStoreMaxTempSize = "2GB";

    /// <summary>
    /// DuckDB's <c>max_temp_directory_size</c> for this process's store, from <c>ALLIANSSI_STORE_MAX_TEMP_SIZE</c>
    /// (e.g. <c>8GB</c>), else <see cref="DefaultStoreMaxTempSize"/>.
    /// </summary>
    /// <remarks>
    /// Like the memory limit it is one per database instance. It caps what a query can spill (issue 11 item 6: an
    /// analyst's query spilled 2.9 GB at every compute); a query that needs more fails with DuckDB's out-of-memory
    /// error, which the sandbox reports as <c>SBX011</c>. An import of 10 million rows spills far less (its rows go to
    /// the store file, docs/performance.md), so the default leaves imports and built-in computations room.
    /// </remarks>
    public static string StoreMaxTempSize => Environment.GetEnvironmentVariable("ALLIANSSI_STORE_MAX_TEMP_SIZE") is { Length: > 0 } size ? size : DefaultStoreMaxTempSize;

    private readonly Lazy<Pseudonymiser> _pseudonymiser;
    private readonly Lazy<UploadCipher> _uploads;

    /// <param name="dataDirectory">The data directory (<c>--data</c>).</param>
    /// <param name="operational">The operational store that keeps batch records and uploads.</param>
    /// <param name="key">Loads the pseudonymisation key; throws <see cref="InvalidOperationException"/> when there is none.</param>
    /// <param name="time">For batch timestamps.</param>
    /// <param name="uploadKey">Loads the retained uploads' key; throws <see cref="InvalidOperationException"/> when there is none.</param>
    /// <param name="limits">The readers' limits bound at start (<see cref="ReaderLimits.Configure"/>); null: <see cref="ReaderLimits.Default"/>.</param>
    public AnalyticalData(string dataDirectory, OperationalStore operational, Func<byte[]> key, TimeProvider time, Func<byte[]> uploadKey, ReaderLimits? limits = null)
    {
        ArgumentNullException.ThrowIfNull(uploadKey);
        ArgumentException.ThrowIfNullOrWhiteSpace(dataDirectory);
        ArgumentNullException.ThrowIfNull(operational);
        ArgumentNullException.ThrowIfNull(key);
        DataDirectory = dataDirectory;
        Operational = operational;
        Time = time ?? throw new ArgumentNullException(nameof(time));
        Store = Indicators.AnalyticalStoreLocation.InDataDirectory(dataDirectory).Store();
        Limits = limits ?? ReaderLimits.Default;
        _pseudonymiser = new Lazy<Pseudonymiser>(() => new Pseudonymiser(key()), LazyThreadSafetyMode.ExecutionAndPublication);
        _uploads = new Lazy<UploadCipher>(() => new UploadCipher(uploadKey()), LazyThreadSafetyMode.ExecutionAndPublication);
    }

    public string DataDirectory { get; }

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
    public EfBatchRegistry Registry() => new(Operational.CreateContext, Time, _uploads.Value);

    /// <summary>An importer over the store and the operational registry.</summary>
    public ExtractImporter Importer() => new(Store, Pseudonymiser, Registry(), Time, new ImportOptions { Limits = Limits });
}
