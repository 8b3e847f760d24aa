using Allianssi.Application.Data.Entities;
using Allianssi.Application.Security;
using Allianssi.Store;
using Allianssi.Store.Schema;
using PartyRole = Allianssi.Domain.Contracts.PartyRole;

namespace Allianssi.Application.UseCases.Imports;

/// <summary>
/// Who may import which dataset: analysts (and the data controller's analysts) import their own
/// party's data; an admin imports everything.
/// </summary>
/// <remarks>
/// Each dataset's description says whose analysts import it (<see cref="DatasetSchema.ImportedBy"/>):
/// <list type="bullet">
/// <item><see cref="DatasetImporters.AnyParty"/> (the ledger, survey responses): an analyst of any party. A dataset whose
/// rows name their party (<see cref="DatasetSchema.PartyColumn"/>, the ledger) is imported for the analyst's own party
/// only: a row naming another party is rejected (the importer checks rows against the user's party alone).</item>
/// <item><see cref="DatasetImporters.RecordHolders"/> (every other dataset, and a name that is no dataset, which the
/// importer then refuses): analysts of a purchaser or the producer, the parties whose systems hold those records (data
/// controllers and the producer running the health station).</item>
/// </list>
/// Viewers and leadership do not import. Batch history and diagnostics (no identifiers) are visible
/// to the same users: their own party's batches, an admin all.
/// </remarks>
public static class ImportRules
{
    /// <summary>The roles that import at all.</summary>
    public static IReadOnlyList<string> ImportingRoles { get; } = [Roles.Analyst, Roles.Controller, Roles.Admin];

    /// <summary>Whether <paramref name="actor"/>, whose party has <paramref name="partyRole"/>, may import <paramref name="dataset"/>.</summary>
    public static bool MayImport(Actor actor, PartyRole? partyRole, string dataset)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (actor.IsAdmin)
        {
            return true;
        }

        if (!ImportingRoles.Contains(actor.Role) || actor.PartyCode is null || partyRole is null)
        {
            return false;
        }

        var importers = Datasets.All.TryGetValue(dataset, out var schema) ? schema.ImportedBy : DatasetImporters.RecordHolders;
        return importers == DatasetImporters.AnyParty || partyRole is PartyRole.Purchaser or PartyRole.Producer;
    }

    /// <summary>The datasets <paramref name="actor"/> may import, in data-model.md's order.</summary>
    public static IReadOnlyList<string> DatasetsFor(Actor actor, PartyRole? partyRole) =>
        [.. AnalyticalStore.Tables.Where(d => MayImport(actor, partyRole, d))];

    /// <summary>Whether <paramref name="actor"/> sees (and may revert) a batch of <paramref name="party"/>.</summary>
    public static bool MaySeeBatch(Actor actor, string? party)
    {
        ArgumentNullException.ThrowIfNull(actor);
        return actor.IsAdmin || (ImportingRoles.Contains(actor.Role) && party is not null && string.Equals(actor.PartyCode, party, StringComparison.Ordinal));
    }
}
