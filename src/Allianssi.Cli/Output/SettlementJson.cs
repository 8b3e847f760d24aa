using System.Globalization;
using System.Text;
using System.Text.Json;
using Allianssi.Domain;
using Allianssi.Domain.Contracts;
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
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            w.WriteStartObject();
            w.WriteStartArray("years");
            foreach (var year in settlement.Scorecard.Years)
            {
                WriteYear(w, year);
            }

            w.WriteEndArray();
            Exact(w, "periodScore", settlement.PeriodScore.Value);
            Amount(w, "targetCost", settlement.TargetCost);
            Amount(w, "actualCost", settlement.ActualCost);
            Amount(w, "feeTotal", settlement.FeeTotal);
            Amount(w, "costResult", settlement.CostResult);
            Amount(w, "incentive", settlement.Incentive);
            w.WriteStartArray("parties");
            foreach (var party in settlement.Parties)
            {
                w.WriteStartObject();
                w.WriteString("id", party.Id.Value);
                w.WriteString("role", ScenarioNames.Name(party.Role));
                Amount(w, "actualCost", party.ActualCost);
                Amount(w, "nonReimbursable", party.NonReimbursable);
                Amount(w, "fee", party.Fee);
                Amount(w, "share", party.Share);
                Amount(w, "incentive", party.Incentive);
                Amount(w, "compensation", party.Compensation);
                Amount(w, "payment", party.Payment);
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteStartArray("explanation");
            foreach (var line in settlement.Explanations)
            {
                w.WriteStringValue(line.Text);
            }

            w.WriteEndArray();
            w.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray()) + Environment.NewLine;
    }

    private static void WriteYear(Utf8JsonWriter w, YearScore year)
    {
        w.WriteStartObject();
        w.WriteNumber("year", year.Year);
        Exact(w, "overallScore", year.OverallScore.Value);
        w.WriteStartArray("kras");
        foreach (var kra in year.Kras)
        {
            w.WriteStartObject();
            w.WriteString("id", kra.Id);
            Exact(w, "score", kra.Score?.Value);
            Exact(w, "effectiveWeight", kra.EffectiveWeight.Percent);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteStartArray("indicators");
        foreach (var indicator in year.Indicators)
        {
            w.WriteStartObject();
            w.WriteString("id", indicator.Id);
            Exact(w, "value", indicator.Value);
            Exact(w, "score", indicator.Score?.Value);
            Exact(w, "effectiveWeight", indicator.EffectiveWeight.Percent);
            w.WriteString("valueSource", Source(indicator.ValueSource));
            w.WriteString("missingRule", ScenarioNames.Name(indicator.MissingRule));
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteEndObject();
    }

    private static void Exact(Utf8JsonWriter w, string name, decimal? value)
    {
        if (value is { } v)
        {
            w.WriteNumber(name, Numbers.Normalize(v));
        }
        else
        {
            w.WriteNull(name);
        }
    }

    private static void Amount(Utf8JsonWriter w, string name, Money? amount)
    {
        w.WritePropertyName(name);
        if (amount is { } a)
        {
            w.WriteRawValue(a.RoundedToCents().Euros.ToString("0.00", CultureInfo.InvariantCulture));
        }
        else
        {
            w.WriteNullValue();
        }
    }

    private static string Source(ValueSource source) => source switch
    {
        ValueSource.Measured => "measured",
        ValueSource.CarriedForward => "carriedForward",
        _ => "missing",
    };
}
