using System.Globalization;
using Allianssi.Domain;
using Allianssi.Domain.Settlements;
using Spectre.Console;

namespace Allianssi.Cli.Output;

/// <summary>The readable form of a settlement: Spectre.Console tables, rendered to a string.</summary>
public static class SettlementTables
{
    /// <summary>Renders the settlement; <paramref name="banner"/> (if any) is shown first, boxed.</summary>
    public static string Render(Settlement settlement, string? banner = null)
    {
        ArgumentNullException.ThrowIfNull(settlement);
        return CliText.Tables(140, console =>
        {
            if (banner is not null)
            {
                console.Write(new Panel(Markup.Escape(banner)) { Header = new PanelHeader("ILLUSTRATIVE DATA") });
            }

            console.Write(new Rule(Markup.Escape($"Settlement of period {settlement.PeriodId}, span {string.Join(", ", settlement.Span)}")));
            foreach (var year in settlement.Scorecard.Years)
            {
                var table = new Table { Title = new TableTitle(Markup.Escape($"Scores {year.Year} ({year.MonthWeight} months): overall {year.OverallScore}")) };
                table.AddColumns("KRA", "Indicator", "Value", "Source", "Score", "Effective weight");
                foreach (var kra in year.Kras)
                {
                    table.AddRow(Markup.Escape(kra.Id), string.Empty, string.Empty, string.Empty, kra.Score?.ToString() ?? "-", Weight(kra.EffectiveWeight.Percent));
                    foreach (var indicator in year.Indicators.Where(i => i.KraId == kra.Id))
                    {
                        table.AddRow(
                            string.Empty,
                            Markup.Escape(indicator.Id),
                            indicator.Value is { } v ? Numbers.Format(v) : "-",
                            indicator.ValueSource switch
                            {
                                Domain.Scoring.ValueSource.Measured => "measured",
                                Domain.Scoring.ValueSource.CarriedForward => $"carried from {indicator.ValueYear}",
                                _ => "missing (" + Domain.Scenarios.ScenarioNames.Name(indicator.MissingRule) + ")",
                            },
                            indicator.Score?.ToString() ?? "dropped",
                            Weight(indicator.EffectiveWeight.Percent));
                    }
                }

                console.Write(table);
            }

            console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Period score S = {settlement.PeriodScore}"));

            var totals = new Table { Title = new TableTitle("Money (EUR, VAT excluded)") };
            totals.AddColumns("Figure", "Amount");
            totals.Columns[1].RightAligned();
            totals.AddRow("Target cost (TAK)", settlement.TargetCost.ToString());
            totals.AddRow("Actual cost (AC)", settlement.ActualCost.ToString());
            totals.AddRow("Fees", settlement.FeeTotal.ToString());
            totals.AddRow("Cost result (D)", settlement.CostResult.ToString());
            totals.AddRow("Incentive (B)", settlement.Incentive.ToString());
            console.Write(totals);

            var parties = new Table { Title = new TableTitle("Per party") };
            parties.AddColumns("Party", "Role", "Actual cost", "Non-reimbursable", "Fee", "Share", "Incentive", "Compensation", "Payment");
            for (var i = 2; i < 9; i++)
            {
                parties.Columns[i].RightAligned();
            }

            foreach (var p in settlement.Parties)
            {
                parties.AddRow(
                    Markup.Escape(p.Id.Value), Domain.Scenarios.ScenarioNames.Name(p.Role), p.ActualCost.ToString(), p.NonReimbursable.ToString(),
                    p.Fee.ToString(), p.Share.ToString(), p.Incentive.ToString(),
                    p.Compensation?.ToString() ?? "-", p.Payment?.ToString() ?? "-");
            }

            console.Write(parties);
            console.Write(new Rule("Explanation"));
            foreach (var line in settlement.Explanations)
            {
                console.WriteLine(line.Text);
            }
        });
    }

    private static string Weight(decimal percent) =>
        Math.Round(percent, 4, MidpointRounding.AwayFromZero).ToString("0.####", CultureInfo.InvariantCulture);
}
