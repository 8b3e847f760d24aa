using Allianssi.Import.Identity;
using Allianssi.Store;

namespace Allianssi.Cli;

/// <summary>
/// The pseudonymisation key of a CLI invocation: <c>ALLIANSSI_PSEUDONYM_KEY</c>, else
/// <c>&lt;data&gt;/pseudonym.key</c>; on the embedded default with nothing imported yet, a new key
/// is generated into that file (mode 0600 on Unix) and a one-line notice goes to stderr.
/// </summary>
/// <remarks>
/// A key is never generated for existing data (imported rows were pseudonymised with a key that
/// is now missing: a new one would silently split every person in two) nor for a server
/// configuration (the key belongs in its secret store); both keep the clear error.
/// </remarks>
internal static class CliPseudonymKey
{
    /// <summary>Loads or, when allowed, generates the key.</summary>
    /// <param name="data">The data directory.</param>
    /// <param name="demo">The explicit <c>--demo</c> flag: generate whenever absent.</param>
    /// <param name="globals">For the environment.</param>
    /// <param name="connection">The <c>--connection</c> option's value, if the verb has one.</param>
    /// <param name="hasImportedBatch">Whether the operational store records an imported batch.</param>
    /// <param name="error">Where the notice goes.</param>
    public static byte[] Load(string data, bool demo, GlobalOptions globals, string? connection, Func<bool> hasImportedBatch, TextWriter error)
    {
        var configured = globals.Environment(PseudonymKey.EnvironmentVariable);
        var path = Path.Combine(data, PseudonymKey.FileName);
        if (!string.IsNullOrWhiteSpace(configured) || File.Exists(path))
        {
            return PseudonymKey.Load(data, demoMode: false, configured);
        }

        var embedded = string.IsNullOrWhiteSpace(connection) && string.IsNullOrWhiteSpace(globals.Environment(Commands.DbCommand.ConnectionVariable));
        var generate = demo || (embedded && !StoreHasRows(data) && !hasImportedBatch());
        var key = PseudonymKey.Load(data, generate, configured);
        error.WriteLine($"note: generated a new pseudonymisation key in {path}; keep it with the data (later imports need the same key)");
        return key;
    }

    /// <summary>
    /// Loads the retained uploads' key (<see cref="SecretKey.Upload"/>) or, on the embedded default or with
    /// <c>--demo</c>, generates <c>&lt;data&gt;/upload.key</c> with a one-line notice; a server configuration
    /// (a connection string) without the key keeps the clear error naming the setting.
    /// </summary>
    public static byte[] LoadUploadKey(string data, bool demo, GlobalOptions globals, string? connection, TextWriter error)
    {
        if (SecretKey.Upload.IsConfigured(data, globals.Environment))
        {
            return SecretKey.Upload.Load(data, demoMode: false, globals.Environment);
        }

        var embedded = string.IsNullOrWhiteSpace(connection) && string.IsNullOrWhiteSpace(globals.Environment(Commands.DbCommand.ConnectionVariable));
        var key = SecretKey.Upload.Load(data, demo || embedded, globals.Environment);
        error.WriteLine($"note: generated a new upload encryption key in {Path.Combine(data, SecretKey.Upload.FileName)}; keep it apart from backups of the database");
        return key;
    }

    /// <summary>Whether the analytical store under <paramref name="data"/> holds any row.</summary>
    internal static bool StoreHasRows(string data) => AnalyticalStoreLocation.InDataDirectory(data).Store().HasRows();
}
