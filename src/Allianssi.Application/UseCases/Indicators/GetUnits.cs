using Allianssi.Indicators.Sandbox;
using Allianssi.Store;

namespace Allianssi.Application.UseCases.Indicators;

/// <summary>One service unit of the <c>units</c> dataset (data-model.md): its id and the name a reader sees.</summary>
/// <param name="Kind">The dataset's kind (<c>alliance</c>, <c>municipal</c>, ...), as imported.</param>
public sealed record UnitInfo(string Id, string Name, string? Kind, string? MunicipalityCode, string? ParentId);

/// <summary>
/// The units of the analytical store by id, so that pages, charts and CSV show <c>Hervannan
/// terveysasema</c> rather than <c>hervanta</c> (any signed-in reader: unit names are no personal data).
/// Empty before the first import; a unit without a name keeps its id.
/// </summary>
public sealed class GetUnits(AnalyticalStoreLocation location)
{
    public async Task<IReadOnlyDictionary<string, UnitInfo>> ExecuteAsync(CancellationToken ct = default)
    {
        if (!location.Exists)
        {
            return new Dictionary<string, UnitInfo>(StringComparer.Ordinal);
        }

        return await Task.Run(() => Read(location.Store()), ct);
    }

    /// <remarks>
    /// Read through the sandbox's runner, as <see cref="ComputeIndicators"/> reads the alliance's unit: it opens the
    /// store the way the sandbox needs (its settings first, then the configuration locked), so a page that reads the
    /// names first does not leave the shared DuckDB instance locked before a custom indicator is validated.
    /// </remarks>
    private static Dictionary<string, UnitInfo> Read(AnalyticalStore store)
    {
        var units = new Dictionary<string, UnitInfo>(StringComparer.Ordinal);
        try
        {
            var rows = new CustomIndicatorSandbox(store) { RunThroughGate = false }.Run("SELECT unit_id, name, kind, municipality_code, parent_id FROM units ORDER BY unit_id");
            foreach (var row in rows.Rows)
            {
                if (row[0]?.ToString() is not { Length: > 0 } id)
                {
                    continue;
                }

                var name = row[1]?.ToString() is { Length: > 0 } n && !string.IsNullOrWhiteSpace(n) ? n : id;
                units[id] = new UnitInfo(id, name, row[2]?.ToString(), row[3]?.ToString(), row[4]?.ToString());
            }
        }
        catch (SandboxException)
        {
            // A store without the units table yet, or more units than the sandbox returns: ids are shown as they are.
        }

        return units;
    }
}
