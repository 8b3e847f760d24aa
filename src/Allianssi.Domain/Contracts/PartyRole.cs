namespace Allianssi.Domain.Contracts;

/// <summary>What a party does in the alliance.</summary>
public enum PartyRole
{
    /// <summary>Pays [tilaaja]; may also produce services itself, whose costs count as actual cost.</summary>
    Purchaser,

    /// <summary>Produces services and earns a fee on top of reimbursed costs [palveluntuottaja].</summary>
    Producer,

    /// <summary>Produces services with costs reimbursed, e.g. a third-sector partner [kolmas sektori].</summary>
    Partner,
}
