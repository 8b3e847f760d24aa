using Allianssi.Application;
using Allianssi.Application.Data;
using Allianssi.Import.Reading;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Allianssi.Cli;

/// <summary>
/// The command line on the generic host: the web app's configuration sources (<c>appsettings.json</c>,
/// <c>appsettings.{Environment}.json</c>, environment, command line), its options (<see cref="AllianssiOptions"/>, read
/// once) and its registrations (<c>AddAllianssi</c>).
/// </summary>
/// <remarks>
/// The environment is named as the web app names it: <c>ASPNETCORE_ENVIRONMENT</c>, else <c>DOTNET_ENVIRONMENT</c>, else
/// <c>Production</c>; its file is read after <c>appsettings.json</c> and before the environment variables, from the
/// working directory. The verbs' own flags are the command-line source: <c>--data</c> and <c>--connection</c> over
/// <c>Allianssi:Data</c>/<c>ALLIANSSI_DATA</c> and <c>ConnectionStrings:Operational</c>. The host has no logging
/// provider, so nothing but a verb's own output reaches stdout and stderr; it is built, never started (no hosted service).
/// </remarks>
public sealed class CliHost : IDisposable
{
    private readonly IHost _host;

    private CliHost(AllianssiOptions options, IHost host)
    {
        Options = options;
        _host = host;
    }

    /// <summary>This invocation's options.</summary>
    public AllianssiOptions Options { get; }

    /// <summary>The container with the shared registrations.</summary>
    public IServiceProvider Services => _host.Services;

    /// <summary>The application's clock.</summary>
    public TimeProvider Time => Services.GetRequiredService<TimeProvider>();

    /// <summary>The operational store the options name.</summary>
    public OperationalStore Store => Services.GetRequiredService<OperationalStore>();

    /// <summary>The configuration of an invocation.</summary>
    /// <param name="flags">The command line's settings (configuration key to value; null values are left out).</param>
    /// <param name="environment">Looks an environment variable up by name (tests); null for the process environment.</param>
    /// <param name="directory">Where the appsettings files are; null for the working directory.</param>
    public static IConfiguration Configuration(IReadOnlyDictionary<string, string?> flags, Func<string, string?>? environment, string? directory = null)
    {
        ArgumentNullException.ThrowIfNull(flags);
        var builder = new ConfigurationBuilder()
            .SetBasePath(directory ?? Directory.GetCurrentDirectory())
            .AddJsonFile("appsettings.json", optional: true, reloadOnChange: false)
            .AddJsonFile($"appsettings.{EnvironmentName(environment ?? Environment.GetEnvironmentVariable)}.json", optional: true, reloadOnChange: false);
        if (environment is null)
        {
            builder.AddEnvironmentVariables();
        }
        else
        {
            builder.Add(new LookupSource(environment));
        }

        return builder.AddInMemoryCollection(flags.Where(f => f.Value is not null)).Build();
    }

    /// <summary>
    /// The host environment's name, as the web app reads it: <c>ASPNETCORE_ENVIRONMENT</c>, else <c>DOTNET_ENVIRONMENT</c>,
    /// else <c>Production</c>.
    /// </summary>
    /// <param name="environment">Looks an environment variable up by name.</param>
    public static string EnvironmentName(Func<string, string?> environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        return environment("ASPNETCORE_ENVIRONMENT") is { Length: > 0 } web ? web
            : environment("DOTNET_ENVIRONMENT") is { Length: > 0 } dotnet ? dotnet
            : Environments.Production;
    }

    /// <summary>Builds the host over options already read from <paramref name="configuration"/>.</summary>
    public static CliHost Build(IConfiguration configuration, AllianssiOptions options)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings { ContentRootPath = Directory.GetCurrentDirectory() });
        builder.Configuration.AddConfiguration(configuration);
        builder.Services.AddAllianssi(options);
        return new CliHost(options, builder.Build());
    }

    public void Dispose() => _host.Dispose();

    /// <summary>
    /// An environment given as a look-up (tests): the variables the options read, under their configuration keys
    /// (<c>__</c> as <c>:</c>), as the environment-variables source maps them.
    /// </summary>
    private sealed class LookupSource(Func<string, string?> environment) : IConfigurationSource
    {
        private static readonly string[] Variables =
        [
            AllianssiOptions.DataVariable, "Allianssi__Data", "ConnectionStrings__Operational", "Allianssi__Demo", "Allianssi__MigrateOnStart",
            "Allianssi__DemoPassword", "Allianssi__PseudonymKey", "ALLIANSSI_PSEUDONYM_KEY", "Allianssi__UploadKey", "ALLIANSSI_UPLOAD_KEY",
            AllianssiOptions.MemoryLimitVariable, AllianssiOptions.MaxTempSizeVariable, "Allianssi__Lockout__MaxFailedAttempts", "Allianssi__Lockout__Minutes",
            "Allianssi__SignInRateLimit__PermitLimit", "Allianssi__SignInRateLimit__WindowSeconds", ReaderLimits.EnvironmentVariable,
            .. ReaderLimits.Names.Select(n => "Allianssi__Import__Limits__" + n),
        ];

        public IConfigurationProvider Build(IConfigurationBuilder builder) => new Provider(environment);

        private sealed class Provider(Func<string, string?> environment) : ConfigurationProvider
        {
            public override void Load()
            {
                foreach (var name in Variables)
                {
                    if (environment(name) is { } value)
                    {
                        Data[name.Replace("__", ":", StringComparison.Ordinal)] = value;
                    }
                }
            }
        }
    }
}
