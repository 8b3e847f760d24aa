using System.Text.Json.Nodes;
using Allianssi.Domain.Scenarios;

namespace Allianssi.UnitTests;

/// <summary>One case per validation rule; each asserts the field path the error names.</summary>
public class ScenarioValidationTests
{
    [Theory]
    [InlineData("invalid JSON", "$")]
    [InlineData("missing period", "period")]
    [InlineData("missing period start", "period.start")]
    [InlineData("bad period date", "period.end")]
    [InlineData("unknown score aggregation", "period.scoreAggregation")]
    [InlineData("span year outside period", "span[0]")]
    [InlineData("span year twice", "span[1]")]
    [InlineData("unknown role", "parties[1].role")]
    [InlineData("duplicate party id", "parties[2].id")]
    [InlineData("no purchaser", "parties")]
    [InlineData("purchaser with fee", "parties[0].fee")]
    [InlineData("purchaser with gain share", "parties[0].gainShare")]
    [InlineData("gain share above one", "parties[1].gainShare")]
    [InlineData("pain share below zero", "parties[1].painShare")]
    [InlineData("gain shares add up beyond one", "parties")]
    [InlineData("incentive shares do not add up to one", "parties")]
    [InlineData("no producer or partner to receive the incentive", "parties")]
    [InlineData("negative incentive share", "parties[2].incentiveShare")]
    [InlineData("negative gain cap", "parties[1].gainCap")]
    [InlineData("pain cap neither number nor fee", "parties[1].painCap")]
    [InlineData("negative fee rate", "parties[1].fee.rate")]
    [InlineData("unknown fee type", "parties[1].fee.type")]
    [InlineData("target cost of a non-purchaser", "targetCosts[0].purchaser")]
    [InlineData("target cost outside period", "targetCosts[1].year")]
    [InlineData("adjustment outside period", "adjustments[0].year")]
    [InlineData("non-positive target cost", "targetCosts")]
    [InlineData("ledger line of an unknown party", "ledger[3].party")]
    [InlineData("ledger line outside period", "ledger[2].year")]
    [InlineData("ledger amount not a number", "ledger[0].amount")]
    [InlineData("negative pool", "incentive.pool")]
    [InlineData("KRA weights do not add up to 100", "kras")]
    [InlineData("indicator weights do not add up to the KRA weight", "kras[1].weight")]
    [InlineData("zero indicator weight", "kras[1].indicators[2].weight")]
    [InlineData("negative KRA weight", "kras[0].weight")]
    [InlineData("non-monotone levels", "kras[1].indicators[1].levels.2022")]
    [InlineData("no levels for a span year", "kras[1].indicators[0].levels")]
    [InlineData("levels key not a year", "kras[1].indicators[0].levels.next")]
    [InlineData("unknown missing rule", "kras[0].indicators[0].missing")]
    [InlineData("duplicate indicator id", "kras[1].indicators[1].id")]
    [InlineData("missing targetCostIncludesFee", "targetCostIncludesFee")]
    public void GivenInvalidScenario_WhenRead_ThenTheErrorNamesTheField(string rule, string path)
    {
        var json = rule == "invalid JSON" ? "{ \"period\": " : Mutate(rule);

        var error = Assert.Throws<InvalidScenarioException>(() => ScenarioReader.Read(json));

        Assert.Contains(error.Errors, e => e.Path == path);
    }

    [Fact]
    public void GivenSeveralErrors_WhenRead_ThenEveryErrorIsReported()
    {
        var root = WorkedExample();
        root["ledger"]![3]!["party"] = "nobody";
        root["span"]![0] = 2030;
        root["kras"]![0]!["indicators"]![0]!["levels"]!["2022"]!["zero"] = 35;

        var error = Assert.Throws<InvalidScenarioException>(() => ScenarioReader.Read(root.ToJsonString()));

        Assert.Equal(["span[0]", "ledger[3].party", "kras[0].indicators[0].levels.2022"], error.Errors.Select(e => e.Path).ToArray());
    }

    [Fact]
    public void GivenAGainShareAboveOneAndKraWeightsOff_WhenRead_ThenEachErrorHasItsCodeItsSubjectAndTheUnchangedText()
    {
        var root = WorkedExample();
        root["parties"]![1]!["gainShare"] = 1.5m;
        var partyId = root["parties"]![1]!["id"]!.GetValue<string>();
        var kras = (JsonArray)root["kras"]!;
        var kraId = kras[0]!["id"]!.GetValue<string>();
        kras[0]!["weight"] = kras[0]!["weight"]!.GetValue<decimal>() + 5m;

        var errors = Assert.Throws<InvalidScenarioException>(() => ScenarioReader.Read(root.ToJsonString())).Errors;

        // The CLI's and API's text stays as it was; the page's wording gets the code and the party first.
        var share = Assert.Single(errors, e => e.Path == "parties[1].gainShare");
        Assert.Equal("must lie in 0..1, is 1.5", share.Message);
        Assert.Equal("scenario.gainShareRange", share.Code);
        Assert.Equal([new ScenarioSubject(ScenarioSubjectKind.Party, partyId), 1.5m], share.Arguments);
        var sum = Assert.Single(errors, e => e.Path == "kras[0].weight");
        Assert.Equal("scenario.indicatorWeightsSum", sum.Code);
        Assert.Equal(new ScenarioSubject(ScenarioSubjectKind.Kra, kraId), sum.Arguments[0]);
        Assert.Equal("scenario.kraWeightsSum", Assert.Single(errors, e => e.Path == "kras").Code);
        Assert.All(errors, e => Assert.StartsWith("scenario.", e.Code, StringComparison.Ordinal));
    }

    [Fact]
    public void GivenCommentsTrailingCommasAndUnknownFields_WhenRead_ThenTheyAreAccepted()
    {
        var json = TestData.WorkedExampleJson.Replace("\"span\": [2022],", "\"span\": [2022,], \"note\": \"ignored\", // comment\n", StringComparison.Ordinal);

        var scenario = ScenarioReader.Read(json);

        Assert.Equal([2022], scenario.Span.ToArray());
    }

    [Fact]
    public void GivenAValueWrittenAsNull_WhenRead_ThenTheYearIsMissing()
    {
        var root = WorkedExample();
        var indicator = root["kras"]![1]!["indicators"]![0]!;
        var year = ((JsonObject)indicator["values"]!).First().Key;
        indicator["values"]![year] = null;

        var scenario = ScenarioReader.Read(root.ToJsonString());

        Assert.False(scenario.Kras[1].Indicators[0].Values.ContainsKey(int.Parse(year, System.Globalization.CultureInfo.InvariantCulture)));
    }

    [Fact]
    public void GivenNoLevelsForAYearWhoseValueIsMissingAndReweighted_WhenSettled_ThenNoLevelsAreNeeded()
    {
        var root = WorkedExample();
        var indicator = root["kras"]![1]!["indicators"]![0]!;
        indicator["missing"] = "reweight";
        indicator["values"] = new JsonObject();
        indicator["levels"] = new JsonObject { ["2023"] = root["kras"]![1]!["indicators"]![1]!["levels"]!["2022"]!.DeepClone() };

        var settlement = Domain.Settlements.Settler.Settle(ScenarioReader.Read(root.ToJsonString()));

        var score = Assert.Single(settlement.Scorecard.Years).Indicators.Single(i => i.Id == indicator["id"]!.GetValue<string>());
        Assert.Null(score.Score);
        Assert.Equal(0m, score.EffectiveWeight.Percent);
    }

    [Fact]
    public void GivenEntriesInsideThePeriodButOutsideTheSpan_WhenSettled_ThenTheyAreIgnored()
    {
        var root = WorkedExample();
        ((JsonArray)root["ledger"]!).Add(new JsonObject { ["party"] = "producer", ["year"] = 2023, ["amount"] = 1_000_000m, ["reimbursable"] = true });

        var settlement = Domain.Settlements.Settler.Settle(ScenarioReader.Read(root.ToJsonString()));

        Assert.Equal(14_800_000.00m, settlement.ActualCost.Euros);
    }

    private static JsonObject WorkedExample() =>
        (JsonObject)JsonNode.Parse(TestData.WorkedExampleJson, documentOptions: new() { CommentHandling = System.Text.Json.JsonCommentHandling.Skip, AllowTrailingCommas = true })!;

    private static string Mutate(string rule)
    {
        var root = WorkedExample();
        var parties = (JsonArray)root["parties"]!;
        var producer = parties[1]!;
        var kras = (JsonArray)root["kras"]!;
        var ata2 = kras[1]!["indicators"]!;
        switch (rule)
        {
            case "missing period": root.Remove("period"); break;
            case "missing period start": root["period"]!.AsObject().Remove("start"); break;
            case "bad period date": root["period"]!["end"] = "31.12.2024"; break;
            case "unknown score aggregation": root["period"]!["scoreAggregation"] = "median"; break;
            case "span year outside period": root["span"]![0] = 2021; break;
            case "span year twice": ((JsonArray)root["span"]!).Add(2022); break;
            case "unknown role": producer["role"] = "supplier"; break;
            case "duplicate party id": parties[2]!["id"] = "producer"; break;
            case "no purchaser": parties[0]!["role"] = "partner"; break;
            case "purchaser with fee": parties[0]!["fee"] = new JsonObject { ["type"] = "percentOfActual", ["rate"] = 0.01m }; break;
            case "purchaser with gain share": parties[0]!["gainShare"] = 0.1m; break;
            case "gain share above one": producer["gainShare"] = 1.5m; break;
            case "pain share below zero": producer["painShare"] = -0.1m; break;
            case "gain shares add up beyond one": producer["gainShare"] = 0.7m; parties[2]!["gainShare"] = 0.4m; break;
            case "incentive shares do not add up to one": producer["incentiveShare"] = 0.9m; break;
            case "no producer or partner to receive the incentive": parties.RemoveAt(2); parties.RemoveAt(1); break;
            case "negative incentive share": parties[2]!["incentiveShare"] = -0.5m; producer["incentiveShare"] = 1.5m; break;
            case "negative gain cap": producer["gainCap"] = -1m; break;
            case "pain cap neither number nor fee": producer["painCap"] = "salary"; break;
            case "negative fee rate": producer["fee"]!["rate"] = -0.05m; break;
            case "unknown fee type": producer["fee"]!["type"] = "bonus"; break;
            case "target cost of a non-purchaser": root["targetCosts"]![0]!["purchaser"] = "producer"; break;
            case "target cost outside period": ((JsonArray)root["targetCosts"]!).Add(new JsonObject { ["purchaser"] = "city", ["year"] = 2025, ["amount"] = 1m }); break;
            case "adjustment outside period": root["adjustments"]![0]!["year"] = 2019; break;
            case "non-positive target cost": root["adjustments"]![0]!["amount"] = -15_842_783m; break;
            case "ledger line of an unknown party": root["ledger"]![3]!["party"] = "nobody"; break;
            case "ledger line outside period": root["ledger"]![2]!["year"] = 2021; break;
            case "ledger amount not a number": root["ledger"]![0]!["amount"] = "5000000"; break;
            case "negative pool": root["incentive"]!["pool"] = -1m; break;
            case "KRA weights do not add up to 100": kras[0]!["weight"] = 41; kras[0]!["indicators"]![0]!["weight"] = 41; break;
            case "indicator weights do not add up to the KRA weight": ata2[0]!["weight"] = 21; break;
            case "zero indicator weight": ata2[2]!["weight"] = 0; ata2[0]!["weight"] = 40; break;
            case "negative KRA weight": kras[0]!["weight"] = -40; break;
            case "non-monotone levels": ata2[1]!["levels"]!["2022"]!["zero"] = 5; break;
            case "no levels for a span year": ata2[0]!["levels"] = new JsonObject { ["2023"] = ata2[1]!["levels"]!["2022"]!.DeepClone() }; break;
            case "levels key not a year": ata2[0]!["levels"]!["next"] = ata2[1]!["levels"]!["2022"]!.DeepClone(); break;
            case "unknown missing rule": kras[0]!["indicators"]![0]!["missing"] = "interpolate"; break;
            case "duplicate indicator id": ata2[1]!["id"] = "care_plan_share"; break;
            case "missing targetCostIncludesFee": root.Remove("targetCostIncludesFee"); break;
            default: throw new ArgumentOutOfRangeException(nameof(rule), rule, "no such case");
        }

        return root.ToJsonString();
    }
}
