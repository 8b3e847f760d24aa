namespace Allianssi.Application.UseCases.Indicators;

/// <summary>
/// Small-count suppression for released tables, with complementary suppression: a cell whose
/// count is below the minimum is hidden, and so many other cells that it cannot be recovered by
/// subtracting the shown cells from a shown total.
/// </summary>
/// <remarks>
/// A relation is a set of released cells that add up: a total and its parts, all shown (a row,
/// a column, the municipality and its units). If exactly one cell of a relation is hidden, the sum
/// gives it away, so the smallest other cell of that relation is hidden too (ties by id). If two
/// or more are hidden but their counts add up to less than the minimum, the sum still pins each of
/// them into a small range (two empty units sum to 0: both are known), so the next smallest is
/// hidden as well. That can leave another relation exposed, so the rule repeats until nothing
/// changes. A cell with an unknown count is treated as small (and as 0 in the sum).
/// The minimum never goes below <see cref="MinimumCountFloor"/>, whatever is configured or stored.
/// </remarks>
public static class Suppression
{
    /// <summary>The smallest minimum count any configuration may set; lower stored values act as this.</summary>
    public const long MinimumCountFloor = 5;

    /// <summary>The minimum count in force: the configured one, but never below <see cref="MinimumCountFloor"/>.</summary>
    public static long Threshold(decimal? configured) =>
        configured is { } c && c > MinimumCountFloor ? (long)Math.Ceiling(Math.Min(c, long.MaxValue)) : MinimumCountFloor;

    /// <summary>The ids of the cells to hide: primary (count below <paramref name="minimumCount"/>) and complementary.</summary>
    /// <param name="counts">Every released cell's count by id (null: unknown).</param>
    /// <param name="minimumCount">The smallest count that may be shown (raised to <see cref="MinimumCountFloor"/>).</param>
    /// <param name="relations">Sets of cell ids that add up (a total and all its parts).</param>
    public static IReadOnlySet<string> Suppress(IReadOnlyDictionary<string, long?> counts, long minimumCount, IEnumerable<IReadOnlyCollection<string>> relations)
    {
        ArgumentNullException.ThrowIfNull(counts);
        ArgumentNullException.ThrowIfNull(relations);
        var minimum = Math.Max(minimumCount, MinimumCountFloor);
        var hidden = new HashSet<string>(counts.Where(c => c.Value is not { } n || n < minimum).Select(c => c.Key), StringComparer.Ordinal);
        var sets = relations.Select(r => r.Where(counts.ContainsKey).Distinct(StringComparer.Ordinal).ToList()).Where(r => r.Count > 1).ToList();
        bool changed;
        do
        {
            changed = false;
            foreach (var relation in sets)
            {
                var hiddenHere = relation.Where(hidden.Contains).ToList();
                if (hiddenHere.Count == 0 || hiddenHere.Count == relation.Count
                    || (hiddenHere.Count > 1 && hiddenHere.Sum(id => counts[id] ?? 0L) >= minimum))
                {
                    continue;
                }

                var next = relation.Where(id => !hidden.Contains(id))
                    .OrderBy(id => counts[id] ?? 0L).ThenBy(id => id, StringComparer.Ordinal).First();
                hidden.Add(next);
                changed = true;
            }
        }
        while (changed);

        return hidden;
    }
}
