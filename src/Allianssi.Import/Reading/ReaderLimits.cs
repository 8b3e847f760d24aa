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

    /// <summary>The configuration section whose keys override limits, e.g. <c>Allianssi:Import:Limits:MaxColumns</c>.</summary>
    public const string ConfigurationSection = "Allianssi:Import:Limits";

    private static readonly Lazy<ReaderLimits> Configured = new(() => Parse(Environment.GetEnvironmentVariable(EnvironmentVariable)));

    /// <summary>
    /// The limits when nothing else is given: the built-in ones below, each overridden by <see cref="EnvironmentVariable"/>
    /// where it names it (read once). A malformed setting throws <see cref="InvalidOperationException"/> at the first
    /// import. The web app and the CLI bind <see cref="Configure"/> at start instead, which also reads the configuration.
    /// </summary>
    public static ReaderLimits Default => Configured.Value;

    /// <summary>The limits' names (<see cref="MaxColumns"/>, ...), as settings name them.</summary>
    public static IReadOnlyList<string> Names { get; } = typeof(ReaderLimits).GetProperties(BindingFlags.Public | BindingFlags.Instance).Select(p => p.Name).ToList();

    /// <summary>The built-in limits with those that <paramref name="settings"/> (<c>Name=value</c> pairs separated by <c>;</c>) name replaced.</summary>
    /// <exception cref="InvalidOperationException">A pair names no limit or its value is not a positive whole number; the message names the pair.</exception>
    public static ReaderLimits Parse(string? settings) => Parse(new ReaderLimits(), settings, EnvironmentVariable);

    /// <summary>
    /// The limits of a process, bound at its start: the built-in ones, then <paramref name="environmentSetting"/> (the
    /// value of <see cref="EnvironmentVariable"/>), then each configuration key of <see cref="ConfigurationSection"/>
    /// (<paramref name="section"/>: the keys' last part, the limit's name, and the value), then <paramref name="overrides"/>
    /// (<c>Name=value;...</c>, the CLI's <c>--limits</c>), each later source winning.
    /// </summary>
    /// <exception cref="InvalidOperationException">An unknown name or a value that is not a positive whole number; the message names the setting (e.g. <c>Allianssi:Import:Limits:MaxColumns</c>).</exception>
    public static ReaderLimits Configure(string? environmentSetting, IEnumerable<KeyValuePair<string, string?>>? section, string? overrides = null)
    {
        var limits = Parse(new ReaderLimits(), environmentSetting, EnvironmentVariable);
        foreach (var (name, value) in section ?? [])
        {
            limits = With(limits, name, value, ConfigurationSection + ":" + name);
        }

        return Parse(limits, overrides, "--limits");
    }

    private static ReaderLimits Parse(ReaderLimits limits, string? settings, string source)
    {
        foreach (var pair in (settings ?? string.Empty).Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var parts = pair.Split('=', 2, StringSplitOptions.TrimEntries);
            if (parts.Length != 2)
            {
                throw Invalid($"{source}: '{pair}'");
            }

            limits = With(limits, parts[0], parts[1], $"{source}: '{pair}'");
        }

        return limits;
    }

    private static ReaderLimits With(ReaderLimits limits, string name, string? text, string setting)
    {
        var property = typeof(ReaderLimits).GetProperty(name, BindingFlags.Public | BindingFlags.Instance | BindingFlags.IgnoreCase);
        if (property is null || !long.TryParse((text ?? string.Empty).Trim().Replace("_", string.Empty, StringComparison.Ordinal), NumberStyles.None, CultureInfo.InvariantCulture, out var value) || value <= 0
            || (property.PropertyType == typeof(int) && value > int.MaxValue))
        {
            throw Invalid(setting);
        }

        var copy = (ReaderLimits)limits.MemberwiseClone();
        property.SetValue(copy, property.PropertyType == typeof(int) ? (object)(int)value : value);
        return copy;
    }

    private static InvalidOperationException Invalid(string setting) =>
        new($"{setting} is not a limit and a positive whole number (names: {string.Join(", ", Names)}).");

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
