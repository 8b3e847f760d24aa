using Allianssi.Domain;

namespace Allianssi.Application.Data.Entities;

/// <summary>Target cost (tavoitekustannus) of one purchaser for one calendar year, VAT excluded.</summary>
public sealed class TargetCost
{
    public int Id { get; set; }

    public int PartyId { get; set; }

    public Party? Party { get; set; }

    public int Year { get; set; }

    public Money Amount { get; set; }

    public string? Note { get; set; }
}

/// <summary>A signed change to a purchaser's target cost for a year, with its reason and decision.</summary>
public sealed class TargetCostAdjustment
{
    public int Id { get; set; }

    public int PartyId { get; set; }

    public Party? Party { get; set; }

    public int Year { get; set; }

    public Money Amount { get; set; }

    public required string Reason { get; set; }

    /// <summary>The decision reference, e.g. "Alliance leadership team 16.2.2024".</summary>
    public required string Decision { get; set; }

    public string? RecordedBy { get; set; }
}
