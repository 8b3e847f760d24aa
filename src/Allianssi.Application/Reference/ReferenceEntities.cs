using System.Globalization;
using System.Text.Json;
using Allianssi.Application.Data.Entities;
using Allianssi.Domain;
using Allianssi.Domain.Reference;
using Allianssi.Domain.Scenarios;
using ReferenceLevels = Allianssi.Domain.Scoring.ReferenceLevels;
using MissingRule = Allianssi.Domain.Scoring.MissingRule;

namespace Allianssi.Application.Reference;

/// <summary>
/// Makes new operational-store entities of a reference configuration (the scenario-file format of
/// commercial-model.md with periods, parties, target costs, adjustments, KRAs and parameters), from
/// the document <see cref="ReferenceConfiguration"/> has read once.
/// </summary>
public static class ReferenceEntities
{
    /// <summary>Builds the alliance with all its configuration, not yet added to a context.</summary>
    public static ReferenceData Build(ReferenceConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var root = configuration.Json;
        var a = root.GetProperty("alliance");
        var incentive = root.GetProperty("incentive");
        var alliance = new Alliance
        {
            Code = a.GetProperty("id").GetString()!,
            Name = a.GetProperty("name").GetString()!,
            Dates = new DateSpan(Date(a, "start"), Date(a, "end")),
            Residents = a.TryGetProperty("residents", out var r) ? r.GetInt32() : null,
            TargetCostIncludesFee = root.GetProperty("targetCostIncludesFee").GetBoolean(),
            IncentivePool = new Money(incentive.GetProperty("pool").GetDecimal()),
            SanctionCap = new Money(incentive.GetProperty("sanctionCap").GetDecimal()),
            ScoredUnit = a.GetProperty("id").GetString()!,
        };
        if (a.TryGetProperty("publicFundingCeiling", out var ceiling))
        {
            alliance.PublicFundingCeiling = new Money(ceiling.GetProperty("amount").GetDecimal());
            alliance.PublicFundingFrom = Date(ceiling, "start");
            alliance.PublicFundingTo = Date(ceiling, "end");
        }

        var notes = root.GetProperty("periods").EnumerateArray()
            .Select(p => p.TryGetProperty("note", out var n) ? n.GetString() : null).ToList();
        foreach (var (p, note) in configuration.Periods.Zip(notes))
        {
            var period = new Period
            {
                Code = p.Id,
                Dates = p.Dates,
                ScoreAggregation = p.Aggregation,
                Note = note,
            };
            foreach (var (name, value) in configuration.ParametersOf(p.Id))
            {
                period.Parameters.Add(new PeriodParameter { Name = name, Value = value.GetDecimal() });
            }

            alliance.Periods.Add(period);
        }

        foreach (var p in root.GetProperty("parties").EnumerateArray())
        {
            alliance.Parties.Add(ReadParty(p));
        }

        Party PartyOf(string code) => alliance.Parties.Single(p => p.Code == code);

        var targetCosts = root.GetProperty("targetCosts").EnumerateArray().Select(t => new TargetCost
        {
            Party = PartyOf(t.GetProperty("purchaser").GetString()!),
            Year = t.GetProperty("year").GetInt32(),
            Amount = new Money(t.GetProperty("amount").GetDecimal()),
            Note = t.TryGetProperty("note", out var n) ? n.GetString() : null,
        }).ToList();

        var adjustments = root.GetProperty("adjustments").EnumerateArray().Select(t => new TargetCostAdjustment
        {
            Party = PartyOf(t.GetProperty("purchaser").GetString()!),
            Year = t.GetProperty("year").GetInt32(),
            Amount = new Money(t.GetProperty("amount").GetDecimal()),
            Reason = t.GetProperty("reason").GetString()!,
            Decision = t.GetProperty("decision").GetString()!,
            RecordedBy = "reference",
        }).ToList();

        var order = 0;
        foreach (var k in root.GetProperty("kras").EnumerateArray())
        {
            var name = k.GetProperty("name");
            var kra = new KeyResultArea
            {
                Code = k.GetProperty("id").GetString()!,
                NameFi = name.GetProperty("fi").GetString()!,
                NameEn = name.GetProperty("en").GetString()!,
                Weight = new Weight(k.GetProperty("weight").GetDecimal()),
                SortOrder = order++,
            };
            var indicatorOrder = 0;
            foreach (var i in k.GetProperty("indicators").EnumerateArray())
            {
                var indicator = new Indicator
                {
                    Code = i.GetProperty("id").GetString()!,
                    Weight = new Weight(i.GetProperty("weight").GetDecimal()),
                    Missing = ParseMissing(i.TryGetProperty("missing", out var m) ? m.GetString() : null),
                    Source = i.TryGetProperty("source", out var s) ? s.GetString() : null,
                    SortOrder = indicatorOrder++,
                };
                foreach (var level in i.GetProperty("levels").EnumerateObject())
                {
                    indicator.Levels.Add(new IndicatorLevel
                    {
                        Year = int.Parse(level.Name, CultureInfo.InvariantCulture),
                        Levels = new ReferenceLevels(
                            level.Value.GetProperty("minus100").GetDecimal(),
                            level.Value.GetProperty("zero").GetDecimal(),
                            level.Value.GetProperty("plus100").GetDecimal()),
                    });
                }

                kra.Indicators.Add(indicator);
            }

            alliance.KeyResultAreas.Add(kra);
        }

        return new ReferenceData(alliance, targetCosts, adjustments);
    }

    /// <summary>Parses a missing-value rule as written in scenario files (<c>carryForward</c>, ...).</summary>
    public static MissingRule ParseMissing(string? text) =>
        text is null ? MissingRule.Reweight : Named(ScenarioNames.MissingRules, text, "missing");

    private static T Named<T>(EnumNames<T> names, string? text, string field)
        where T : struct, Enum =>
        names.TryParse(text, out var value)
            ? value
            : throw new FormatException($"{field}: '{text}' is not one of {names.Listed}.");

    private static Party ReadParty(JsonElement p)
    {
        var party = new Party
        {
            Code = p.GetProperty("id").GetString()!,
            Name = p.GetProperty("name").GetString()!,
            Role = Named(ScenarioNames.Roles, p.GetProperty("role").GetString(), "role"),
            From = p.TryGetProperty("from", out _) ? Date(p, "from") : null,
            GainShare = Decimal(p, "gainShare") ?? 0m,
            PainShare = Decimal(p, "painShare") ?? 0m,
            GainCap = Decimal(p, "gainCap") is { } gainCap ? new Money(gainCap) : null,
            IncentiveShare = Decimal(p, "incentiveShare") ?? 0m,
        };
        if (p.TryGetProperty("fee", out var fee) && fee.ValueKind == JsonValueKind.Object)
        {
            if (fee.GetProperty("type").GetString() == "fixed")
            {
                party.FeeType = FeeType.Fixed;
                party.FeeAmount = new Money(fee.GetProperty("amount").GetDecimal());
            }
            else
            {
                party.FeeType = FeeType.PercentOfActual;
                party.FeeRate = fee.GetProperty("rate").GetDecimal();
            }
        }

        if (p.TryGetProperty("painCap", out var cap))
        {
            if (cap.ValueKind == JsonValueKind.String && cap.GetString() == "fee")
            {
                party.PainCapIsFee = true;
            }
            else if (cap.ValueKind == JsonValueKind.Number)
            {
                party.PainCap = new Money(cap.GetDecimal());
            }
        }

        return party;
    }

    private static DateOnly Date(JsonElement e, string name) =>
        DateOnly.ParseExact(e.GetProperty(name).GetString()!, "yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static decimal? Decimal(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number ? v.GetDecimal() : null;
}

/// <summary>A reference alliance with the rows that hang off its parties.</summary>
public sealed record ReferenceData(
    Alliance Alliance,
    IReadOnlyList<TargetCost> TargetCosts,
    IReadOnlyList<TargetCostAdjustment> Adjustments);
