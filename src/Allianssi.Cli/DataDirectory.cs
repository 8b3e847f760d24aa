namespace Allianssi.Cli;

/// <summary>Where the CLI keeps its files (embedded database, analytical store, uploads).</summary>
/// <param name="Path">Full path of the directory; it need not exist yet.</param>
public sealed record DataDirectory(string Path)
{
    /// <summary>Environment variable naming the directory when <c>--data</c> is not given.</summary>
    public const string EnvironmentVariable = "ALLIANSSI_DATA";

    /// <summary>Directory name under the working directory when neither is given.</summary>
    public const string DefaultName = "allianssi-data";

    /// <summary>Resolves <c>--data</c>, then <c>ALLIANSSI_DATA</c>, then <c>./allianssi-data</c>.</summary>
    public static DataDirectory Resolve(string? option, Func<string, string?> environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        var chosen = !string.IsNullOrWhiteSpace(option) ? option
            : environment(EnvironmentVariable) is { Length: > 0 } fromEnvironment ? fromEnvironment
            : DefaultName;
        return new DataDirectory(System.IO.Path.GetFullPath(chosen));
    }
}
