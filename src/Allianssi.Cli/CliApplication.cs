using System.CommandLine;
using Allianssi.Cli.Commands;

namespace Allianssi.Cli;

/// <summary>The <c>allianssi</c> command line: verbs, global options and exit codes.</summary>
/// <remarks>
/// Exit codes: 0 success, 2 invalid input (command line, scenario file, validation), 1 unexpected
/// failure. Output is computed completely before anything is written, so a failure never leaves
/// half a report on stdout.
/// </remarks>
public static class CliApplication
{
    /// <summary>Exit code for success.</summary>
    public const int Success = 0;

    /// <summary>Exit code for invalid input: the message on stderr names the field(s).</summary>
    public const int InvalidInput = 2;

    /// <summary>Runs the command line with the given writers (tests pass string writers).</summary>
    /// <param name="args">Arguments without the program name.</param>
    /// <param name="output">Standard output.</param>
    /// <param name="error">Standard error.</param>
    /// <param name="environment">Environment lookup; null for the process environment.</param>
    public static int Run(string[] args, TextWriter output, TextWriter error, Func<string, string?>? environment = null)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        var root = BuildRoot(environment ?? Environment.GetEnvironmentVariable);
        var parseResult = root.Parse(args);
        if (parseResult.Errors.Count > 0)
        {
            foreach (var parseError in parseResult.Errors)
            {
                error.WriteLine(parseError.Message);
            }

            return InvalidInput;
        }

        return parseResult.Invoke(new InvocationConfiguration { Output = output, Error = error });
    }

    /// <summary>The root command with every verb and the global options.</summary>
    public static RootCommand BuildRoot(Func<string, string?> environment)
    {
        var data = new Option<string?>("--data")
        {
            Description = $"Data directory (default: ${DataDirectory.EnvironmentVariable}, else ./{DataDirectory.DefaultName})",
            Recursive = true,
        };
        var root = new RootCommand("Allianssi: scorecards and settlements of a results-based health and social services alliance.");
        root.Options.Add(data);
        var globals = new GlobalOptions(data, environment);
        root.Subcommands.Add(SettleCommand.Create(globals));
        root.Subcommands.Add(GenerateCommand.Create());
        root.Subcommands.Add(ComputeCommand.Create(globals));
        root.Subcommands.Add(DbCommand.Create(globals));
        root.Subcommands.Add(AuditCommand.Create(globals));
        root.Subcommands.Add(InitCommand.Create(globals));
        root.Subcommands.Add(ImportCommand.Create(globals));
        root.Subcommands.Add(ImportCommand.CreateStore(globals));
        foreach (var organiser in OrganiserCommands.Create(globals))
        {
            root.Subcommands.Add(organiser);
        }
        root.Subcommands.Add(ReportCommand.Create(globals));
        return root;
    }
}

/// <summary>The options every command sees, and how they resolve.</summary>
/// <param name="Data">The recursive <c>--data</c> option.</param>
/// <param name="Environment">Environment lookup.</param>
public sealed record GlobalOptions(Option<string?> Data, Func<string, string?> Environment)
{
    /// <summary>The data directory for this invocation.</summary>
    public DataDirectory DataDirectory(ParseResult parseResult)
    {
        ArgumentNullException.ThrowIfNull(parseResult);
        return Cli.DataDirectory.Resolve(parseResult.GetValue(Data), Environment);
    }
}
