using System.Collections.Immutable;
using System.Data.Common;
using System.Globalization;
using Allianssi.Domain;
using Allianssi.Domain.Organiser;
using Allianssi.Domain.Scenarios;
using Allianssi.Indicators.Catalog;
using Allianssi.Indicators.Engine;
using Allianssi.Indicators.Sandbox;
using Allianssi.Store;
using DuckDB.NET.Data;

namespace Allianssi.Indicators.Organiser;

/// <summary>
/// The organiser's computations over the analytical store (organiser-payments.md sections 2-4):
/// capitation, the need-adjusted cost index, the triple-aim bonus and the invoices of a year.
/// </summary>
/// <param name="store">The analytical store the queries read.</param>
public sealed class OrganiserEngine(AnalyticalStore store)
{
    /// <summary>The id of the catalog indicator that serves the cost aim.</summary>
    public const string CostIndexId = "need_adjusted_cost_index";

    private readonly AnalyticalStore _store = store ?? throw new ArgumentNullException(nameof(store));

    /// <summary>The time limit of one query (the indicator engine's default).</summary>
    public TimeSpan QueryTimeout { get; init; } = IndicatorEngine.DefaultQueryTimeout;

    /// <summary>Whether an indicator id can be scored in a triple aim: a built-in catalog indicator or the cost index.</summary>
    public static bool IsKnownIndicator(string id) => id == CostIndexId || ReferenceCatalog.Ids.Contains(id);

    /// <summary>
    /// The rules of section 1 that need the data: every provider unit exists in <c>units</c>; every
    /// member has population rows for the year; every triple-aim indicator is one the engine computes.
    /// </summary>
    public IReadOnlyList<ScenarioError> CheckData(OrganiserModel model, int year)
    {
        ArgumentNullException.ThrowIfNull(model);
        var errors = new List<ScenarioError>();
        using var connection = _store.Open();
        var missing = Query(connection, OrganiserQueries.MissingUnits(model), r => r.GetString(0)).ToHashSet(StringComparer.Ordinal);
        for (var i = 0; i < model.Providers.Length; i++)
        {
            for (var j = 0; j < model.Providers[i].Units.Length; j++)
            {
                var unit = model.Providers[i].Units[j];
                if (missing.Contains(unit))
                {
                    errors.Add(new ScenarioError(Invariant($"providers[{i}].units[{j}]"), Invariant($"unit {unit} is not in the units dataset")));
                }
            }
        }

        if (model.Invoicing is { } invoicing)
        {
            var population = Population(connection, model, year);
            for (var i = 0; i < invoicing.Members.Length; i++)
            {
                if (population.GetValueOrDefault(invoicing.Members[i]) <= 0)
                {
                    errors.Add(new ScenarioError(Invariant($"invoicing.members[{i}]"), Invariant($"member {invoicing.Members[i]} has no population rows for {year}")));
                }
            }
        }

        if (model.TripleAim is { } tripleAim)
        {
            for (var i = 0; i < tripleAim.Aims.Length; i++)
            {
                for (var j = 0; j < tripleAim.Aims[i].Indicators.Length; j++)
                {
                    var id = tripleAim.Aims[i].Indicators[j].Id;
                    if (!IsKnownIndicator(id))
                    {
                        errors.Add(new ScenarioError(Invariant($"tripleAim.aims[{i}].indicators[{j}].id"), Invariant($"{id} is not a catalog indicator")));
                    }
                }
            }
        }

        return errors;
    }

    /// <summary>Capitation per provider and month (section 2).</summary>
    public CapitationResult Capitation(OrganiserModel model, int year, CancellationToken cancellationToken = default) =>
        Capitation(model, year, null, cancellationToken);

    /// <summary>
    /// Capitation per provider and month, of one month only when <paramref name="onlyMonth"/> is given (the other
    /// months then count no resident): each month's N and amounts depend on that month's population alone.
    /// </summary>
    private CapitationResult Capitation(OrganiserModel model, int year, int? onlyMonth, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(model);
        using var connection = _store.Open();
        var rows = Query(connection, OrganiserQueries.CapitationCells(model, year, onlyMonth), r => r.GetString(0) == "gaps"
            ? new CapitationRow(null, Convert.ToInt64(r.GetValue(6), CultureInfo.InvariantCulture), Convert.ToInt64(r.GetValue(7), CultureInfo.InvariantCulture))
            : new CapitationRow(new CapitationCell(
                r.GetInt32(1),
                r.IsDBNull(2) ? null : new PartyId(r.GetString(2)),
                r.GetInt32(3),
                Convert.ToInt64(r.GetValue(4), CultureInfo.InvariantCulture),
                r.GetString(5),
                Convert.ToInt64(r.GetValue(6), CultureInfo.InvariantCulture),
                Convert.ToDecimal(r.GetValue(7), CultureInfo.InvariantCulture)), 0, 0), cancellationToken);
        var cells = rows.Where(r => r.Cell is not null).Select(r => r.Cell!).ToList();
        var gaps = rows.Single(r => r.Cell is null);
        return CapitationCalculator.Compute(model, year, cells, gaps.Unclassified, gaps.NonResidents);
    }

    /// <summary>
    /// How one person-month's coefficient is derived (section 5, the person-month explanation): the person's
    /// classification read from the store and priced with the month's N. Null when the pseudonym is not a
    /// resident of the model's municipalities.
    /// </summary>
    public PersonMonthDerivation? PersonMonth(OrganiserModel model, int year, int month, string personId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentOutOfRangeException.ThrowIfLessThan(month, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(month, 12);
        var terms = model.Capitation ?? throw new InvalidOrganiserModelException([new ScenarioError("capitation", "the model has no capitation section")]);
        using var connection = _store.Open();
        var row = Query(connection, OrganiserQueries.PersonMonth(model, year, month, personId), r => (
            Group: r.IsDBNull(0) ? (int?)null : r.GetInt32(0),
            Needs: Convert.ToInt64(r.GetValue(1), CultureInfo.InvariantCulture),
            Municipality: r.GetString(2),
            Party: r.IsDBNull(3) ? null : r.GetString(3)), cancellationToken).SingleOrDefault();
        if (row.Municipality is null)
        {
            return null;
        }

        // N of that month only: classifying the other eleven months' population would not change it (a twelfth of the work).
        var mean = Capitation(model, year, month, cancellationToken).Months[month - 1].MeanCoefficient;
        return PersonMonthDerivation.Of(terms, year, month, row.Group, row.Needs, row.Municipality, row.Party, mean);
    }

    /// <summary>The need-adjusted cost index of each provider (section 3), from the year's capitation.</summary>
    public ImmutableArray<CostIndex> CostIndex(OrganiserModel model, int year, CancellationToken cancellationToken = default) =>
        CapitationCalculator.NeedAdjustedCostIndex(Capitation(model, year, cancellationToken));

    /// <summary>The triple-aim score and bonus of each provider (section 3).</summary>
    /// <exception cref="InvalidOrganiserModelException">The model has no triple-aim section or names an unknown indicator.</exception>
    public ImmutableArray<ProviderBonus> TripleAim(OrganiserModel model, int year, CancellationToken cancellationToken = default) =>
        TripleAim(model, year, Capitation(model, year, cancellationToken), cancellationToken);

    /// <summary>The triple-aim score and bonus of each provider, with the year's capitation computed already.</summary>
    /// <exception cref="InvalidOrganiserModelException">The model has no triple-aim section or names an unknown indicator.</exception>
    public ImmutableArray<ProviderBonus> TripleAim(OrganiserModel model, int year, CapitationResult capitation, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(capitation);
        var terms = model.TripleAim ?? throw new InvalidOrganiserModelException([new ScenarioError("tripleAim", "the model has no tripleAim section")]);
        var costIndex = CapitationCalculator.NeedAdjustedCostIndex(capitation);
        var engine = new IndicatorEngine(_store) { QueryTimeout = QueryTimeout };
        var period = new ComputationPeriod(year.ToString(CultureInfo.InvariantCulture), new DateOnly(year, 1, 1), new DateOnly(year, 12, 31), new Dictionary<string, object>());
        var result = new List<ProviderBonus>();
        foreach (var provider in model.Providers)
        {
            var values = new List<ProviderIndicatorValue>();
            foreach (var indicator in terms.Aims.SelectMany(a => a.Indicators))
            {
                if (indicator.Id == CostIndexId)
                {
                    var own = costIndex.Single(c => c.Party == provider.Party);
                    values.Add(new ProviderIndicatorValue(indicator.Id, own.Value, own.N));
                    continue;
                }

                var definition = ReferenceCatalog.Get(indicator.Id);
                var computed = engine.ComputeGroup(definition, period, year, provider.Party.Value, provider.Units, cancellationToken: cancellationToken);
                values.Add(new ProviderIndicatorValue(indicator.Id, computed.Value is { } v ? (decimal)v : null, computed.N));
            }

            var yearly = capitation.Providers.Single(p => p.Party == provider.Party).Amount;
            result.Add(TripleAimBonus.Score(terms, provider.Party, year, yearly, values));
        }

        return [.. result];
    }

    /// <summary>The invoices of the member municipalities for a year (section 4).</summary>
    public InvoiceRun Invoice(OrganiserModel model, int year, CancellationToken cancellationToken = default) =>
        Invoicer.Invoice(model, InvoiceInputs(model, year, cancellationToken));

    /// <summary>The summed figures invoicing needs (costs by product and overhead, outputs, population): the run's inputs.</summary>
    public InvoiceInputs InvoiceInputs(OrganiserModel model, int year, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(model);
        var terms = model.Invoicing ?? throw new InvalidOrganiserModelException([new ScenarioError("invoicing", "the model has no invoicing section")]);
        using var connection = _store.Open();
        var byAccount = Query(connection, OrganiserQueries.LedgerByAccount(model, year), r => (
            Account: r.GetString(0), Amount: Convert.ToDecimal(r.GetValue(1), CultureInfo.InvariantCulture)), cancellationToken)
            .ToDictionary(x => x.Account, x => x.Amount, StringComparer.Ordinal);
        var costs = terms.Products.ToDictionary(p => p.Id, p => p.CostAccounts.Sum(a => byAccount.GetValueOrDefault(a)), StringComparer.Ordinal);
        var overhead = terms.OverheadAccounts.Sum(a => byAccount.GetValueOrDefault(a));
        var outputs = new SortedDictionary<string, IReadOnlyDictionary<string, long>>(StringComparer.Ordinal);
        foreach (var product in terms.Products)
        {
            outputs[product.Id] = new SortedDictionary<string, long>(Query(connection, OrganiserQueries.ProductOutputs(product, year), r => (
                Code: r.GetString(0), Quantity: Convert.ToInt64(r.GetValue(1), CultureInfo.InvariantCulture)), cancellationToken)
                .ToDictionary(x => x.Code, x => x.Quantity, StringComparer.Ordinal), StringComparer.Ordinal);
        }

        var population = Population(connection, model, year);
        return new InvoiceInputs(year, new SortedDictionary<string, decimal>(costs, StringComparer.Ordinal), overhead, outputs,
            new SortedDictionary<string, long>(population, StringComparer.Ordinal));
    }

    private Dictionary<string, long> Population(DuckDBConnection connection, OrganiserModel model, int year) =>
        model.Invoicing is null
            ? []
            : Query(connection, OrganiserQueries.Population(model, year), r => (Code: r.GetString(0), Count: Convert.ToInt64(r.GetValue(1), CultureInfo.InvariantCulture)))
                .ToDictionary(x => x.Code, x => x.Count, StringComparer.Ordinal);

    private List<T> Query<T>(DuckDBConnection connection, string sql, Func<DbDataReader, T> read, CancellationToken cancellationToken = default) =>
        SandboxedQuery.Run(connection, sql, QueryTimeout, reader =>
        {
            var rows = new List<T>();
            while (reader.Read())
            {
                rows.Add(read(reader));
            }

            return rows;
        }, cancellationToken);

    // A row of OrganiserQueries.CapitationCells: a cell, or (Cell null) the year's data gaps.
    private sealed record CapitationRow(CapitationCell? Cell, long Unclassified, long NonResidents);

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
