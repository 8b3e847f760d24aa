using System.CommandLine;
using Allianssi.Cli.Output;
using Allianssi.Domain.Organiser;
using Allianssi.Domain.Scenarios;
using Allianssi.Application.UseCases.Indicators;
using Allianssi.Indicators.Organiser;
using Allianssi.Store;

namespace Allianssi.Cli.Commands;

/// <summary>
/// <c>allianssi capitation|triple-aim|invoice --model FILE --year Y [--json]</c>: the organiser's
/// computations (organiser-payments.md sections 2-4) over the analytical store of the data directory.
/// </summary>
/// <remarks>
/// An invalid model, or one that does not fit the data (a unit not in <c>units</c>, a member without
/// population), exits 2 with every error named by its JSON path on stderr; nothing is printed on
/// stdout unless the whole output was computed.
/// </remarks>
public static class OrganiserCommands
{
    /// <summary>The three verbs.</summary>
    public static IEnumerable<Command> Create(GlobalOptions globals)
    {
        ArgumentNullException.ThrowIfNull(globals);
        yield return Verb(globals, "capitation", "Needs-based capitation per provider and month",
            (engine, model, year) =>
            {
                var result = engine.Capitation(model, year);
                return (OrganiserJson.Capitation(result), OrganiserTables.Capitation(result));
            });
        yield return Verb(globals, "triple-aim", "The triple-aim score and bonus of each provider",
            (engine, model, year) =>
            {
                var result = engine.TripleAim(model, year);
                return (OrganiserJson.TripleAim(year, result), OrganiserTables.TripleAim(year, result));
            });
        yield return Verb(globals, "invoice", "Invoices of the member municipalities for basic services",
            (engine, model, year) =>
            {
                var run = engine.Invoice(model, year);
                return (OrganiserJson.Invoice(run), OrganiserTables.Invoice(run));
            });
    }

    private static Command Verb(GlobalOptions globals, string name, string description, Func<OrganiserEngine, OrganiserModel, int, (string Json, string Tables)> compute)
    {
        var modelOption = new Option<FileInfo>("--model") { Description = "Organiser model (JSON, organiser-payments.md section 1)", Required = true };
        var yearOption = new Option<int>("--year") { Description = "Calendar year", Required = true };
        var json = new Option<bool>("--json") { Description = "Print one JSON object instead of tables" };
        var command = new Command(name, description) { modelOption, yearOption, json };
        command.SetAction(parseResult =>
        {
            var output = parseResult.InvocationConfiguration.Output;
            var error = parseResult.InvocationConfiguration.Error;
            var file = parseResult.GetValue(modelOption)!;
            var year = parseResult.GetValue(yearOption);
            if (year is < 1900 or > 2200)
            {
                error.WriteLine($"{name}: --year must be a calendar year");
                return CliApplication.InvalidInput;
            }

            var store = globals.AnalyticalStore(parseResult);
            if (!store.Exists)
            {
                error.WriteLine($"{name}: no analytical store at {store.Path}; import data first");
                return CliApplication.InvalidInput;
            }

            string text;
            try
            {
                var model = ReadModel(file);
                var required = name switch
                {
                    "capitation" => model.Capitation is null ? "capitation" : null,
                    "triple-aim" => model.TripleAim is null ? "tripleAim" : null,
                    _ => model.Invoicing is null ? "invoicing" : null,
                };
                if (required is not null)
                {
                    throw new InvalidOrganiserModelException([new ScenarioError(required, $"the model has no {required} section")]);
                }

                var engine = new OrganiserEngine(store.Store());
                var dataErrors = engine.CheckData(model, year)
                    .Where(e => name != "capitation" || e.Path.StartsWith("providers", StringComparison.Ordinal))
                    .Where(e => name == "invoice" || !e.Path.StartsWith("invoicing", StringComparison.Ordinal))
                    .ToList();
                if (dataErrors.Count > 0)
                {
                    throw new InvalidOrganiserModelException(dataErrors);
                }

                // Render completely before writing, so that nothing is half-printed.
                var (asJson, asTables) = compute(engine, model, year);
                text = parseResult.GetValue(json) ? asJson : asTables;
            }
            catch (InvalidOrganiserModelException e)
            {
                error.WriteLine($"invalid organiser model {file.Name}:");
                foreach (var modelError in e.Errors)
                {
                    error.WriteLine($"  {modelError}");
                }

                return CliApplication.InvalidInput;
            }

            output.Write(text);
            return CliApplication.Success;
        });
        return command;
    }

    private static OrganiserModel ReadModel(FileInfo file) =>
        InputFiles.Read(file, OrganiserModelReader.Read, message => new InvalidOrganiserModelException([new ScenarioError("--model", message)]));
}
