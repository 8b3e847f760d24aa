using System.Collections.Concurrent;
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
/// The one loader of the configuration files: the embedded ones (<see cref="Names"/>, e.g. Tesoma)
/// are read and parsed once per process (<see cref="Named"/>) and every reader takes what it needs
/// from this object: the scenarios, the periods and their parameters, the parties, and the document
/// itself for the operational store's entities. Values marked "illustrative" in it are stand-ins for
/// figures that are not public.
/// </remarks>
public sealed class ReferenceConfiguration
{
    private static readonly ConcurrentDictionary<string, Lazy<ReferenceConfiguration>> Embedded = new(StringComparer.Ordinal);

    private static readonly JsonDocumentOptions DocumentOptions = new()
    {
        CommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
    };

    private ReferenceConfiguration(JsonElement json, string allianceId, ImmutableArray<ContractPeriod> periods)
    {
        Json = json;
        AllianceId = allianceId;
        Periods = periods;
        PartyIds = [.. (json.TryGetProperty("parties", out var parties) && parties.ValueKind == JsonValueKind.Array ? parties.EnumerateArray() : default)
            .Select(p => p.TryGetProperty("id", out var id) ? id.GetString() ?? string.Empty : string.Empty)];
    }

    /// <summary>The configurations embedded in this assembly, by name.</summary>
    public static IReadOnlyList<string> Names { get; } = ["tesoma"];

    /// <summary>The Tesoma wellness alliance (2018-2028), from shared/spec/tesoma-reference.json.</summary>
    public static ReferenceConfiguration Tesoma => Named("tesoma");

    /// <summary>The parsed document (read-only), for a reader that builds its own records from the whole configuration.</summary>
    public JsonElement Json { get; }

    /// <summary>The ids of the parties in file order, e.g. <c>tampere</c>.</summary>
    public ImmutableArray<string> PartyIds { get; }

    /// <summary>The alliance's id, e.g. <c>tesoma</c>.</summary>
    public string AllianceId { get; }

    /// <summary>The contract periods in file order.</summary>
    public ImmutableArray<ContractPeriod> Periods { get; }

    /// <summary>Parses a reference configuration (the scenario format with <c>periods</c> instead of <c>period</c>).</summary>
    /// <exception cref="InvalidScenarioException">The text is not a valid configuration.</exception>
    public static ReferenceConfiguration Parse(string json)
    {
        JsonElement document;
        try
        {
            using var parsed = JsonDocument.Parse(json, DocumentOptions);
            document = parsed.RootElement.Clone();
        }
        catch (JsonException e)
        {
            throw new InvalidScenarioException([new ScenarioError("$", "invalid JSON: " + e.Message)]);
        }

        var root = document.ValueKind == JsonValueKind.Object
            ? JsonObject.Create(document)!
            : throw new InvalidScenarioException([new ScenarioError("$", "the configuration must be a JSON object")]);
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
                var aggregation = ScoreAggregation.MonthWeightedMean;
                if (node["scoreAggregation"] is { } named && !ScenarioNames.Aggregations.TryParse((string?)named, out aggregation))
                {
                    errors.Add(new ScenarioError(string.Create(CultureInfo.InvariantCulture, $"periods[{i}].scoreAggregation"), "must be one of " + ScenarioNames.Aggregations.Listed));
                    continue;
                }

                periods.Add(new ContractPeriod(
                    (string)node["id"]!,
                    new DateSpan(DateOnly.ParseExact((string)node["start"]!, "yyyy-MM-dd", CultureInfo.InvariantCulture), DateOnly.ParseExact((string)node["end"]!, "yyyy-MM-dd", CultureInfo.InvariantCulture)),
                    aggregation));
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
        return new ReferenceConfiguration(document, allianceId, [.. periods]);
    }

    /// <summary>An embedded configuration by name (see <see cref="Names"/>), read and parsed once per process.</summary>
    /// <exception cref="ArgumentException">No embedded configuration has the name.</exception>
    public static ReferenceConfiguration Named(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (!Names.Contains(name, StringComparer.Ordinal))
        {
            throw new ArgumentException($"No reference configuration named '{name}'; known: {string.Join(", ", Names)}.", nameof(name));
        }

        return Embedded.GetOrAdd(name, n => new Lazy<ReferenceConfiguration>(() => Load(n))).Value;
    }

    /// <summary>
    /// The named parameters of a period (e.g. <c>hba1cMax</c>) as written in the configuration's
    /// <c>parameters</c> object; empty when the period has none.
    /// </summary>
    public IReadOnlyDictionary<string, JsonElement> ParametersOf(string periodId)
    {
        var result = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        if (Json.TryGetProperty("parameters", out var all) && all.ValueKind == JsonValueKind.Object
            && all.TryGetProperty(periodId, out var own) && own.ValueKind == JsonValueKind.Object)
        {
            foreach (var parameter in own.EnumerateObject())
            {
                result[parameter.Name] = parameter.Value;
            }
        }

        return result;
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
        // A fresh node tree over the immutable document per call: callers may build scenarios in parallel.
        var root = JsonObject.Create(Json)!;
        var periodNode = ((JsonArray)root["periods"]!).First(p => (string?)p!["id"] == periodId)!.DeepClone();
        var parties = new JsonArray();
        foreach (var party in (JsonArray?)root["parties"] ?? [])
        {
            var from = (string?)party!["from"];
            if (from is null || DateOnly.ParseExact(from, "yyyy-MM-dd", CultureInfo.InvariantCulture) <= period.Dates.End)
            {
                parties.Add(party.DeepClone());
            }
        }

        var partyIds = parties.Select(p => (string?)p!["id"]).ToHashSet();
        JsonArray InPeriod(string name) =>
            [.. ((JsonArray?)root[name] ?? []).Where(e => period.Covers((int)e!["year"]!) && partyIds.Contains((string?)e["purchaser"])).Select(e => e!.DeepClone())];

        var kras = (JsonArray)(root["kras"]?.DeepClone() ?? new JsonArray());
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
            ["targetCostIncludesFee"] = root["targetCostIncludesFee"]?.DeepClone(),
            ["incentive"] = root["incentive"]?.DeepClone(),
            ["kras"] = kras,
        };
        return ScenarioReader.Read(scenario.ToJsonString());
    }

    private static ReferenceConfiguration Load(string name)
    {
        using var stream = typeof(ReferenceConfiguration).Assembly.GetManifestResourceStream($"Allianssi.Domain.Reference.{name}-reference.json")
            ?? throw new InvalidOperationException($"embedded {name}-reference.json is missing");
        using var reader = new StreamReader(stream);
        return Parse(reader.ReadToEnd());
    }
}
