using Allianssi.Domain;

namespace Allianssi.Application.Data.Entities;

/// <summary>One open-book cost entry (avoimet kirjat) of a party for a year.</summary>
public sealed class LedgerLine
{
    public int Id { get; set; }

    public int PartyId { get; set; }

    public Party? Party { get; set; }

    public int Year { get; set; }

    /// <summary>Cost account or category, e.g. "Henkilöstökulut".</summary>
    public required string Account { get; set; }

    public string? Description { get; set; }

    public Money Amount { get; set; }

    /// <summary>Only reimbursable entries count as actual cost; the others are shown, never summed.</summary>
    public bool Reimbursable { get; set; }
}
