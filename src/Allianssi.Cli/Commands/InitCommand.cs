using System.CommandLine;
using Allianssi.Application.Security;
using Allianssi.Application.UseCases.Setup;

namespace Allianssi.Cli.Commands;

/// <summary><c>allianssi init [--reference tesoma]</c>: creates the operational store and loads a reference configuration.</summary>
public static class InitCommand
{
    /// <summary>Builds the verb.</summary>
    public static Command Create(GlobalOptions globals)
    {
        ArgumentNullException.ThrowIfNull(globals);
        var connection = DbCommand.ConnectionOption();
        var reference = new Option<string>("--reference") { Description = "Reference configuration to load", DefaultValueFactory = _ => "tesoma" };
        reference.AcceptOnlyFromAmong("tesoma");
        var demo = new Option<bool>("--demo-data") { Description = "Also load illustrative indicator values and ledger lines" };
        var command = new Command("init", "Create the operational store (migrations) and load a reference configuration");
        command.Options.Add(connection);
        command.Options.Add(reference);
        command.Options.Add(demo);
        command.SetAction(async (parseResult, ct) =>
        {
            var store = DbCommand.Store(globals, parseResult, connection);
            await using var db = store.CreateContext();
            await new MigrateStore(db).ExecuteAsync(ct);
            var outcome = await new LoadReference(db, TimeProvider.System)
                .ExecuteAsync(parseResult.GetValue(reference)!, parseResult.GetValue(demo), Actor.System, ct);
            if (!outcome.IsOk)
            {
                parseResult.InvocationConfiguration.Error.WriteLine($"init: {outcome.Message}");
                return CliApplication.InvalidInput;
            }

            if (store.IsEmbeddedDefault)
            {
                var data = globals.DataDirectory(parseResult).Path;
                try
                {
                    _ = CliPseudonymKey.Load(data, demo: false, globals, parseResult.GetValue(connection), () => db.ImportBatches.Any(), parseResult.InvocationConfiguration.Error);
                }
                catch (InvalidOperationException e)
                {
                    // Existing data without its key: init still succeeds, but says what import will need.
                    parseResult.InvocationConfiguration.Error.WriteLine($"init: {e.Message}");
                }
            }

            parseResult.InvocationConfiguration.Output.WriteLine($"{store.Describe()}: alliance '{outcome.Value}' ready");
            return CliApplication.Success;
        });
        return command;
    }
}
