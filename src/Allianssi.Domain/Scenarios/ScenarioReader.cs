using System.Globalization;
using System.Text.Json;
using Allianssi.Domain.Contracts;
using Allianssi.Domain.Scoring;

namespace Allianssi.Domain.Scenarios;

/// <summary>
/// Reads the scenario file of commercial-model.md section 7 into a validated <see cref="Scenario"/>.
/// </summary>
/// <remarks>
/// Comments and trailing commas are allowed; fields the model does not use (<c>note</c>, <c>name</c>,
/// <c>source</c>, ...) are ignored. Reading collects every structural error (invalid JSON, missing or
/// mistyped fields) before it gives up; a structurally sound file is then validated by the
/// <see cref="Scenario"/> constructor, which again reports every broken rule. Either way the
/// <see cref="InvalidScenarioException"/> names each field by its path, e.g.
/// <c>kras[0].indicators[1].levels.2022</c>.
/// </remarks>
public static class ScenarioReader
{
    /// <summary>Reads a scenario from JSON text.</summary>
    /// <exception cref="InvalidScenarioException">The text is not a valid scenario.</exception>
    public static Scenario Read(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        using var document = JsonModelReader.Parse(json, coded: false, errors => new InvalidScenarioException(errors));
        return Read(document.RootElement);
    }

    /// <summary>Reads a scenario from a UTF-8 JSON stream (the caller owns the stream).</summary>
    /// <exception cref="InvalidScenarioException">The content is not a valid scenario.</exception>
    public static Scenario Read(Stream utf8Json)
    {
        ArgumentNullException.ThrowIfNull(utf8Json);
        using var document = JsonModelReader.Parse(utf8Json, coded: false, errors => new InvalidScenarioException(errors));
        return Read(document.RootElement);
    }

    /// <summary>Reads a scenario from a parsed JSON element.</summary>
    /// <exception cref="InvalidScenarioException">The element is not a valid scenario.</exception>
    public static Scenario Read(JsonElement root)
    {
        var reader = new Reader();
        var parts = reader.ReadRoot(root);
        if (reader.Errors.Count > 0 || parts is null)
        {
            throw new InvalidScenarioException(reader.Errors);
        }

        return parts();
    }

    private sealed class Reader() : JsonModelReader(
        coded: false,
        new KraFormat($"the key must be a calendar year such as 2022", NullYearIsNoValue: true, ZeroWeightAllowed: true, ReadsValues: true))
    {
        public Func<Scenario>? ReadRoot(JsonElement root)
        {
            if (root.ValueKind != JsonValueKind.Object)
            {
                Error("$", "the scenario must be a JSON object");
                return null;
            }

            var period = Object(root, "period", "period", ReadPeriod);
            var span = Array(root, "span", "span", (e, p) => Int(e, p));
            var parties = Array(root, "parties", "parties", ReadParty);
            var targetCosts = Array(root, "targetCosts", "targetCosts", ReadTargetCost, optional: true);
            var adjustments = Array(root, "adjustments", "adjustments", ReadAdjustment, optional: true);
            var ledger = Array(root, "ledger", "ledger", ReadLedgerEntry, optional: true);
            var includesFee = Field(root, "targetCostIncludesFee", string.Empty, Bool);
            var incentive = Object(root, "incentive", "incentive", ReadIncentive);
            var kras = Array(root, "kras", "kras", ReadKra);

            if (Errors.Count > 0)
            {
                return null;
            }

            return () => new Scenario(
                period!, span!.Select(y => y!.Value), parties!.Select(p => p!), targetCosts!.Select(t => t!),
                adjustments!.Select(a => a!), ledger!.Select(l => l!), includesFee!.Value, incentive!, kras!.Select(k => k!));
        }

        private ContractPeriod? ReadPeriod(JsonElement e, string path)
        {
            var id = Field(e, "id", path, String);
            var start = Field(e, "start", path, Date);
            var end = Field(e, "end", path, Date);
            var aggregation = Field(e, "scoreAggregation", path, Aggregation, optional: true) ?? ScoreAggregation.MonthWeightedMean;
            if (id is null || start is null || end is null)
            {
                return null;
            }

            if (start > end)
            {
                Error(path + ".end", Invariant($"end {end:yyyy-MM-dd} is before start {start:yyyy-MM-dd}"));
                return null;
            }

            return new ContractPeriod(id, new DateSpan(start.Value, end.Value), aggregation);
        }

        private Party? ReadParty(JsonElement e, string path)
        {
            if (!IsObject(e, path))
            {
                return null;
            }

            var id = Field(e, "id", path, PartyIdOf);
            var role = Field(e, "role", path, Role);
            var fee = Object(e, "fee", path + ".fee", ReadFee, optional: true);
            var gainShare = Field(e, "gainShare", path, Decimal, optional: true) ?? 0m;
            var painShare = Field(e, "painShare", path, Decimal, optional: true) ?? 0m;
            var gainCap = Field(e, "gainCap", path, Decimal, optional: true);
            var painCap = Field(e, "painCap", path, PainCapOf, optional: true);
            var incentiveShare = Field(e, "incentiveShare", path, Decimal, optional: true) ?? 0m;
            if (id is null || role is null)
            {
                return null;
            }

            return new Party(id.Value, role.Value, fee, gainShare, painShare, gainCap is { } gc ? new Money(gc) : null, painCap, incentiveShare);
        }

        private FeeTerms? ReadFee(JsonElement e, string path)
        {
            var type = Field(e, "type", path, String);
            switch (type)
            {
                case null:
                    return null;
                case "fixed":
                    var amount = Field(e, "amount", path, Decimal);
                    return amount is { } a ? new FeeTerms.Fixed(new Money(a)) : null;
                case "percentOfActual":
                    var rate = Field(e, "rate", path, Decimal);
                    return rate is { } r ? new FeeTerms.PercentOfActual(r) : null;
                default:
                    Error(path + ".type", $"must be \"fixed\" or \"percentOfActual\", is \"{type}\"");
                    return null;
            }
        }

        private PainCap? PainCapOf(JsonElement e, string path)
        {
            if (e.ValueKind == JsonValueKind.String)
            {
                if (e.GetString() == "fee")
                {
                    return new PainCap.Fee();
                }

                Error(path, "must be a number or \"fee\"");
                return null;
            }

            return Decimal(e, path) is { } limit ? new PainCap.Amount(new Money(limit)) : null;
        }

        private TargetCost? ReadTargetCost(JsonElement e, string path)
        {
            if (!IsObject(e, path))
            {
                return null;
            }

            var purchaser = Field(e, "purchaser", path, PartyIdOf);
            var year = Field(e, "year", path, Int);
            var amount = Field(e, "amount", path, Decimal);
            return purchaser is { } p && year is { } y && amount is { } a ? new TargetCost(p, y, new Money(a)) : null;
        }

        private TargetCostAdjustment? ReadAdjustment(JsonElement e, string path)
        {
            if (!IsObject(e, path))
            {
                return null;
            }

            var purchaser = Field(e, "purchaser", path, PartyIdOf);
            var year = Field(e, "year", path, Int);
            var amount = Field(e, "amount", path, Decimal);
            var reason = Field(e, "reason", path, String, optional: true) ?? string.Empty;
            var decision = Field(e, "decision", path, String, optional: true) ?? string.Empty;
            return purchaser is { } p && year is { } y && amount is { } a
                ? new TargetCostAdjustment(p, y, new Money(a), reason, decision)
                : null;
        }

        private LedgerEntry? ReadLedgerEntry(JsonElement e, string path)
        {
            if (!IsObject(e, path))
            {
                return null;
            }

            var party = Field(e, "party", path, PartyIdOf);
            var year = Field(e, "year", path, Int);
            var amount = Field(e, "amount", path, Decimal);
            var reimbursable = Field(e, "reimbursable", path, Bool, optional: true) ?? true;
            return party is { } p && year is { } y && amount is { } a ? new LedgerEntry(p, y, new Money(a), reimbursable) : null;
        }

        private IncentiveTerms? ReadIncentive(JsonElement e, string path)
        {
            var pool = Field(e, "pool", path, Decimal);
            var sanctionCap = Field(e, "sanctionCap", path, Decimal);
            return pool is { } p && sanctionCap is { } s ? new IncentiveTerms(new Money(p), new Money(s)) : null;
        }

        // ---- the scenario's own field readers (the shared ones are JsonModelReader's) ----

        private PartyId? PartyIdOf(JsonElement e, string path) => String(e, path) is { } s ? new PartyId(s) : null;

        private DateOnly? Date(JsonElement e, string path)
        {
            if (e.ValueKind == JsonValueKind.String
                && DateOnly.TryParseExact(e.GetString(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            {
                return date;
            }

            Error(path, "must be a date yyyy-MM-dd");
            return null;
        }

        private PartyRole? Role(JsonElement e, string path) => Enum(e, path, ScenarioNames.Roles);

        private ScoreAggregation? Aggregation(JsonElement e, string path) => Enum(e, path, ScenarioNames.Aggregations);

        private void Error(string path, string message) => Errors.Add(new ScenarioError(path, message));
    }
}
