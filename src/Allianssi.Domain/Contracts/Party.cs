namespace Allianssi.Domain.Contracts;

/// <summary>An organisation in the alliance with its commercial terms [osapuoli].</summary>
/// <param name="Id">Identifier.</param>
/// <param name="Role">Purchaser, producer or partner.</param>
/// <param name="Fee">Fee terms; null for no fee (always null for purchasers).</param>
/// <param name="GainShare">Fraction of an underrun the party takes (0..1).</param>
/// <param name="PainShare">Fraction of an overrun the party bears (0..1).</param>
/// <param name="GainCap">Most the party can gain; null for no cap.</param>
/// <param name="PainCap">Most the party can lose; null for no cap.</param>
/// <param name="IncentiveShare">Fraction of the incentive (bonus or sanction) the party takes.</param>
public sealed record Party(
    PartyId Id,
    PartyRole Role,
    FeeTerms? Fee = null,
    decimal GainShare = 0m,
    decimal PainShare = 0m,
    Money? GainCap = null,
    PainCap? PainCap = null,
    decimal IncentiveShare = 0m)
{
    /// <summary>Whether the party pays (tilaaja).</summary>
    public bool IsPurchaser => Role == PartyRole.Purchaser;
}
