namespace Allianssi.Domain.Contracts;

/// <summary>How a non-purchaser party's fee [palkkio] is set.</summary>
public abstract record FeeTerms
{
    private protected FeeTerms()
    {
    }

    /// <summary>A fixed amount for every year of the settled span.</summary>
    public sealed record Fixed(Money AmountPerYear) : FeeTerms;

    /// <summary>A rate of the party's own actual (reimbursable) cost, e.g. 0.05.</summary>
    public sealed record PercentOfActual(decimal Rate) : FeeTerms;
}
