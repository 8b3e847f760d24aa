using Allianssi.Domain;
using Allianssi.Domain.Contracts;

namespace Allianssi.Application.Data.Entities;

/// <summary>An organisation in the alliance, with its gain/pain share terms.</summary>
public sealed class Party
{
    public int Id { get; set; }

    public int AllianceId { get; set; }

    public Alliance? Alliance { get; set; }

    /// <summary>Stable short id, e.g. <c>tampere</c>.</summary>
    public required string Code { get; set; }

    public required string Name { get; set; }

    public PartyRole Role { get; set; }

    /// <summary>The day the party joined, if not at the start.</summary>
    public DateOnly? From { get; set; }

    public FeeType FeeType { get; set; }

    /// <summary>Rate of actual cost for <see cref="FeeType.PercentOfActual"/>, e.g. 0.05.</summary>
    public decimal? FeeRate { get; set; }

    /// <summary>Amount per year for <see cref="FeeType.Fixed"/>.</summary>
    public Money? FeeAmount { get; set; }

    public decimal GainShare { get; set; }

    public decimal PainShare { get; set; }

    public Money? GainCap { get; set; }

    /// <summary>A pain cap in euros; ignored when <see cref="PainCapIsFee"/> is set.</summary>
    public Money? PainCap { get; set; }

    /// <summary>The pain share is capped at the party's own fee (<c>"painCap": "fee"</c>).</summary>
    public bool PainCapIsFee { get; set; }

    public decimal IncentiveShare { get; set; }

    /// <summary>The services this party leads, free text for the overview.</summary>
    public string? Services { get; set; }
}

/// <summary>How a non-purchaser's fee is computed.</summary>
public enum FeeType
{
    None,
    Fixed,
    PercentOfActual,
}
