using Allianssi.Import.Diagnostics;
using Allianssi.Import.Reading;

namespace Allianssi.Import;

/// <summary>Limits of an import.</summary>
public sealed class ImportOptions
{
    /// <summary>Diagnostics kept per code; the rest are counted in one <see cref="DiagnosticCodes.Suppressed"/>.</summary>
    public int MaxDiagnosticsPerCode { get; init; } = 100_000;

    /// <summary>How much of a file the readers take before refusing it (docs/import-diagnostics.md).</summary>
    public ReaderLimits Limits { get; init; } = ReaderLimits.Default;

    /// <summary>Test hook: throw inside the store transaction after this many rows.</summary>
    internal int? AbortAfterRows { get; init; }

    /// <summary>Candidate keys per bucket of the classification (smaller in tests, to exercise the buckets).</summary>
    internal int CandidateKeysPerBucket { get; init; } = BatchWriter.DefaultKeysPerBucket;
}
