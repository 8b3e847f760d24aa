using System.CommandLine;
using Allianssi.Application.Data;
using Allianssi.Application.Security;
using Allianssi.Application.UseCases.Setup;
using Microsoft.Extensions.DependencyInjection;

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
        var command = new Command("init", "Create the operational store (migrations) and load a reference configuration")
        {
            connection,
            reference,
            demo,
        };
        command.SetAction(async (parseResult, ct) =>
        {
            var host = globals.Host(parseResult);
            var store = host.Store;
            await using var scope = host.Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<AllianssiDbContext>();
            await scope.ServiceProvider.GetRequiredService<MigrateStore>().ExecuteAsync(ct);
            var outcome = await scope.ServiceProvider.GetRequiredService<LoadReference>()
                .ExecuteAsync(parseResult.GetValue(reference)!, parseResult.GetValue(demo), Actor.System, ct);
            if (!outcome.IsOk)
            {
                parseResult.InvocationConfiguration.Error.WriteLine($"init: {outcome.Message}");
                return CliApplication.InvalidInput;
            }

            if (store.IsEmbeddedDefault)
            {
                try
                {
                    _ = CliPseudonymKey.Load(host.Options, demo: false, () => db.ImportBatches.Any(), parseResult.InvocationConfiguration.Error);
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
