using System.CommandLine;
using Allianssi.Application.Data;
using Allianssi.Application.Security;
using Microsoft.Extensions.DependencyInjection;

namespace Allianssi.Cli.Commands;

/// <summary><c>allianssi audit verify</c>: checks the audit log's hash chain and names the first broken entry.</summary>
public static class AuditCommand
{
    /// <summary>Exit code when the chain is broken (the entry is named on stderr).</summary>
    public const int Tampered = 3;

    /// <summary>Builds the verb.</summary>
    public static Command Create(GlobalOptions globals)
    {
        ArgumentNullException.ThrowIfNull(globals);
        var connection = DbCommand.ConnectionOption();
        var verify = new Command("verify", "Check the audit log's hash chain and its head against the stored checkpoints: exit 0 when intact (a new checkpoint is recorded), 3 naming the first entry that was changed, removed or inserted, or the range cut off the end");
        verify.Options.Add(connection);
        verify.SetAction(async (parseResult, ct) =>
        {
            await using var scope = globals.Host(parseResult).Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<AllianssiDbContext>();
            var result = await AuditChain.VerifyAnchoredAsync(db, null, scope.ServiceProvider.GetRequiredService<TimeProvider>(), ct);
            var output = parseResult.InvocationConfiguration.Output;
            if (result.FirstBreak is { } broken)
            {
                parseResult.InvocationConfiguration.Error.WriteLine(
                    $"audit log broken at entry #{broken.Sequence} (row id {broken.Id}): {broken.Reason}; the {result.Entries} entries before it check out");
                return Tampered;
            }

            output.WriteLine($"audit log intact: {result.Entries} entries; last hash {result.LastHash ?? "(none)"}");
            return CliApplication.Success;
        });
        var command = new Command("audit", "Audit log");
        command.Subcommands.Add(verify);
        return command;
    }
}
