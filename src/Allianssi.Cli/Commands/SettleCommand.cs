using System.CommandLine;
using Allianssi.Cli.Output;
using Allianssi.Domain.Reference;
using Allianssi.Domain.Scenarios;
using Allianssi.Domain.Settlements;

namespace Allianssi.Cli.Commands;

/// <summary><c>allianssi settle</c>: settles a scenario file, or the built-in Tesoma example, without a database.</summary>
public static class SettleCommand
{
    /// <summary>Builds the verb.</summary>
    public static Command Create(GlobalOptions globals)
    {
        ArgumentNullException.ThrowIfNull(globals);
        var scenario = new Option<FileInfo?>("--scenario") { Description = "Scenario file (JSON, commercial-model.md section 7)" };
        var example = new Option<string?>("--example") { Description = "Built-in example instead of a file: tesoma (P1 with illustrative values)" };
        example.AcceptOnlyFromAmong("tesoma");
        var json = new Option<bool>("--json") { Description = "Print one JSON object instead of tables" };
        var command = new Command("settle", "Score the span and settle the money of a scenario") { scenario, example, json };
        command.SetAction(parseResult =>
        {
            var output = parseResult.InvocationConfiguration.Output;
            var error = parseResult.InvocationConfiguration.Error;
            _ = globals.DataDirectory(parseResult);
            var file = parseResult.GetValue(scenario);
            var exampleName = parseResult.GetValue(example);
            var asJson = parseResult.GetValue(json);
            if ((file is null) == (exampleName is null))
            {
                error.WriteLine("settle: give either --scenario FILE or --example tesoma");
                return CliApplication.InvalidInput;
            }

            Settlement settlement;
            try
            {
                var model = file is not null ? ReadFile(file) : TesomaIllustration.P1();
                settlement = Settler.Settle(model);
            }
            catch (InvalidScenarioException e)
            {
                error.WriteLine(file is null ? "invalid example:" : $"invalid scenario {file.Name}:");
                foreach (var scenarioError in e.Errors)
                {
                    error.WriteLine($"  {scenarioError}");
                }

                return CliApplication.InvalidInput;
            }

            // Render completely before writing, so that nothing is half-printed.
            var banner = exampleName is null ? null : TesomaIllustration.Banner;
            var text = asJson ? SettlementJson.Write(settlement) : SettlementTables.Render(settlement, banner);
            if (asJson && banner is not null)
            {
                error.WriteLine(banner);
            }

            output.Write(text);
            return CliApplication.Success;
        });
        return command;
    }

    private static Scenario ReadFile(FileInfo file) =>
        InputFiles.Read(file, ScenarioReader.Read, message => new InvalidScenarioException([new ScenarioError("--scenario", message)]));
}
