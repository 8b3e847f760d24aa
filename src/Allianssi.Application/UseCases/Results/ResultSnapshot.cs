using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Allianssi.Application.Data;
using Allianssi.Application.UseCases.Common;
using Allianssi.Application.UseCases.Scoring;
using Microsoft.EntityFrameworkCore;

namespace Allianssi.Application.UseCases.Results;

/// <summary>The snapshot of a result as approved: its canonical JSON and the SHA-256 of that JSON.</summary>
/// <param name="Json">Canonical JSON: object keys sorted (ordinal), decimals without trailing zeros, no whitespace.</param>
/// <param name="Hash">Lowercase hex SHA-256 of the UTF-8 bytes of <paramref name="Json"/>.</param>
/// <param name="Settlement">The settlement it holds.</param>
/// <param name="Parties">The parties whose approval the result needs.</param>
internal sealed record ResultSnapshot(string Json, string Hash, SettlementView Settlement, IReadOnlyList<string> Parties)
{
    /// <summary>The format name written into every snapshot.</summary>
    public const string Format = "allianssi-result-snapshot/1";

    /// <summary>The inputs of a snapshot that the scorecard and the settlement do not carry: the period's parameters and computed results.</summary>
    internal sealed record Inputs(IReadOnlyList<(string Name, decimal Value)> Parameters, IReadOnlyList<ComputedInput> Computed);

    /// <summary>Reads the period parameters and the alliance unit's computed results (definition versions, parameters and the batches read).</summary>
    public static async Task<Inputs> InputsAsync(AllianssiDbContext db, int allianceId, string periodCode, CancellationToken ct)
    {
        var parameters = await db.PeriodParameters.Where(p => p.Period!.AllianceId == allianceId && p.Period.Code == periodCode)
            .OrderBy(p => p.Name).Select(p => new { p.Name, p.Value }).ToListAsync(ct);
        var computed = await db.IndicatorResults.Where(r => r.AllianceId == allianceId && r.IsAllianceUnit && r.Period == periodCode)
            .OrderBy(r => r.IndicatorId).ThenBy(r => r.Year)
            .Select(r => new ComputedInput(r.IndicatorId, r.Year, r.DefinitionVersion, r.ParametersJson, r.BatchIdsJson, r.N)).ToListAsync(ct);
        return new Inputs(parameters.Select(p => (p.Name, p.Value)).ToList(), computed);
    }

    /// <summary>A computed result that may feed the scorecard (a hand-entered value for the year wins).</summary>
    internal sealed record ComputedInput(string Indicator, int Year, int Version, string Parameters, string BatchIds, long? N);

    /// <summary>
    /// The snapshot of a period (or one of its years): the inputs (batch ids, target costs, adjustments,
    /// ledger lines, scored indicator values with their sources), the definitions (weights, missing
    /// rules, reference levels, period parameters, party terms), the scorecard of every year of the
    /// settlement's span (<paramref name="scorecardOf"/>) and the settlement. Invalid when the scope
    /// cannot be settled. The views must have been computed in the invariant culture.
    /// </summary>
    public static Outcome<ResultSnapshot> Of(AllianceData data, string periodCode, int? year, Outcome<SettlementView> settlement, Func<int, Outcome<ScorecardView>> scorecardOf, Inputs inputs)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(settlement);
        ArgumentNullException.ThrowIfNull(scorecardOf);
        ArgumentNullException.ThrowIfNull(inputs);
        var (parameters, computed) = (inputs.Parameters, inputs.Computed);
        if (!settlement.IsOk)
        {
            return settlement.Errors.Count > 0 ? settlement.Relay<ResultSnapshot>() : Outcome<ResultSnapshot>.Invalid("period", settlement.Message ?? "");
        }

        var period = data.Period(periodCode)!;
        var span = settlement.Value!.Span;
        var years = span.ToHashSet();
        var scorecards = new List<ScorecardView>();
        foreach (var y in span)
        {
            var card = scorecardOf(y);
            if (card.IsOk)
            {
                scorecards.Add(card.Value! with { Explanation = [] });
            }
        }

        var parties = data.Alliance.Parties.Where(p => p.From is null || p.From <= period.Dates.End).OrderBy(p => p.Id).ToList();
        var indicators = data.Alliance.KeyResultAreas.SelectMany(k => k.Indicators).ToDictionary(i => i.Id);
        var values = data.Values.Where(v => years.Contains(v.Year)).OrderBy(v => indicators[v.IndicatorId].Code).ThenBy(v => v.Year).ToList();
        var document = new
        {
            format = Format,
            alliance = data.Alliance.Code,
            period = period.Code,
            year,
            span,
            inputs = new
            {
                // Every import batch a computed result read, and the sources of the scored values.
                batches = computed.Where(c => years.Contains(c.Year))
                    .SelectMany(c => (JsonNode.Parse(c.BatchIds) as JsonArray ?? []).Select(b => b?.ToJsonString() ?? "null"))
                    .Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList(),
                valueSources = values.Select(v => v.Source).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList(),
                computedResults = computed.Where(c => years.Contains(c.Year)).Select(c => new
                {
                    indicator = c.Indicator,
                    year = c.Year,
                    definitionVersion = c.Version,
                    parameters = JsonNode.Parse(c.Parameters),
                    batchIds = JsonNode.Parse(c.BatchIds),
                }),
                targetCosts = data.TargetCosts.Where(t => years.Contains(t.Year)).OrderBy(t => t.Year).ThenBy(t => t.PartyId)
                    .Select(t => new { purchaser = data.PartyCode(t.PartyId), t.Year, amount = t.Amount.Euros }),
                adjustments = data.Adjustments.Where(a => years.Contains(a.Year)).OrderBy(a => a.Id)
                    .Select(a => new { a.Id, purchaser = data.PartyCode(a.PartyId), a.Year, amount = a.Amount.Euros, a.Decision }),
                ledger = data.Ledger.Where(l => years.Contains(l.Year)).OrderBy(l => l.Id)
                    .Select(l => new { l.Id, party = data.PartyCode(l.PartyId), l.Year, l.Account, amount = l.Amount.Euros, l.Reimbursable }),
                indicatorValues = values.Select(v => new { indicator = indicators[v.IndicatorId].Code, unit = v.Unit, v.Year, v.Value, v.Source }),
            },
            definitions = new
            {
                scoreAggregation = Alliances.Text.Aggregation(period.ScoreAggregation),
                periodStart = period.Dates.Start,
                periodEnd = period.Dates.End,
                parameters = parameters.Select(p => new { name = p.Name, value = p.Value }),
                incentivePool = data.Alliance.IncentivePool.Euros,
                sanctionCap = data.Alliance.SanctionCap.Euros,
                targetCostIncludesFee = data.Alliance.TargetCostIncludesFee,
                keyResultAreas = data.Alliance.KeyResultAreas.OrderBy(k => k.SortOrder).Select(k => new
                {
                    k.Code,
                    weight = k.Weight.Percent,
                    indicators = k.Indicators.OrderBy(i => i.SortOrder).Select(i => new
                    {
                        i.Code,
                        weight = i.Weight.Percent,
                        missing = Alliances.Text.Missing(i.Missing),
                        levels = i.Levels.OrderBy(l => l.Year).Select(l => new { l.Year, l.Levels.Minus100, l.Levels.Zero, l.Levels.Plus100 }),
                    }),
                }),
                parties = parties.Select(p => new
                {
                    p.Code,
                    role = Alliances.Text.Role(p.Role),
                    p.From,
                    fee = Alliances.Text.Fee(p),
                    p.GainShare,
                    p.PainShare,
                    gainCap = p.GainCap?.Euros,
                    painCap = p.PainCap?.Euros,
                    p.PainCapIsFee,
                    p.IncentiveShare,
                }),
            },
            scorecards,
            settlement = settlement.Value with { Explanation = [] },
        };
        var json = Canonicalise(JsonSerializer.SerializeToNode(document, SnapshotJson.Options));
        return Outcome<ResultSnapshot>.Ok(new ResultSnapshot(json, HashOf(json), settlement.Value, parties.Select(p => p.Code).ToList()));
    }

    /// <summary>Lowercase hex SHA-256 of the UTF-8 bytes of a text.</summary>
    public static string HashOf(string json) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(json)));

    /// <summary>Writes a JSON tree canonically: keys sorted by ordinal, numbers as normalised decimals, no whitespace.</summary>
    internal static string Canonicalise(JsonNode? node)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            Write(writer, node);
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static void Write(Utf8JsonWriter writer, JsonNode? node)
    {
        switch (node)
        {
            case null:
                writer.WriteNullValue();
                break;
            case JsonObject o:
                writer.WriteStartObject();
                foreach (var (key, value) in o.OrderBy(p => p.Key, StringComparer.Ordinal))
                {
                    writer.WritePropertyName(key);
                    Write(writer, value);
                }

                writer.WriteEndObject();
                break;
            case JsonArray a:
                writer.WriteStartArray();
                foreach (var item in a)
                {
                    Write(writer, item);
                }

                writer.WriteEndArray();
                break;
            case JsonValue v when v.GetValueKind() == JsonValueKind.Number:
                var d = decimal.Parse(v.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture);
                writer.WriteRawValue(d.ToString("0.############################", CultureInfo.InvariantCulture), skipInputValidation: true);
                break;
            default:
                node.WriteTo(writer);
                break;
        }
    }
}

/// <summary>The serializer options of snapshots (camelCase names, as the API).</summary>
internal static class SnapshotJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web);
}
