namespace Allianssi.Web.Infrastructure;

/// <summary>How the web process was started: data folder, demo mode, migrations on start.</summary>
internal sealed record StartupOptions(string DataDirectory, bool Demo, bool MigrateOnStart, string? DemoPassword)
{
    /// <summary>
    /// Reads <c>--data</c> / <c>Allianssi:Data</c> / <c>ALLIANSSI_DATA</c> (as Program.cs does, so the start-up check of
    /// the key files looks in the folder the app uses), <c>--demo</c> / <c>Allianssi:Demo</c>. Demo mode is the
    /// embedded default: no <c>ConnectionStrings:Operational</c> configured.
    /// </summary>
    public static StartupOptions From(IConfiguration configuration, string[] args, bool embeddedDefault, bool sqlite)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var data = configuration["data"] ?? configuration["Allianssi:Data"] ?? Environment.GetEnvironmentVariable("ALLIANSSI_DATA") ?? "allianssi-data";
        var demo = args.Contains("--demo") || configuration.GetValue<bool>("Allianssi:Demo") || embeddedDefault;
        var migrate = configuration.GetValue<bool?>("Allianssi:MigrateOnStart") ?? sqlite;
        return new StartupOptions(data, demo, migrate, configuration["Allianssi:DemoPassword"]);
    }

    /// <summary>
    /// The arguments for the configuration: without the bare <c>--demo</c> switch, which the command-line
    /// configuration provider would otherwise take as a key whose value is the next argument
    /// (<c>--demo --urls URL</c> lost the URL, <c>--demo --Demo:Residents=0</c> the setting).
    /// </summary>
    public static string[] ConfigurationArguments(string[] args) => [.. args.Where(a => !string.Equals(a, "--demo", StringComparison.Ordinal))];
}
