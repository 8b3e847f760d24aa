using System.Collections.Immutable;

namespace Allianssi.Domain.Scoring;

/// <summary>A measured indicator of a key result area [mittari] with its levels and values per year.</summary>
/// <remarks>Immutable. Validation with field paths happens in <see cref="Scenarios.Scenario"/>.</remarks>
public sealed class Indicator
{
    /// <summary>Creates an indicator.</summary>
    /// <param name="id">Identifier, unique in the scorecard.</param>
    /// <param name="weight">Configured weight in percent of the whole scorecard.</param>
    /// <param name="missing">Missing-value rule.</param>
    /// <param name="levels">Reference levels by the year from which they apply.</param>
    /// <param name="values">Measured values by calendar year (may include years before the period).</param>
    public Indicator(
        string id,
        Weight weight,
        MissingRule missing,
        IEnumerable<KeyValuePair<int, ReferenceLevels>> levels,
        IEnumerable<KeyValuePair<int, decimal>>? values = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(id);
        ArgumentNullException.ThrowIfNull(levels);
        Id = id;
        Weight = weight;
        Missing = missing;
        Levels = levels.ToImmutableSortedDictionary();
        Values = (values ?? []).ToImmutableSortedDictionary();
    }

    /// <summary>Identifier.</summary>
    public string Id { get; }

    /// <summary>Configured weight in percent of the whole scorecard.</summary>
    public Weight Weight { get; }

    /// <summary>Missing-value rule.</summary>
    public MissingRule Missing { get; }

    /// <summary>Reference levels keyed by the first year they apply to.</summary>
    public ImmutableSortedDictionary<int, ReferenceLevels> Levels { get; }

    /// <summary>Values keyed by calendar year.</summary>
    public ImmutableSortedDictionary<int, decimal> Values { get; }

    /// <summary>The levels for a year: its own, else the nearest earlier year's; null if none.</summary>
    public ReferenceLevels? LevelsFor(int year)
    {
        ReferenceLevels? found = null;
        foreach (var (from, levels) in Levels)
        {
            if (from > year)
            {
                break;
            }

            found = levels;
        }

        return found;
    }

    /// <summary>
    /// Whether scoring <paramref name="year"/> needs reference levels: only when a value is scored
    /// (measured in that year, or carried forward). A missing value under <c>zero</c>,
    /// <c>minus100</c> or <c>reweight</c> is scored without levels.
    /// </summary>
    public bool NeedsLevels(int year) =>
        Values.ContainsKey(year) || (Missing == MissingRule.CarryForward && LatestValueBefore(year) is not null);

    /// <summary>The latest value from a year before <paramref name="year"/>, if any.</summary>
    public (int Year, decimal Value)? LatestValueBefore(int year)
    {
        (int, decimal)? found = null;
        foreach (var (valueYear, value) in Values)
        {
            if (valueYear >= year)
            {
                break;
            }

            found = (valueYear, value);
        }

        return found;
    }

    /// <summary>A copy with other values (what-if, or values from the indicator engine).</summary>
    public Indicator WithValues(IEnumerable<KeyValuePair<int, decimal>> values) =>
        new(Id, Weight, Missing, Levels, values);
}
