using System.Globalization;

namespace Allianssi.Domain;

/// <summary>A range of calendar dates.</summary>
/// <remarks>
/// Both ends are inclusive: <c>2018-04-01..2021-12-31</c> contains both the first of April 2018
/// and the last day of 2021. <see cref="Start"/> is never after <see cref="End"/>.
/// </remarks>
public readonly record struct DateSpan
{
    /// <summary>Creates a span; throws if <paramref name="start"/> is after <paramref name="end"/>.</summary>
    public DateSpan(DateOnly start, DateOnly end)
    {
        if (start > end)
        {
            throw new ArgumentException(
                string.Create(CultureInfo.InvariantCulture, $"start {start:yyyy-MM-dd} is after end {end:yyyy-MM-dd}"),
                nameof(start));
        }

        Start = start;
        End = end;
    }

    /// <summary>First day, inclusive.</summary>
    public DateOnly Start { get; }

    /// <summary>Last day, inclusive.</summary>
    public DateOnly End { get; }

    /// <summary>Whether the date lies in the span (ends inclusive).</summary>
    public bool Contains(DateOnly date) => date >= Start && date <= End;

    /// <summary>Whether any day of the calendar year lies in the span.</summary>
    public bool Overlaps(int year) => year >= Start.Year && year <= End.Year;

    /// <summary>The calendar years the span touches, in order.</summary>
    public IEnumerable<int> Years => Enumerable.Range(Start.Year, End.Year - Start.Year + 1);

    /// <summary>
    /// The number of calendar months of <paramref name="year"/> that overlap the span by at least
    /// one day (a span from 2018-04-01 has 9 months in 2018).
    /// </summary>
    public int MonthsIn(int year)
    {
        var months = 0;
        for (var month = 1; month <= 12; month++)
        {
            var first = new DateOnly(year, month, 1);
            var last = first.AddMonths(1).AddDays(-1);
            if (first <= End && last >= Start)
            {
                months++;
            }
        }

        return months;
    }

    /// <summary><c>2018-04-01..2021-12-31</c>.</summary>
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"{Start:yyyy-MM-dd}..{End:yyyy-MM-dd}");
}
