using System.Globalization;
using Allianssi.Domain;
using Allianssi.Domain.Organiser;
using Allianssi.Domain.Scoring;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace Allianssi.Cli.Output;

/// <summary>The readable forms of capitation, the triple-aim bonus and invoices: Spectre.Console tables rendered to a string.</summary>
public static class OrganiserTables
{
    /// <summary>Capitation per month and provider, the yearly sums and the data gaps.</summary>
    public static string Capitation(CapitationResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return Render(console =>
        {
            console.Write(new Rule(Markup.Escape($"Capitation {result.Year} (EUR)")));
            var months = new Table();
            months.AddColumns("Month", "Population", "Mean coefficient N");
            foreach (var p in result.Providers)
            {
                months.AddColumn(new TableColumn(Markup.Escape($"{p.Party}: listed / sum c' / amount")).RightAligned());
            }

            foreach (var month in result.Months)
            {
                var cells = new List<IRenderable>
                {
                    new Text(month.Label), new Text(month.Population.ToString(CultureInfo.InvariantCulture)),
                    new Text(month.MeanCoefficient is { } n ? Fixed(n, 6) : "-"),
                };
                cells.AddRange(month.Providers.Select(p => new Text($"{p.Listed} / {Fixed(p.CoefficientSum, 6)} / {p.Amount}")));
                months.AddRow(cells);
            }

            console.Write(months);
            var years = new Table();
            years.AddColumns("Provider", "Listed person-months", "Amount");
            foreach (var p in result.Providers)
            {
                years.AddRow(Markup.Escape(p.Party.Value), p.ListedPersonMonths.ToString(CultureInfo.InvariantCulture), p.Amount.ToString());
            }

            years.AddRow("total", string.Empty, result.Total.ToString());
            console.Write(years);
            console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Unclassified persons: {result.Unclassified}; non-residents listed: {result.NonResidents}"));
        });
    }

    /// <summary>Each provider's aims, indicators, score, pool and bonus with the explanation lines.</summary>
    public static string TripleAim(int year, IReadOnlyList<ProviderBonus> providers)
    {
        ArgumentNullException.ThrowIfNull(providers);
        return Render(console =>
        {
            console.Write(new Rule(Markup.Escape($"Triple-aim bonus {year}")));
            foreach (var p in providers)
            {
                var table = new Table { Title = new TableTitle(Markup.Escape($"{p.Party}: capitation {p.Capitation}, pool {p.Pool.RoundedToCents()}, score {(p.Score?.ToString() ?? "-")}, bonus {p.Bonus}")) };
                table.AddColumns("Aim", "Indicator", "Value", "n", "Source", "Score", "Effective weight");
                foreach (var aim in p.Year?.Kras ?? [])
                {
                    table.AddRow(Markup.Escape(aim.Id), string.Empty, string.Empty, string.Empty, string.Empty, aim.Score?.ToString() ?? "-", Numbers.Format(Math.Round(aim.EffectiveWeight.Percent, 4)));
                    foreach (var indicator in p.Year!.Indicators.Where(i => i.KraId == aim.Id))
                    {
                        var value = p.Values.FirstOrDefault(v => v.Id == indicator.Id);
                        table.AddRow(
                            string.Empty,
                            Markup.Escape(indicator.Id),
                            indicator.Value is { } v ? Fixed(v, 4) : "-",
                            value?.N?.ToString(CultureInfo.InvariantCulture) ?? "-",
                            indicator.ValueSource == ValueSource.Measured ? "measured" : "missing (" + Domain.Scenarios.ScenarioNames.Name(indicator.MissingRule) + ")",
                            indicator.Score?.ToString() ?? "dropped",
                            Numbers.Format(Math.Round(indicator.EffectiveWeight.Percent, 4)));
                    }
                }

                console.Write(table);
                foreach (var line in p.Explanations)
                {
                    console.WriteLine("  " + line.Text);
                }
            }
        });
    }

    /// <summary>The price list, each member's invoice, others, advances and the check.</summary>
    public static string Invoice(InvoiceRun run)
    {
        ArgumentNullException.ThrowIfNull(run);
        return Render(console =>
        {
            console.Write(new Rule(Markup.Escape($"Invoices of member municipalities {run.Year} (EUR)")));
            var prices = new Table { Title = new TableTitle("Price list") };
            prices.AddColumns("Product", "Name", "Cost", "Outputs", "Unit price");
            foreach (var p in run.Products)
            {
                prices.AddRow(Markup.Escape(p.Id), Markup.Escape(p.Name), p.Cost.ToString(), p.Outputs.ToString(CultureInfo.InvariantCulture), p.UnitPrice is { } u ? Fixed(u, 6) : "no price");
            }

            prices.AddRow("overhead", string.Empty, run.OverheadCost.ToString(), string.Empty, string.Empty);
            console.Write(prices);
            foreach (var warning in run.Warnings)
            {
                console.WriteLine("warning: " + warning);
            }

            foreach (var m in run.Members)
            {
                var table = new Table { Title = new TableTitle(Markup.Escape($"Member {m.Municipality} (population {m.Population})")) };
                table.AddColumns("Line", "Quantity", "Unit price", "Amount");
                foreach (var l in m.Lines)
                {
                    table.AddRow(Markup.Escape(l.Product), l.Quantity.ToString(CultureInfo.InvariantCulture), Fixed(l.UnitPrice, 6), l.Amount.ToString());
                }

                table.AddRow("overhead", string.Empty, string.Empty, m.Overhead.ToString());
                table.AddRow("total", string.Empty, string.Empty, m.Total.ToString());
                table.AddRow("budget", string.Empty, string.Empty, m.Budget.ToString());
                table.AddRow("advances", string.Empty, string.Empty, $"11 x {m.Advances[0]} + {m.Advances[11]}");
                table.AddRow(m.TrueUp.Euros >= 0m ? "true-up (additional invoice)" : "true-up (credit note)", string.Empty, string.Empty, m.TrueUp.ToString());
                console.Write(table);
            }

            var others = new Table { Title = new TableTitle("Others (non-members, persons not in persons)") };
            others.AddColumns("Line", "Quantity", "Unit price", "Amount");
            foreach (var l in run.Others.Lines)
            {
                others.AddRow(Markup.Escape(l.Product), l.Quantity.ToString(CultureInfo.InvariantCulture), Fixed(l.UnitPrice, 6), l.Amount.ToString());
            }

            others.AddRow("total", string.Empty, string.Empty, run.Others.Total.ToString());
            console.Write(others);
            console.WriteLine($"Check: costs {run.CheckCosts}, invoiced {run.CheckInvoiced}");
        });
    }

    private static string Render(Action<IAnsiConsole> write) => CliText.Tables(160, write);

    private static string Fixed(decimal value, int decimals) => CliText.Fixed(value, decimals);
}
