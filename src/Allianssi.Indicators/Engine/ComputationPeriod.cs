using System.Text.Json;
using Allianssi.Domain.Reference;

namespace Allianssi.Indicators.Engine;

/// <summary>
/// A contract period as the engine needs it: its dates (both inclusive) and its per-period
/// parameter values (e.g. <c>hba1cMax</c>, <c>ldlChdMax</c>, <c>minimumCount</c>), which override
/// a definition's defaults for every definition that has a parameter of that name.
/// </summary>
public sealed record ComputationPeriod(string Id, DateOnly Start, DateOnly End, IReadOnlyDictionary<string, object> Parameters)
{
    /// <summary>The calendar years the period touches, in order.</summary>
    public IEnumerable<int> Years => new Domain.DateSpan(Start, End).Years;

    /// <summary>The window of year <paramref name="year"/>: the part of the year inside the period.</summary>
    public MeasurementWindow WindowFor(int year)
    {
        if (year < Start.Year || year > End.Year)
        {
            throw new ArgumentOutOfRangeException(nameof(year), year, $"year is outside period {Id}");
        }

        var first = new DateOnly(year, 1, 1);
        var last = new DateOnly(year, 12, 31);
        return new MeasurementWindow(year, first > Start ? first : Start, last < End ? last : End);
    }

    /// <summary>The Tesoma reference periods (P1-P3) with their parameters, from the configuration embedded in the domain assembly.</summary>
    public static IReadOnlyList<ComputationPeriod> Tesoma => TesomaPeriods.Value;

    private static readonly Lazy<IReadOnlyList<ComputationPeriod>> TesomaPeriods = new(() => From(ReferenceConfiguration.Tesoma));

    /// <summary>The periods of a reference configuration with their <c>parameters</c>.</summary>
    public static IReadOnlyList<ComputationPeriod> From(ReferenceConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        return [.. configuration.Periods.Select(p => new ComputationPeriod(
            p.Id,
            p.Dates.Start,
            p.Dates.End,
            configuration.ParametersOf(p.Id).ToDictionary(
                kv => kv.Key,
                kv => kv.Value.ValueKind switch
                {
                    JsonValueKind.Number => kv.Value.GetDouble(),
                    JsonValueKind.True => true,
                    JsonValueKind.False => false,
                    _ => (object)(kv.Value.GetString() ?? string.Empty),
                },
                StringComparer.Ordinal)))];
    }
}

/// <summary>A measurement window: <see cref="Start"/> to <see cref="End"/>, both inclusive, in calendar year <see cref="Year"/>.</summary>
public readonly record struct MeasurementWindow(int Year, DateOnly Start, DateOnly End);
