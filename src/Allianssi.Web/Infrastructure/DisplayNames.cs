using Allianssi.Application.UseCases.Alliances;
using Allianssi.Application.UseCases.Common;
using Allianssi.Application.UseCases.Indicators;

namespace Allianssi.Web.Infrastructure;

/// <summary>
/// The names a reader sees for the ids in the data: indicators by their name in the UI's language
/// (from the alliance's catalog), key result areas by theirs, units by their name in the <c>units</c>
/// dataset and parties by their name. An id without a name is shown as it is.
/// </summary>
internal sealed class DisplayNames
{
    private readonly IReadOnlyDictionary<string, CatalogEntry> _indicators;
    private readonly IReadOnlyDictionary<string, UnitInfo> _units;
    private readonly IReadOnlyDictionary<string, string> _parties;
    private readonly IReadOnlyDictionary<string, KraDto> _kras;

    private DisplayNames(IReadOnlyDictionary<string, CatalogEntry> indicators, IReadOnlyDictionary<string, UnitInfo> units, IReadOnlyDictionary<string, string> parties, IReadOnlyDictionary<string, KraDto> kras)
    {
        _indicators = indicators;
        _units = units;
        _parties = parties;
        _kras = kras;
    }

    public static DisplayNames Empty { get; } = new(new Dictionary<string, CatalogEntry>(), new Dictionary<string, UnitInfo>(), new Dictionary<string, string>(), new Dictionary<string, KraDto>());

    /// <summary>The alliance's names; the units' names only when <paramref name="withUnits"/> (they are read from the analytical store).</summary>
    public static async Task<DisplayNames> LoadAsync(UseCaseRunner useCases, AllianceOverview? alliance, bool withUnits)
    {
        ArgumentNullException.ThrowIfNull(useCases);
        if (alliance is null)
        {
            return Empty;
        }

        var catalog = await useCases.RunAsync<GetIndicatorCatalog, Outcome<IReadOnlyList<CatalogEntry>>>(u => u.ExecuteAsync(alliance.Code));
        var units = withUnits ? await useCases.RunAsync<GetUnits, IReadOnlyDictionary<string, UnitInfo>>(u => u.ExecuteAsync()) : Empty._units;
        return new DisplayNames(
            (catalog.Value ?? []).GroupBy(c => c.Id, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal),
            units,
            alliance.Parties.ToDictionary(p => p.Code, p => p.Name, StringComparer.Ordinal),
            alliance.Kras.ToDictionary(k => k.Code, StringComparer.Ordinal));
    }

    /// <summary>The catalog entry of an indicator, or null for an id not in the catalog.</summary>
    public CatalogEntry? Entry(string id) => _indicators.GetValueOrDefault(id);

    /// <summary>An indicator's name in the UI's language (its id when it has none).</summary>
    public string Indicator(string id) => _indicators.TryGetValue(id, out var c) ? Show.Name(c.NameFi, c.NameEn) : id;

    /// <summary>A key result area's name in the UI's language (its code when it has none).</summary>
    public string Kra(string code) => _kras.TryGetValue(code, out var k) ? Show.Name(k.NameFi, k.NameEn) : code;

    /// <summary>
    /// An indicator's or key result area's name with its id after it (<c>Hoitosuunnitelma (chronic_care_plan)</c>),
    /// as an explanation line names them; any other text as it is.
    /// </summary>
    public string Labelled(string id)
    {
        var name = _indicators.ContainsKey(id) ? Indicator(id) : _kras.ContainsKey(id) ? Kra(id) : id;
        return name == id ? id : $"{name} ({id})";
    }

    /// <summary>A unit's name from the <c>units</c> dataset (its id when it has none).</summary>
    public string Unit(string id) => _units.TryGetValue(id, out var u) ? u.Name : id;

    /// <summary>A party's name (its code when it has none).</summary>
    public string Party(string? code) => code is null ? "" : _parties.GetValueOrDefault(code, code);

    /// <summary>The party, key result area or indicator a scenario error concerns, by its name.</summary>
    public string Subject(Allianssi.Domain.Scenarios.ScenarioSubject subject)
    {
        ArgumentNullException.ThrowIfNull(subject);
        return subject.Kind switch
        {
            Allianssi.Domain.Scenarios.ScenarioSubjectKind.Party => Party(subject.Id),
            Allianssi.Domain.Scenarios.ScenarioSubjectKind.Kra => Kra(subject.Id),
            _ => Indicator(subject.Id),
        };
    }
}
