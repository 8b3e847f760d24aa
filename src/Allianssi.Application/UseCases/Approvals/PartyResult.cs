using Allianssi.Application.UseCases.Common;
using Allianssi.Application.UseCases.Results;

namespace Allianssi.Application.UseCases.Approvals;

/// <summary>The current result of a scope, as a leadership member acting for their party (approving, consenting to reopen) sees it.</summary>
internal static class PartyResult
{
    /// <summary>
    /// The result's snapshot, computed afresh (what is locked is never a cached result); or, instead, why the
    /// party cannot act on it: no such scope, a configuration that does not settle, or a party that is not one of the period's.
    /// </summary>
    public static async Task<(ResultSnapshot? Snapshot, Outcome<ApprovalStatus>? Refusal)> CurrentAsync(
        ResultCalculator results, string allianceCode, string periodCode, int? year, string partyCode, CancellationToken ct)
    {
        var current = (await results.FreshAsync(allianceCode, periodCode, year, ct)).Snapshot;
        if (!current.IsOk)
        {
            return (null, current.Relay<ApprovalStatus>());
        }

        var snapshot = current.Value!;
        return snapshot.Parties.Contains(partyCode)
            ? (snapshot, null)
            : (null, Outcome<ApprovalStatus>.Forbidden("forbidden.notPartyOfPeriod", $"'{partyCode}' is not a party of period {periodCode}"));
    }
}
