using Allianssi.Domain;

namespace Allianssi.Application.Data.Entities;

/// <summary>An alliance contract (allianssi), e.g. Tesoma 2018-2028, with its money parameters.</summary>
public sealed class Alliance
{
    public int Id { get; set; }

    /// <summary>Stable short id, e.g. <c>tesoma</c>.</summary>
    public required string Code { get; set; }

    public required string Name { get; set; }

    /// <summary>The contract's first and last day (both inclusive), in the columns <c>Start</c> and <c>End</c>.</summary>
    public DateSpan Dates { get; set; }

    public int? Residents { get; set; }

    /// <summary>Whether the target cost already contains the producers' fees (commercial-model.md section 5).</summary>
    public bool TargetCostIncludesFee { get; set; }

    /// <summary>Incentive pool paid at overall score +100.</summary>
    public Money IncentivePool { get; set; }

    /// <summary>Sanction at overall score -100 (a positive amount).</summary>
    public Money SanctionCap { get; set; }

    /// <summary>The organisational unit whose indicator values are scored (the alliance's own unit).</summary>
    public required string ScoredUnit { get; set; }

    /// <summary>
    /// The most public funding (the purchasers' payments) the contract may take over
    /// <see cref="PublicFundingFrom"/>..<see cref="PublicFundingTo"/> (both inclusive); null when none is set.
    /// Tesoma: 140,000,000 EUR over 2018-04-01..2028-03-31 (seed document 001).
    /// </summary>
    public Money? PublicFundingCeiling { get; set; }

    public DateOnly? PublicFundingFrom { get; set; }

    public DateOnly? PublicFundingTo { get; set; }

    public ICollection<Party> Parties { get; } = new List<Party>();

    public ICollection<Period> Periods { get; } = new List<Period>();

    public ICollection<KeyResultArea> KeyResultAreas { get; } = new List<KeyResultArea>();
}
