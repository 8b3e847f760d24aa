namespace Allianssi.Domain.Contracts;

/// <summary>The most a party can lose of an overrun (kipuraja): an amount or its own fee.</summary>
public abstract record PainCap
{
    private protected PainCap()
    {
    }

    /// <summary>The party loses at most this (non-negative) amount.</summary>
    public sealed record Amount(Money Limit) : PainCap;

    /// <summary>The party loses at most its own fee for the span (scenario value <c>"fee"</c>).</summary>
    public sealed record Fee : PainCap;
}
