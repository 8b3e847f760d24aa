using System.Globalization;
using System.Reflection;

namespace Allianssi.Import.Reading;

/// <summary>
/// How much of a file the readers take before they refuse it. An extract is untrusted input: each limit bounds the
/// memory or time one file can cost, and each is checked as early as the format allows (the header, the archive's
/// directory, the shared strings) and again while reading, so a file that lies in its headers is still stopped.
/// The defaults carry any real extract (Excel's own limits are 1,048,576 rows, 16,384 columns and 32,767 characters
/// a cell); docs/import-diagnostics.md lists them with their codes.
/// </summary>
public sealed class ReaderLimits
{
    /// <summary>The name of the environment variable that overrides limits, e.g. <c>MaxColumns=2048;MaxRows=500000</c>.</summary>
    public const string EnvironmentVariable = "ALLIANSSI_IMPORT_LIMITS";

    private static readonly Lazy<ReaderLimits> Configured = new(() => Parse(Environment.GetEnvironmentVariable(EnvironmentVariable)));

    /// <summary>
    /// The limits of this process: the built-in ones below, each overridden by <see cref="EnvironmentVariable"/> where it
    /// names it (read once). A malformed setting throws <see cref="InvalidOperationException"/> at the first import.
    /// </summary>
    public static ReaderLimits Default => Configured.Value;

    /// <summary>The built-in limits with those that <paramref name="settings"/> (<c>Name=value</c> pairs separated by <c>;</c>) name replaced.</summary>
    public static ReaderLimits Parse(string? settings)
    {
        var limits = new ReaderLimits();
        foreach (var pair in (settings ?? string.Empty).Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var parts = pair.Split('=', 2, StringSplitOptions.TrimEntries);
            var property = parts.Length == 2 ? typeof(ReaderLimits).GetProperty(parts[0], BindingFlags.Public | BindingFlags.Instance | BindingFlags.IgnoreCase) : null;
            if (property is null || !long.TryParse(parts[1].Replace("_", string.Empty, StringComparison.Ordinal), NumberStyles.None, CultureInfo.InvariantCulture, out var value) || value <= 0
                || (property.PropertyType == typeof(int) && value > int.MaxValue))
            {
                throw new InvalidOperationException($"{EnvironmentVariable}: '{pair}' is not a limit and a positive whole number (names: {string.Join(", ", typeof(ReaderLimits).GetProperties(BindingFlags.Public | BindingFlags.Instance).Select(p => p.Name))}).");
            }

            property.SetValue(limits, property.PropertyType == typeof(int) ? (object)(int)value : value);
        }

        return limits;
    }

    /// <summary>Columns of the header or of any row, CSV and XLSX (<c>IMP011</c>). The widest dataset has about 20.</summary>
    public int MaxColumns { get; init; } = 1_024;

    /// <summary>Characters of one CSV record, quotes and line breaks inside quoted fields included (<c>IMP012</c>).</summary>
    public int MaxRecordChars { get; init; } = 1 << 20;

    /// <summary>Characters of one XLSX cell's text (<c>IMP012</c>); Excel's own limit.</summary>
    public int MaxCellChars { get; init; } = 32_767;

    /// <summary>XLSX sheet rows, the header included (<c>IMP014</c>); Excel's own limit.</summary>
    public int MaxRows { get; init; } = 1_048_576;

    /// <summary>XLSX cells in the sheet (<c>IMP015</c>).</summary>
    public long MaxCells { get; init; } = 50_000_000;

    /// <summary>XLSX shared strings (<c>IMP016</c>).</summary>
    public int MaxSharedStrings { get; init; } = 2_000_000;

    /// <summary>Characters of all XLSX shared strings together (<c>IMP016</c>).</summary>
    public long MaxSharedStringChars { get; init; } = 50_000_000;

    /// <summary>Uncompressed bytes of one XLSX archive part (<c>IMP017</c>).</summary>
    public long MaxPartBytes { get; init; } = 1L << 30;

    /// <summary>Uncompressed bytes of all the XLSX parts the reader opens (<c>IMP017</c>).</summary>
    public long MaxTotalBytes { get; init; } = 2L << 30;

    /// <summary>Uncompressed to compressed size of a part larger than <see cref="RatioCheckedAboveBytes"/> (<c>IMP017</c>).</summary>
    public int MaxCompressionRatio { get; init; } = 200;

    /// <summary>Parts smaller than this are not held to <see cref="MaxCompressionRatio"/> (a small part cannot be a bomb).</summary>
    public long RatioCheckedAboveBytes { get; init; } = 1L << 20;

    /// <summary>Entries in the XLSX archive (<c>IMP017</c>).</summary>
    public int MaxParts { get; init; } = 1_000;

    /// <summary>XLSX cell styles and number formats (<c>IMP017</c>); Excel's own limit is 64,000.</summary>
    public int MaxStyles { get; init; } = 65_536;
}
