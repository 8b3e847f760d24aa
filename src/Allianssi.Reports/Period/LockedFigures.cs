using System.Text.Json;
using Allianssi.Application.UseCases.Scoring;

namespace Allianssi.Reports.Period;

/// <summary>
/// The scorecard and settlement as a lock's snapshot holds them (<c>allianssi-result-snapshot/1</c>: the
/// approved figures in the API's JSON shape, without explanation lines), for a report of a locked result
/// whose current data would give another one.
/// </summary>
internal static class LockedFigures
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web);

    /// <summary>
    /// Reads the snapshot's settlement and the scorecard of <paramref name="year"/> (the snapshot's last
    /// scorecard when it has none for that year).
    /// </summary>
    public static (ScorecardView Scorecard, SettlementView Settlement) Read(string snapshotJson, int year)
    {
        using var document = JsonDocument.Parse(snapshotJson);
        var root = document.RootElement;
        var settlement = root.GetProperty("settlement").Deserialize<SettlementView>(Options)
            ?? throw new InvalidDataException("The locked snapshot has no settlement.");
        var scorecards = root.GetProperty("scorecards").Deserialize<List<ScorecardView>>(Options) ?? [];
        var scorecard = scorecards.LastOrDefault(c => c.Year == year) ?? scorecards.LastOrDefault()
            ?? throw new InvalidDataException("The locked snapshot has no scorecard.");
        return (scorecard, settlement);
    }
}
