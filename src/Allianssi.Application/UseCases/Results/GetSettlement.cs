using Allianssi.Application.Data;
using Allianssi.Application.UseCases.Common;
using Allianssi.Application.UseCases.Scoring;

namespace Allianssi.Application.UseCases.Results;

/// <summary>
/// Settles a period (or one year of it) from the database, with the locks in force over it: the
/// persisted configuration and data become the domain's scenario and the domain's settler computes
/// the money (<see cref="Settlements"/>), so the numbers equal <c>allianssi settle</c> on the
/// equivalent scenario file. Computed by the <see cref="ResultCalculator"/> with the scorecard and
/// snapshot of the same scope.
/// </summary>
public sealed class GetSettlement(AllianssiDbContext db, ResultCalculator results)
{
    public async Task<Outcome<SettlementView>> ExecuteAsync(string allianceCode, string periodCode, int? year, CancellationToken ct = default) =>
        await ResultLocks.WithLocksAsync(
            (await results.OfAsync(allianceCode, periodCode, year, ct)).Settlement,
            db, results, allianceCode, periodCode, year, ct);
}
