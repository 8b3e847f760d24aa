namespace Allianssi.Web.Infrastructure;

/// <summary>The web process's command line as a configuration source (the settings themselves: <c>AllianssiOptions</c>).</summary>
internal static class StartupArguments
{
    /// <summary>The configuration key the bare <c>--demo</c> switch sets.</summary>
    public const string DemoSwitch = "--demo";

    /// <summary>
    /// The arguments for the configuration, with the bare <c>--demo</c> switch written as <c>--Allianssi:Demo=true</c>:
    /// the command-line configuration provider would otherwise take it as a key whose value is the next argument
    /// (<c>--demo --urls URL</c> lost the URL, <c>--demo --Demo:Residents=0</c> the setting).
    /// </summary>
    public static string[] ConfigurationArguments(string[] args) =>
        [.. args.Select(a => string.Equals(a, DemoSwitch, StringComparison.Ordinal) ? "--Allianssi:Demo=true" : a)];
}
