namespace Allianssi.Application.UseCases.PublicResults;

/// <summary>
/// Small-count suppression for published tables, with complementary suppression: a cell whose
/// count is below the minimum is hidden, and so many other cells that it cannot be recovered by
/// subtracting the shown cells from a shown total.
/// </summary>
/// <remarks>
/// A relation is a set of published cells that add up: a total and its parts, all shown (a row,
/// a column, the municipality and its units). If exactly one cell of a relation is hidden, the sum
/// gives it away, so the smallest other cell of that relation is hidden too (ties by id). That
/// can leave another relation with one hidden cell, so the rule repeats until nothing changes.
/// A cell with an unknown count is treated as small.
/// </remarks>
public static class Suppression
{
    /// <summary>The ids of the cells to hide: primary (count below <paramref name="minimumCount"/>) and complementary.</summary>
    /// <param name="counts">Every published cell's count by id (null: unknown).</param>
    /// <param name="minimumCount">The smallest count that may be shown.</param>
    /// <param name="relations">Sets of cell ids that add up (a total and all its parts).</param>
    public static IReadOnlySet<string> Suppress(IReadOnlyDictionary<string, long?> counts, long minimumCount, IEnumerable<IReadOnlyCollection<string>> relations)
    {
        ArgumentNullException.ThrowIfNull(counts);
        ArgumentNullException.ThrowIfNull(relations);
        var hidden = new HashSet<string>(counts.Where(c => c.Value is not { } n || n < minimumCount).Select(c => c.Key), StringComparer.Ordinal);
        var sets = relations.Select(r => r.Where(counts.ContainsKey).Distinct(StringComparer.Ordinal).ToList()).Where(r => r.Count > 1).ToList();
        bool changed;
        do
        {
            changed = false;
            foreach (var relation in sets)
            {
                if (relation.Count(hidden.Contains) != 1)
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
