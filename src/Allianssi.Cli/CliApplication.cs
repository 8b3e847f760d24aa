using System.CommandLine;
using Allianssi.Application;
using Allianssi.Cli.Commands;
using Allianssi.Store;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

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
        var (root, globals) = Build(environment);
        var parseResult = root.Parse(args);
        if (parseResult.Errors.Count > 0)
        {
            foreach (var parseError in parseResult.Errors)
            {
                error.WriteLine(parseError.Message);
            }

            return InvalidInput;
        }

        try
        {
            // A verb (not help) reads the options before it runs: an invalid setting stops it naming the key.
            if (parseResult.Action is not null && ReferenceEquals(parseResult.Action, parseResult.CommandResult.Command.Action))
            {
                _ = globals.Options(parseResult);
            }

            return parseResult.Invoke(new InvocationConfiguration { Output = output, Error = error });
        }
        catch (OptionsValidationException e)
        {
            foreach (var failure in e.Failures)
            {
                error.WriteLine($"{parseResult.CommandResult.Command.Name}: {failure}");
            }

            return InvalidInput;
        }
        finally
        {
            globals.Dispose();
        }
    }

    /// <summary>The root command with every verb and the global options.</summary>
    /// <param name="environment">Environment lookup; null for the process environment.</param>
    public static RootCommand BuildRoot(Func<string, string?>? environment) => Build(environment).Root;

    private static (RootCommand Root, GlobalOptions Globals) Build(Func<string, string?>? environment)
    {
        var data = new Option<string?>("--data")
        {
            Description = $"Data directory (default: Allianssi__Data or ${AllianssiOptions.DataVariable}, else ./{AllianssiOptions.DefaultDataFolder})",
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
        return (root, globals);
    }
}

/// <summary>
/// The options every command sees, and how they resolve: one configuration, one <see cref="AllianssiOptions"/> and, for
/// the verbs that use the stores, one <see cref="CliHost"/> per invocation.
/// </summary>
/// <param name="data">The recursive <c>--data</c> option.</param>
/// <param name="environment">Environment lookup; null for the process environment.</param>
public sealed class GlobalOptions(Option<string?> data, Func<string, string?>? environment) : IDisposable
{
    private IConfiguration? _configuration;
    private AllianssiOptions? _options;
    private CliHost? _host;

    /// <summary>The recursive <c>--data</c> option.</summary>
    public Option<string?> Data { get; } = data;

    /// <summary>The options of this invocation: the configuration under the verb's <c>--data</c> and <c>--connection</c>.</summary>
    /// <exception cref="OptionsValidationException">An invalid setting, named by its key.</exception>
    public AllianssiOptions Options(ParseResult parseResult)
    {
        ArgumentNullException.ThrowIfNull(parseResult);
        if (_options is null)
        {
            var options = AllianssiOptions.Read(Configuration(parseResult));
            AllianssiOptionsValidator.ThrowIfInvalid(options);
            _options = options;
        }

        return _options;
    }

    /// <summary>The configuration of this invocation (appsettings, environment, then the verb's flags).</summary>
    public IConfiguration Configuration(ParseResult parseResult)
    {
        ArgumentNullException.ThrowIfNull(parseResult);
        return _configuration ??= CliHost.Configuration(new Dictionary<string, string?>
        {
            ["data"] = parseResult.GetValue(Data) is { Length: > 0 } folder ? folder : null,
            [AllianssiOptions.ConnectionSetting] = ConnectionFlag(parseResult),
        }, environment);
    }

    /// <summary>The host with the shared registrations (the operational store, the analytical store, the use cases).</summary>
    public CliHost Host(ParseResult parseResult) => _host ??= CliHost.Build(Configuration(parseResult), Options(parseResult));

    /// <summary>The data directory for this invocation.</summary>
    public DataDirectory DataDirectory(ParseResult parseResult) => new(Options(parseResult).DataDirectory);

    /// <summary>
    /// The analytical store of this invocation with the options' memory limit and spill cap (the same location the host
    /// registers; the verbs that only read the store need no host).
    /// </summary>
    public AnalyticalStoreLocation AnalyticalStore(ParseResult parseResult) => Options(parseResult).AnalyticalLocation();

    public void Dispose() => _host?.Dispose();

    /// <summary>The verb's <c>--connection</c>, when it has one and it was given.</summary>
    private static string? ConnectionFlag(ParseResult parseResult) =>
        parseResult.CommandResult.Command.Options.OfType<Option<string?>>().FirstOrDefault(o => o.Name == "--connection") is { } option
            && parseResult.GetValue(option) is { Length: > 0 } connection ? connection : null;
}
