using Allianssi.Application.Security;
using Allianssi.Application.UseCases.Imports;
using Allianssi.Store.Schema;
using PartyRole = Allianssi.Domain.Contracts.PartyRole;

namespace Allianssi.IntegrationTests;

/// <summary>
/// Who may import which dataset comes from the datasets' descriptions (<see cref="DatasetSchema.ImportedBy"/>), not from
/// dataset names in the rules; a dataset every party supplies names its party column.
/// </summary>
public sealed class ImportRulesTests
{
    private static readonly string[] EveryDataset =
    [
        "units", "persons", "listings", "diagnoses", "lab_results", "care_plans", "visits", "service_periods", "assessments",
        "calendars", "slots", "survey_responses", "reported_values", "ledger", "population",
    ];

    [Fact]
    public void GivenEachRoleOfParty_ThenItsAnalystImportsTheDatasetsTheDescriptionsGiveIt()
    {
        Assert.Equal(EveryDataset, ImportRules.DatasetsFor(new Actor("a", Roles.Analyst, "tampere"), PartyRole.Purchaser));
        Assert.Equal(EveryDataset, ImportRules.DatasetsFor(new Actor("a", Roles.Controller, "mehilainen"), PartyRole.Producer));
        Assert.Equal(["survey_responses", "ledger"], ImportRules.DatasetsFor(new Actor("a", Roles.Analyst, "setlementti"), PartyRole.Partner));
        Assert.Equal(EveryDataset, ImportRules.DatasetsFor(new Actor("a", Roles.Admin, null), null));
        Assert.Empty(ImportRules.DatasetsFor(new Actor("a", Roles.Viewer, "tampere"), PartyRole.Purchaser));
        Assert.Empty(ImportRules.DatasetsFor(new Actor("a", Roles.Analyst, null), null));

        // Case does not matter; a name that is no dataset is left to the importer, which refuses it, for the record holders.
        Assert.True(ImportRules.MayImport(new Actor("a", Roles.Analyst, "pirha"), PartyRole.Partner, "LEDGER"));
        Assert.False(ImportRules.MayImport(new Actor("a", Roles.Analyst, "pirha"), PartyRole.Partner, "visits"));
        Assert.True(ImportRules.MayImport(new Actor("a", Roles.Analyst, "tampere"), PartyRole.Purchaser, "no_such_dataset"));
        Assert.False(ImportRules.MayImport(new Actor("a", Roles.Analyst, "pirha"), PartyRole.Partner, "no_such_dataset"));

        Assert.Equal(["survey_responses", "ledger"], Datasets.InOrder.Where(d => d.ImportedBy == DatasetImporters.AnyParty).Select(d => d.Name));
    }

    [Fact]
    public void GivenTheDatasetsEveryPartySupplies_ThenEachNamesItsPartyColumn()
    {
        var each = Datasets.InOrder.Where(d => d.Supplier == DatasetSupplier.EachParty).ToList();
        Assert.Equal(["ledger"], each.Select(d => d.Name));
        Assert.All(each, d => Assert.Equal(DatasetImporters.AnyParty, d.ImportedBy));
        Assert.Equal("party_id", Datasets.Ledger.PartyColumn);
        Assert.Null(Datasets.Visits.PartyColumn);
    }
}
