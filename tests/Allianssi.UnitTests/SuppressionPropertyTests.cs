using Allianssi.Application.UseCases.Indicators;
using Allianssi.Application.UseCases.PublicResults;
using FsCheck.Xunit;

namespace Allianssi.UnitTests;

/// <summary>
/// Small-count suppression against an attacker who knows the rule: from the released total and the
/// released units of one indicator-year, no hidden unit's count can be worked out by subtraction
/// (or pinned below the minimum), whatever the counts and whatever minimum is configured.
/// </summary>
public sealed class SuppressionPropertyTests
{
    /// <summary>Random units (2-12), mostly small counts so that the awkward cases come up often.</summary>
    private static List<ResultCell> RandomTable(int seed, out long configuredMinimum)
    {
        var random = new Random(seed);
        configuredMinimum = random.Next(0, 12);
        var units = random.Next(2, 13);
        var cells = new List<ResultCell>();
        for (var i = 0; i < units; i++)
        {
            long n = random.Next(4) switch { 0 => 0, 1 => random.Next(1, 6), 2 => random.Next(5, 12), _ => random.Next(12, 400) };
            cells.Add(new ResultCell("chronic_care_plan", "P1", 2024, $"unit{i:00}", n, false));
        }

        cells.Add(new ResultCell("chronic_care_plan", "P1", 2024, GetPublicResults.TotalUnit, cells.Sum(c => c.N), false));
        return cells;
    }

    [Property(MaxTest = 500)]
    public bool GivenRandomUnitCounts_WhenReleased_ThenNoHiddenCellIsRecoverableFromTheTotalAndTheShownCells(int seed)
    {
        var cells = RandomTable(seed, out var configured);
        var threshold = Suppression.Threshold(configured);
        var hidden = ResultSuppression.Hidden(cells, new Dictionary<string, long> { ["P1"] = threshold });
        var total = cells.Single(c => c.Unit == GetPublicResults.TotalUnit);
        var parts = cells.Where(c => c.Unit != GetPublicResults.TotalUnit).ToList();
        var hiddenParts = parts.Where(hidden.Contains).ToList();

        // Nothing below the floor or the configured minimum is ever shown.
        var noSmallShown = cells.Where(c => !hidden.Contains(c)).All(c => c.N >= Math.Max(configured, Suppression.MinimumCountFloor));
        if (hidden.Contains(total))
        {
            // A hidden total is the shown units' sum unless at least one unit is hidden with it.
            return noSmallShown && hiddenParts.Count > 0;
        }

        if (hiddenParts.Count == 0)
        {
            return noSmallShown;
        }

        // What subtraction gives the attacker: the hidden units' sum. One hidden unit is that sum;
        // with two or more each lies anywhere in [0, sum], so the sum must not itself be small.
        var known = total.N!.Value - parts.Where(c => !hidden.Contains(c)).Sum(c => c.N!.Value);
        return noSmallShown && hiddenParts.Count >= 2 && known >= Suppression.MinimumCountFloor && known >= configured;
    }

    [Property(MaxTest = 200)]
    public bool GivenAConfiguredMinimumBelowTheFloor_WhenThresholdIsRead_ThenTheFloorIsUsed(int configured) =>
        Suppression.Threshold(configured) == Math.Max(configured, Suppression.MinimumCountFloor);
}
