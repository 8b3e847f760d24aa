using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Allianssi.Store;

namespace Allianssi.Indicators.Definitions;

/// <summary>
/// An indicator: metadata plus a SQL body over the analytical store that returns per-subject rows
/// for one measurement window. The engine aggregates the rows per unit according to <see cref="Kind"/>.
/// </summary>
/// <remarks>
/// <para>The body may use these placeholders, written in by the engine as typed literals:
/// <c>$start</c> and <c>$end</c> (the window, both ends inclusive, DATE), <c>$year</c> (the calendar
/// year of the window, BIGINT), <c>$periodStart</c> and <c>$periodEnd</c> (the contract period),
/// and <c>$name</c> for each of <see cref="Parameters"/>.</para>
/// <para>A definition is immutable; a changed body or parameter set is a new <see cref="Version"/>.
/// Every result records the version and the parameter values that produced it.</para>
/// </remarks>
public sealed partial record IndicatorDefinition
{
    /// <summary>Stable id, e.g. <c>chronic_care_plan</c>.</summary>
    public required string Id { get; init; }

    /// <summary>The definition's version; bump it whenever the body or parameters change.</summary>
    public required int Version { get; init; }

    /// <summary>Finnish name.</summary>
    public required string NameFi { get; init; }

    /// <summary>English name.</summary>
    public required string NameEn { get; init; }

    /// <summary>What is measured, for whom, in words.</summary>
    public required string Description { get; init; }

    /// <summary>Unit of measure of the value, e.g. <c>%</c>, <c>EUR/client</c>, <c>days</c>.</summary>
    public required string UnitOfMeasure { get; init; }

    /// <summary>Which way is better.</summary>
    public required Direction Direction { get; init; }

    /// <summary>How per-subject rows become a unit's result.</summary>
    public required AggregationKind Kind { get; init; }

    /// <summary>The parameters with their defaults.</summary>
    public IReadOnlyList<IndicatorParameter> Parameters { get; init; } = [];

    /// <summary>The source system(s) of the data.</summary>
    public required string SourceSystem { get; init; }

    /// <summary>A result with n below this is suppressed outside the data controller (per-period parameter <c>minimumCount</c> overrides).</summary>
    public int MinimumCount { get; init; } = 5;

    /// <summary>The body: one SELECT (or WITH ... SELECT) over the store's tables.</summary>
    public required string Sql { get; init; }

    /// <summary>
    /// Whether an analyst wrote the body (not the reference catalog): the engine then runs it under
    /// the sandbox's allow-list and time limit, and counts n itself as distinct subjects.
    /// </summary>
    public bool IsCustom { get; init; }

    /// <summary>The store tables the body reads (for the batch ids a result records).</summary>
    public IReadOnlyList<string> Tables =>
        AnalyticalStore.Tables.Where(t => Regex.IsMatch(Sql, @"\b" + t + @"\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)).ToList();

    /// <summary>SHA-256 (hex) of kind, body and parameters: identical fingerprints compute identical results.</summary>
    public string Fingerprint
    {
        get
        {
            var text = new StringBuilder().Append(Kind).Append('\n').Append(Sql);
            foreach (var p in Parameters)
            {
                text.Append('\n').Append(p.Name).Append('=').Append(Convert.ToString(p.Default, CultureInfo.InvariantCulture)).Append(p.Derived);
            }

            return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
        }
    }

    /// <summary>Looks a parameter up by name.</summary>
    public IndicatorParameter? Parameter(string name) => Parameters.FirstOrDefault(p => p.Name == name);
}
