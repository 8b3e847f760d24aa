using System.Globalization;
using System.Text;
using System.Text.Json;
using Allianssi.Domain;
using Allianssi.Domain.Organiser;
using Allianssi.Domain.Scoring;

namespace Allianssi.Cli.Output;

/// <summary>
/// The <c>--json</c> forms of organiser-payments.md sections 2-4: amounts with two decimals,
/// coefficients, means and unit prices with ten, camelCase.
/// </summary>
public static class OrganiserJson
{
    private const int Precise = 10;

    /// <summary>The capitation of a year (section 2).</summary>
    public static string Capitation(CapitationResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return Write(w =>
        {
            w.WriteStartObject();
            w.WriteNumber("year", result.Year);
            w.WriteStartArray("months");
            foreach (var month in result.Months)
            {
                w.WriteStartObject();
                w.WriteString("month", month.Label);
                w.WriteNumber("population", month.Population);
                Fixed(w, "meanCoefficient", month.MeanCoefficient, Precise);
                w.WriteStartArray("providers");
                foreach (var p in month.Providers)
                {
                    w.WriteStartObject();
                    w.WriteString("party", p.Party.Value);
                    w.WriteNumber("listed", p.Listed);
                    Fixed(w, "coefficientSum", p.CoefficientSum, Precise);
                    Fixed(w, "amount", p.Amount.Euros, 2);
                    w.WriteEndObject();
                }

                w.WriteEndArray();
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteStartArray("providers");
            foreach (var p in result.Providers)
            {
                w.WriteStartObject();
                w.WriteString("party", p.Party.Value);
                w.WriteNumber("listedPersonMonths", p.ListedPersonMonths);
                Fixed(w, "amount", p.Amount.Euros, 2);
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteNumber("unclassified", result.Unclassified);
            w.WriteNumber("nonResidents", result.NonResidents);
            Fixed(w, "total", result.Total.Euros, 2);
            w.WriteStartArray("explanation");
            foreach (var line in result.Explanations)
            {
                w.WriteStringValue(line.Text);
            }

            w.WriteEndArray();
            w.WriteEndObject();
        });
    }

    /// <summary>The triple-aim bonus of each provider (section 3), with the cost index's figures.</summary>
    public static string TripleAim(int year, IReadOnlyList<ProviderBonus> providers)
    {
        ArgumentNullException.ThrowIfNull(providers);
        return Write(w =>
        {
            w.WriteStartObject();
            w.WriteNumber("year", year);
            w.WriteStartArray("providers");
            foreach (var p in providers)
            {
                w.WriteStartObject();
                w.WriteString("party", p.Party.Value);
                Fixed(w, "capitation", p.Capitation.Euros, 2);
                Fixed(w, "pool", p.Pool.RoundedToCents().Euros, 2);
                Exact(w, "score", p.Score?.Value);
                w.WriteStartArray("aims");
                foreach (var aim in p.Year?.Kras ?? [])
                {
                    w.WriteStartObject();
                    w.WriteString("id", aim.Id);
                    Exact(w, "score", aim.Score?.Value);
                    Exact(w, "effectiveWeight", aim.EffectiveWeight.Percent);
                    w.WriteEndObject();
                }

                w.WriteEndArray();
                w.WriteStartArray("indicators");
                foreach (var value in p.Values)
                {
                    var scored = p.Year?.Indicators.FirstOrDefault(i => i.Id == value.Id);
                    w.WriteStartObject();
                    w.WriteString("id", value.Id);
                    Fixed(w, "value", value.Value, Precise);
                    if (value.N is { } n)
                    {
                        w.WriteNumber("n", n);
                    }
                    else
                    {
                        w.WriteNull("n");
                    }

                    Exact(w, "score", scored?.Score?.Value);
                    Exact(w, "effectiveWeight", scored?.EffectiveWeight.Percent ?? 0m);
                    w.WriteString("valueSource", scored?.ValueSource switch
                    {
                        ValueSource.Measured => "measured",
                        ValueSource.CarriedForward => "carriedForward",
                        _ => "missing",
                    });
                    w.WriteEndObject();
                }

                w.WriteEndArray();
                Fixed(w, "bonus", p.Bonus.Euros, 2);
                w.WriteStartArray("explanation");
                foreach (var line in p.Explanations)
                {
                    w.WriteStringValue(line.Text);
                }

                w.WriteEndArray();
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteEndObject();
        });
    }

    /// <summary>The need-adjusted cost index per provider: <c>[{party, year, value, n}]</c>.</summary>
    public static string CostIndex(IReadOnlyList<CostIndex> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        return Write(w =>
        {
            w.WriteStartArray();
            foreach (var v in values)
            {
                w.WriteStartObject();
                w.WriteString("party", v.Party.Value);
                w.WriteNumber("year", v.Year);
                Fixed(w, "value", v.Value, Precise);
                w.WriteNumber("n", v.N);
                w.WriteString("explanation", v.Explanation);
                w.WriteEndObject();
            }

            w.WriteEndArray();
        });
    }

    /// <summary>The invoice run of a year (section 4).</summary>
    public static string Invoice(InvoiceRun run)
    {
        ArgumentNullException.ThrowIfNull(run);
        return Write(w =>
        {
            w.WriteStartObject();
            w.WriteNumber("year", run.Year);
            w.WriteStartArray("products");
            foreach (var p in run.Products)
            {
                w.WriteStartObject();
                w.WriteString("id", p.Id);
                w.WriteString("name", p.Name);
                Fixed(w, "cost", p.Cost.Euros, 2);
                w.WriteNumber("outputs", p.Outputs);
                Fixed(w, "unitPrice", p.UnitPrice, Precise);
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteStartObject("overhead");
            Fixed(w, "cost", run.OverheadCost.Euros, 2);
            w.WriteStartArray("warnings");
            foreach (var warning in run.Warnings)
            {
                w.WriteStringValue(warning);
            }

            w.WriteEndArray();
            w.WriteEndObject();
            w.WriteStartArray("members");
            foreach (var m in run.Members)
            {
                w.WriteStartObject();
                w.WriteString("municipality", m.Municipality);
                w.WriteNumber("population", m.Population);
                Lines(w, m.Lines);
                Fixed(w, "overhead", m.Overhead.Euros, 2);
                Fixed(w, "total", m.Total.Euros, 2);
                Fixed(w, "budget", m.Budget.Euros, 2);
                w.WriteStartArray("advances");
                foreach (var a in m.Advances)
                {
                    w.WriteRawValue(a.Euros.ToString("0.00", CultureInfo.InvariantCulture));
                }

                w.WriteEndArray();
                Fixed(w, "trueUp", m.TrueUp.Euros, 2);
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteStartObject("others");
            Lines(w, run.Others.Lines);
            Fixed(w, "total", run.Others.Total.Euros, 2);
            w.WriteEndObject();
            w.WriteStartObject("check");
            Fixed(w, "costs", run.CheckCosts.Euros, 2);
            Fixed(w, "invoiced", run.CheckInvoiced.Euros, 2);
            w.WriteEndObject();
            w.WriteStartArray("explanation");
            foreach (var line in run.Explanations)
            {
                w.WriteStringValue(line.Text);
            }

            w.WriteEndArray();
            w.WriteEndObject();
        });
    }

    private static void Lines(Utf8JsonWriter w, IEnumerable<InvoiceLine> lines)
    {
        w.WriteStartArray("lines");
        foreach (var l in lines)
        {
            w.WriteStartObject();
            w.WriteString("product", l.Product);
            w.WriteNumber("quantity", l.Quantity);
            Fixed(w, "unitPrice", l.UnitPrice, Precise);
            Fixed(w, "amount", l.Amount.Euros, 2);
            w.WriteEndObject();
        }

        w.WriteEndArray();
    }

    private static string Write(Action<Utf8JsonWriter> write)
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            write(w);
        }

        return Encoding.UTF8.GetString(buffer.ToArray()) + Environment.NewLine;
    }

    // A number with a fixed count of decimals, rounded half away from zero (60.43, 1.1963888889).
    private static void Fixed(Utf8JsonWriter w, string name, decimal? value, int decimals)
    {
        w.WritePropertyName(name);
        if (value is { } v)
        {
            w.WriteRawValue(Math.Round(v, decimals, MidpointRounding.AwayFromZero).ToString("0." + new string('0', decimals), CultureInfo.InvariantCulture));
        }
        else
        {
            w.WriteNullValue();
        }
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
}
