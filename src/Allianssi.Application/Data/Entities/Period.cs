using Allianssi.Domain;
using Allianssi.Domain.Contracts;

namespace Allianssi.Application.Data.Entities;

/// <summary>A contract period (sopimusjakso), both ends inclusive.</summary>
public sealed class Period
{
    public int Id { get; set; }

    public int AllianceId { get; set; }

    public Alliance? Alliance { get; set; }

    public required string Code { get; set; }

    /// <summary>The period's first and last day (both inclusive), in the columns <c>Start</c> and <c>End</c>.</summary>
    public DateSpan Dates { get; set; }

    public ScoreAggregation ScoreAggregation { get; set; }

    public string? Note { get; set; }

    public ICollection<PeriodParameter> Parameters { get; } = new List<PeriodParameter>();
}

/// <summary>A named numeric parameter of a period (e.g. <c>hba1cMax</c>) used by indicator definitions.</summary>
public sealed class PeriodParameter
{
    public int Id { get; set; }

    public int PeriodId { get; set; }

    public Period? Period { get; set; }

    public required string Name { get; set; }

    public decimal Value { get; set; }
}
