using System.CommandLine;
using Allianssi.Application.Data;
using Allianssi.Application.UseCases.Setup;
using Microsoft.Extensions.DependencyInjection;

namespace Allianssi.Cli.Commands;

/// <summary><c>allianssi db migrate</c>: applies the operational store's pending migrations.</summary>
public static class DbCommand
{
    /// <summary>Environment variable with the operational store's connection string (as ASP.NET Core reads it).</summary>
    public const string ConnectionVariable = "ConnectionStrings__Operational";

    /// <summary>Builds the verb.</summary>
    public static Command Create(GlobalOptions globals)
    {
        ArgumentNullException.ThrowIfNull(globals);
        var connection = ConnectionOption();
        var migrate = new Command("migrate", "Apply the pending migrations of the operational store (SQLite under --data, or PostgreSQL by connection string)");
        migrate.Options.Add(connection);
        migrate.SetAction(async (parseResult, ct) =>
        {
            var store = Store(globals, parseResult);
            await using var scope = globals.Host(parseResult).Services.CreateAsyncScope();
            var applied = await scope.ServiceProvider.GetRequiredService<MigrateStore>().ExecuteAsync(ct);
            var output = parseResult.InvocationConfiguration.Output;
            output.WriteLine(applied.Count == 0
                ? $"{store.Describe()}: up to date"
                : $"{store.Describe()}: applied {string.Join(", ", applied)}");
            return CliApplication.Success;
        });
        var command = new Command("db", "Operational store");
        command.Subcommands.Add(migrate);
        return command;
    }

    /// <summary>The <c>--connection</c> option shared by the store verbs.</summary>
    internal static Option<string?> ConnectionOption() =>
        new("--connection") { Description = $"Connection string of the operational store (default: ${ConnectionVariable}, else SQLite <data>/{OperationalStore.EmbeddedFileName})" };

    /// <summary>The operational store of the invocation: the verb's <c>--connection</c>, else the configuration's, else the embedded file.</summary>
    internal static OperationalStore Store(GlobalOptions globals, ParseResult parseResult) => globals.Host(parseResult).Store;
}
