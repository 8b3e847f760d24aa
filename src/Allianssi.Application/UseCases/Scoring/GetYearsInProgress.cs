using Allianssi.Application.Data;

namespace Allianssi.Application.UseCases.Scoring;

/// <summary>
/// Which of the given years are still in progress for an alliance, so that a page labels their
/// results "so far": the current year (or later), or the last year of data when the imported data
/// ends before that year's December (<see cref="AllianceData.InProgress"/>, as the scorecard decides).
/// </summary>
public sealed class GetYearsInProgress(AllianssiDbContext db, TimeProvider time)
{
    public async Task<IReadOnlySet<int>> ExecuteAsync(string allianceCode, IEnumerable<int> years, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(years);
        var data = await AllianceData.LoadAsync(db, allianceCode, ct);
        if (data is null)
        {
            return new HashSet<int>();
        }

        data = data with { ThisYear = time.GetUtcNow().Year };
        return years.Where(data.InProgress).ToHashSet();
    }
}
