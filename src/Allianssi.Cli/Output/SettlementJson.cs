using Allianssi.Domain.Scenarios;
using Allianssi.Domain.Scoring;
using Allianssi.Domain.Settlements;

namespace Allianssi.Cli.Output;

/// <summary>
/// The <c>--json</c> form of a settlement (commercial-model.md section 7): amounts as numbers with
/// two decimals, scores and weights at full precision, camelCase.
/// </summary>
public static class SettlementJson
{
    /// <summary>The settlement as one indented JSON object followed by a newline.</summary>
    public static string Write(Settlement settlement)
    {
        ArgumentNullException.ThrowIfNull(settlement);
        return CliText.Json(w =>
        {
            w.WriteStartObject();
            w.Objects("years", settlement.Scorecard.Years, year => WriteYear(w, year));
            w.Exact("periodScore", settlement.PeriodScore.Value);
            w.Euros("targetCost", settlement.TargetCost);
            w.Euros("actualCost", settlement.ActualCost);
            w.Euros("feeTotal", settlement.FeeTotal);
            w.Euros("costResult", settlement.CostResult);
            w.Euros("incentive", settlement.Incentive);
            w.Objects("parties", settlement.Parties, party =>
            {
                w.WriteString("id", party.Id.Value);
                w.WriteString("role", ScenarioNames.Name(party.Role));
                w.Euros("actualCost", party.ActualCost);
                w.Euros("nonReimbursable", party.NonReimbursable);
                w.Euros("fee", party.Fee);
                w.Euros("share", party.Share);
                w.Euros("incentive", party.Incentive);
                w.Euros("compensation", party.Compensation);
                w.Euros("payment", party.Payment);
            });
            w.Explanation(settlement.Explanations);
            w.WriteEndObject();
        });
    }

    private static void WriteYear(System.Text.Json.Utf8JsonWriter w, YearScore year)
    {
        w.WriteNumber("year", year.Year);
        w.Exact("overallScore", year.OverallScore.Value);
        w.Objects("kras", year.Kras, kra =>
        {
            w.WriteString("id", kra.Id);
            w.Exact("score", kra.Score?.Value);
            w.Exact("effectiveWeight", kra.EffectiveWeight.Percent);
        });
        w.Objects("indicators", year.Indicators, indicator =>
        {
            w.WriteString("id", indicator.Id);
            w.Exact("value", indicator.Value);
            w.Exact("score", indicator.Score?.Value);
            w.Exact("effectiveWeight", indicator.EffectiveWeight.Percent);
            w.WriteString("valueSource", CliText.SourceName(indicator.ValueSource));
            w.WriteString("missingRule", ScenarioNames.Name(indicator.MissingRule));
        });
    }
}
