using System.Globalization;
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
        return CliText.Json(w =>
        {
            w.WriteStartObject();
            w.WriteNumber("year", result.Year);
            w.Objects("months", result.Months, month =>
            {
                w.WriteString("month", month.Label);
                w.WriteNumber("population", month.Population);
                w.Fixed("meanCoefficient", month.MeanCoefficient, Precise);
                w.Objects("providers", month.Providers, p =>
                {
                    w.WriteString("party", p.Party.Value);
                    w.WriteNumber("listed", p.Listed);
                    w.Fixed("coefficientSum", p.CoefficientSum, Precise);
                    w.Fixed("amount", p.Amount.Euros, 2);
                });
            });
            w.Objects("providers", result.Providers, p =>
            {
                w.WriteString("party", p.Party.Value);
                w.WriteNumber("listedPersonMonths", p.ListedPersonMonths);
                w.Fixed("amount", p.Amount.Euros, 2);
            });
            w.WriteNumber("unclassified", result.Unclassified);
            w.WriteNumber("nonResidents", result.NonResidents);
            w.Fixed("total", result.Total.Euros, 2);
            w.Explanation(result.Explanations);
            w.WriteEndObject();
        });
    }

    /// <summary>The triple-aim bonus of each provider (section 3), with the cost index's figures.</summary>
    public static string TripleAim(int year, IReadOnlyList<ProviderBonus> providers)
    {
        ArgumentNullException.ThrowIfNull(providers);
        return CliText.Json(w =>
        {
            w.WriteStartObject();
            w.WriteNumber("year", year);
            w.Objects("providers", providers, p =>
            {
                w.WriteString("party", p.Party.Value);
                w.Fixed("capitation", p.Capitation.Euros, 2);
                w.Fixed("pool", p.Pool.RoundedToCents().Euros, 2);
                w.Exact("score", p.Score?.Value);
                w.Objects("aims", p.Year?.Kras ?? [], aim =>
                {
                    w.WriteString("id", aim.Id);
                    w.Exact("score", aim.Score?.Value);
                    w.Exact("effectiveWeight", aim.EffectiveWeight.Percent);
                });
                w.Objects("indicators", p.Values, value =>
                {
                    var scored = p.Year?.Indicators.FirstOrDefault(i => i.Id == value.Id);
                    w.WriteString("id", value.Id);
                    w.Fixed("value", value.Value, Precise);
                    if (value.N is { } n)
                    {
                        w.WriteNumber("n", n);
                    }
                    else
                    {
                        w.WriteNull("n");
                    }

                    w.Exact("score", scored?.Score?.Value);
                    w.Exact("effectiveWeight", scored?.EffectiveWeight.Percent ?? 0m);
                    w.WriteString("valueSource", CliText.SourceName(scored?.ValueSource));
                });
                w.Fixed("bonus", p.Bonus.Euros, 2);
                w.Explanation(p.Explanations);
            });
            w.WriteEndObject();
        });
    }

    /// <summary>The need-adjusted cost index per provider: <c>[{party, year, value, n}]</c>.</summary>
    public static string CostIndex(IReadOnlyList<CostIndex> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        return CliText.Json(w =>
        {
            w.WriteStartArray();
            foreach (var v in values)
            {
                w.WriteStartObject();
                w.WriteString("party", v.Party.Value);
                w.WriteNumber("year", v.Year);
                w.Fixed("value", v.Value, Precise);
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
        return CliText.Json(w =>
        {
            w.WriteStartObject();
            w.WriteNumber("year", run.Year);
            w.Objects("products", run.Products, p =>
            {
                w.WriteString("id", p.Id);
                w.WriteString("name", p.Name);
                w.Fixed("cost", p.Cost.Euros, 2);
                w.WriteNumber("outputs", p.Outputs);
                w.Fixed("unitPrice", p.UnitPrice, Precise);
            });
            w.WriteStartObject("overhead");
            w.Fixed("cost", run.OverheadCost.Euros, 2);
            w.WriteStartArray("warnings");
            foreach (var warning in run.Warnings)
            {
                w.WriteStringValue(warning);
            }

            w.WriteEndArray();
            w.WriteEndObject();
            w.Objects("members", run.Members, m =>
            {
                w.WriteString("municipality", m.Municipality);
                w.WriteNumber("population", m.Population);
                Lines(w, m.Lines);
                w.Fixed("overhead", m.Overhead.Euros, 2);
                w.Fixed("total", m.Total.Euros, 2);
                w.Fixed("budget", m.Budget.Euros, 2);
                w.WriteStartArray("advances");
                foreach (var a in m.Advances)
                {
                    w.WriteRawValue(a.Euros.ToString("0.00", CultureInfo.InvariantCulture));
                }

                w.WriteEndArray();
                w.Fixed("trueUp", m.TrueUp.Euros, 2);
            });
            w.WriteStartObject("others");
            Lines(w, run.Others.Lines);
            w.Fixed("total", run.Others.Total.Euros, 2);
            w.WriteEndObject();
            w.WriteStartObject("check");
            w.Fixed("costs", run.CheckCosts.Euros, 2);
            w.Fixed("invoiced", run.CheckInvoiced.Euros, 2);
            w.WriteEndObject();
            w.Explanation(run.Explanations);
            w.WriteEndObject();
        });
    }

    private static void Lines(Utf8JsonWriter w, IEnumerable<InvoiceLine> lines) => w.Objects("lines", lines, l =>
    {
        w.WriteString("product", l.Product);
        w.WriteNumber("quantity", l.Quantity);
        w.Fixed("unitPrice", l.UnitPrice, Precise);
        w.Fixed("amount", l.Amount.Euros, 2);
    });
}
