using Allianssi.Application.Data;
using Allianssi.Application.UseCases.Common;
using Allianssi.Application.UseCases.Scoring;

namespace Allianssi.Application.UseCases.Results;

/// <summary>
/// The scorecard of a period (every year scored, the period score) with one year in detail:
/// KRAs, then indicators with value, levels, score, effective weight and the missing rule applied;
/// with the locks in force over it. Computed by the <see cref="ResultCalculator"/> with the settlement
/// and snapshot of the same scope (<see cref="Scorecards"/> scores).
/// </summary>
public sealed class GetScorecard(AllianssiDbContext db, ResultCalculator results)
{
    public async Task<Outcome<ScorecardView>> ExecuteAsync(string allianceCode, string periodCode, int? year, CancellationToken ct = default) =>
        await ResultLocks.WithLocksAsync(
            (await results.OfAsync(allianceCode, periodCode, year, ct)).Scorecard,
            db, results, allianceCode, periodCode, year, ct);
}
