using Allianssi.Domain;
using Allianssi.Domain.Scoring;

namespace Allianssi.Application.Data.Entities;

/// <summary>A key result area (avaintulosalue, ATA) with a weight in percent of the whole scorecard.</summary>
public sealed class KeyResultArea
{
    public int Id { get; set; }

    public int AllianceId { get; set; }

    public Alliance? Alliance { get; set; }

    public required string Code { get; set; }

    public required string NameFi { get; set; }

    public required string NameEn { get; set; }

    public Weight Weight { get; set; }

    public int SortOrder { get; set; }

    public ICollection<Indicator> Indicators { get; } = new List<Indicator>();
}

/// <summary>An indicator (mittari) of a key result area.</summary>
public sealed class Indicator
{
    public int Id { get; set; }

    public int KeyResultAreaId { get; set; }

    public KeyResultArea? KeyResultArea { get; set; }

    public required string Code { get; set; }

    public Weight Weight { get; set; }

    /// <summary>What to do when a year has no value (commercial-model.md section 2).</summary>
    public MissingRule Missing { get; set; }

    /// <summary>The source system the values come from, for display.</summary>
    public string? Source { get; set; }

    public int SortOrder { get; set; }

    public ICollection<IndicatorLevel> Levels { get; } = new List<IndicatorLevel>();
}

/// <summary>The reference levels of an indicator from a year on (a year without its own uses the nearest earlier one).</summary>
public sealed class IndicatorLevel
{
    public int Id { get; set; }

    public int IndicatorId { get; set; }

    public Indicator? Indicator { get; set; }

    public int Year { get; set; }

    /// <summary>The three levels, in the columns <c>Minus100</c>, <c>Zero</c> and <c>Plus100</c>.</summary>
    public ReferenceLevels Levels { get; set; }
}

/// <summary>A measured value of an indicator for one unit and year.</summary>
public sealed class IndicatorValue
{
    public int Id { get; set; }

    public int IndicatorId { get; set; }

    public Indicator? Indicator { get; set; }

    /// <summary>The organisational unit measured, e.g. <c>tesoma</c> or a municipal health station.</summary>
    public required string Unit { get; set; }

    public int Year { get; set; }

    public decimal Value { get; set; }

    /// <summary>Where the value came from, e.g. "hand-entered" or an import batch.</summary>
    public required string Source { get; set; }
}
