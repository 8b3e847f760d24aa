using System.Collections.Immutable;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Allianssi.Domain.Contracts;
using Allianssi.Domain.Scenarios;

namespace Allianssi.Domain.Reference;

/// <summary>
/// A reference configuration of a whole alliance (all periods, parties, target costs and the
/// scorecard, without values or ledger), from which a <see cref="Scenario"/> for any period is made.
/// </summary>
/// <remarks>
/// The Tesoma configuration (<see cref="Tesoma"/>) is embedded in this assembly. Values marked
/// "illustrative" in it are stand-ins for figures that are not public.
/// </remarks>
public sealed class ReferenceConfiguration
{
    private static readonly Lazy<ReferenceConfiguration> TesomaConfiguration = new(LoadTesoma);

    private static readonly JsonDocumentOptions DocumentOptions = new()
    {
        CommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
    };

    private readonly JsonObject _root;

    private ReferenceConfiguration(JsonObject root, string allianceId, ImmutableArray<ContractPeriod> periods)
    {
        _root = root;
        AllianceId = allianceId;
        Periods = periods;
    }

    /// <summary>The Tesoma wellness alliance (2018-2028), from shared/spec/tesoma-reference.json.</summary>
    public static ReferenceConfiguration Tesoma => TesomaConfiguration.Value;

    /// <summary>The alliance's id, e.g. <c>tesoma</c>.</summary>
    public string AllianceId { get; }

    /// <summary>The contract periods in file order.</summary>
    public ImmutableArray<ContractPeriod> Periods { get; }

    /// <summary>Parses a reference configuration (the scenario format with <c>periods</c> instead of <c>period</c>).</summary>
    /// <exception cref="InvalidScenarioException">The text is not a valid configuration.</exception>
    public static ReferenceConfiguration Parse(string json)
    {
        JsonObject root;
        try
        {
            root = JsonNode.Parse(json, documentOptions: DocumentOptions) as JsonObject
                ?? throw new InvalidScenarioException([new ScenarioError("$", "the configuration must be a JSON object")]);
        }
        catch (JsonException e)
        {
            throw new InvalidScenarioException([new ScenarioError("$", "invalid JSON: " + e.Message)]);
        }

        var errors = new List<ScenarioError>();
        var periods = new List<ContractPeriod>();
        if (root["periods"] is not JsonArray periodNodes)
        {
            throw new InvalidScenarioException([new ScenarioError("periods", "required field is missing")]);
        }

        for (var i = 0; i < periodNodes.Count; i++)
        {
            try
            {
                var node = periodNodes[i]!;
                periods.Add(new ContractPeriod(
                    (string)node["id"]!,
                    new DateSpan(DateOnly.ParseExact((string)node["start"]!, "yyyy-MM-dd", CultureInfo.InvariantCulture), DateOnly.ParseExact((string)node["end"]!, "yyyy-MM-dd", CultureInfo.InvariantCulture)),
                    (string?)node["scoreAggregation"] == "finalYear" ? ScoreAggregation.FinalYear : ScoreAggregation.MonthWeightedMean));
            }
            catch (Exception e) when (e is NullReferenceException or FormatException or InvalidOperationException or ArgumentException)
            {
                errors.Add(new ScenarioError(string.Create(CultureInfo.InvariantCulture, $"periods[{i}]"), "needs id, start and end (yyyy-MM-dd)"));
            }
        }

        if (errors.Count > 0)
        {
            throw new InvalidScenarioException(errors);
        }

        var allianceId = (string?)root["alliance"]?["id"] ?? "alliance";
        return new ReferenceConfiguration(root, allianceId, [.. periods]);
    }

    /// <summary>The period with the id.</summary>
    /// <exception cref="KeyNotFoundException">No such period.</exception>
    public ContractPeriod Period(string periodId) =>
        Periods.FirstOrDefault(p => p.Id == periodId) ?? throw new KeyNotFoundException($"no period {periodId}");

    /// <summary>
    /// A scenario for one period: parties that join after the period ends are left out, target costs
    /// and adjustments of other periods are dropped, and the given values and ledger are added.
    /// </summary>
    /// <param name="periodId">E.g. <c>P1</c>.</param>
    /// <param name="span">Years to settle; null for every year the period touches.</param>
    /// <param name="values">Indicator values by indicator id and year; null for none.</param>
    /// <param name="ledger">Open-book ledger lines; null for none.</param>
    /// <exception cref="InvalidScenarioException">The resulting scenario is invalid.</exception>
    public Scenario CreateScenario(
        string periodId,
        IEnumerable<int>? span = null,
        IReadOnlyDictionary<string, IReadOnlyDictionary<int, decimal>>? values = null,
        IEnumerable<LedgerEntry>? ledger = null)
    {
        var period = Period(periodId);
        var periodNode = ((JsonArray)_root["periods"]!).First(p => (string?)p!["id"] == periodId)!.DeepClone();
        var parties = new JsonArray();
        foreach (var party in (JsonArray?)_root["parties"] ?? [])
        {
            var from = (string?)party!["from"];
            if (from is null || DateOnly.ParseExact(from, "yyyy-MM-dd", CultureInfo.InvariantCulture) <= period.Dates.End)
            {
                parties.Add(party.DeepClone());
            }
        }

        var partyIds = parties.Select(p => (string?)p!["id"]).ToHashSet();
        JsonArray InPeriod(string name) =>
            [.. ((JsonArray?)_root[name] ?? []).Where(e => period.Covers((int)e!["year"]!) && partyIds.Contains((string?)e["purchaser"])).Select(e => e!.DeepClone())];

        var kras = (JsonArray)(_root["kras"]?.DeepClone() ?? new JsonArray());
        if (values is not null)
        {
            foreach (var indicator in kras.SelectMany(k => (JsonArray?)k!["indicators"] ?? []))
            {
                if (values.TryGetValue((string?)indicator!["id"] ?? string.Empty, out var byYear))
                {
                    indicator["values"] = new JsonObject(byYear.Select(kv =>
                        KeyValuePair.Create(kv.Key.ToString(CultureInfo.InvariantCulture), (JsonNode?)JsonValue.Create(kv.Value))));
                }
            }
        }

        var scenario = new JsonObject
        {
            ["period"] = periodNode,
            ["span"] = new JsonArray([.. (span ?? period.Dates.Years).Select(y => (JsonNode?)JsonValue.Create(y))]),
            ["parties"] = parties,
            ["targetCosts"] = InPeriod("targetCosts"),
            ["adjustments"] = InPeriod("adjustments"),
            ["ledger"] = new JsonArray([.. (ledger ?? []).Select(l => (JsonNode?)new JsonObject
            {
                ["party"] = l.Party.Value,
                ["year"] = l.Year,
                ["amount"] = l.Amount.Euros,
                ["reimbursable"] = l.Reimbursable,
            })]),
            ["targetCostIncludesFee"] = _root["targetCostIncludesFee"]?.DeepClone(),
            ["incentive"] = _root["incentive"]?.DeepClone(),
            ["kras"] = kras,
        };
        return ScenarioReader.Read(scenario.ToJsonString());
    }

    private static ReferenceConfiguration LoadTesoma()
    {
        using var stream = typeof(ReferenceConfiguration).Assembly.GetManifestResourceStream("Allianssi.Domain.Reference.tesoma-reference.json")
            ?? throw new InvalidOperationException("embedded tesoma-reference.json is missing");
        using var reader = new StreamReader(stream);
        return Parse(reader.ReadToEnd());
    }
}
