namespace Allianssi.Domain.Contracts;

/// <summary>How the yearly overall scores of a span become one score.</summary>
public enum ScoreAggregation
{
    /// <summary>Mean of the yearly scores weighted by the months of each year inside the period.</summary>
    MonthWeightedMean,

    /// <summary>The score of the span's last year.</summary>
    FinalYear,
}

/// <summary>A contract period [sopimusjakso], e.g. P1 = 2018-04-01..2021-12-31.</summary>
/// <param name="Id">Identifier, e.g. <c>P1</c>.</param>
/// <param name="Dates">The period's days, both ends inclusive.</param>
/// <param name="Aggregation">How yearly scores are combined.</param>
public sealed record ContractPeriod(string Id, DateSpan Dates, ScoreAggregation Aggregation)
{
    /// <summary>Whether any day of the calendar year lies in the period.</summary>
    public bool Covers(int year) => Dates.Overlaps(year);

    /// <summary>Calendar months of the year inside the period: the year's weight in the mean.</summary>
    public int MonthsIn(int year) => Dates.MonthsIn(year);
}
