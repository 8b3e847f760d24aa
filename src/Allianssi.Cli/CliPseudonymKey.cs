using Allianssi.Application;
using Allianssi.Import.Identity;

namespace Allianssi.Cli;

/// <summary>
/// The pseudonymisation key of a CLI invocation: the options' (<c>Allianssi:PseudonymKey</c> or
/// <c>ALLIANSSI_PSEUDONYM_KEY</c>, as the web app reads it), else <c>&lt;data&gt;/pseudonym.key</c>; on the embedded default with nothing imported yet, a new key
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
    /// <param name="options">The invocation's options: the data directory, the configured key, the store (embedded or not).</param>
    /// <param name="demo">The explicit <c>--demo</c> flag: generate whenever absent.</param>
    /// <param name="hasImportedBatch">Whether the operational store records an imported batch.</param>
    /// <param name="error">Where the notice goes.</param>
    public static byte[] Load(AllianssiOptions options, bool demo, Func<bool> hasImportedBatch, TextWriter error)
    {
        var data = options.DataDirectory;
        var path = Path.Combine(data, SecretKey.Pseudonym.FileName);
        if (SecretKey.Pseudonym.IsConfigured(data, options.Secret))
        {
            return SecretKey.Pseudonym.Load(data, demoMode: false, options.Secret);
        }

        var generate = demo || (options.IsEmbeddedStore && !options.AnalyticalLocation().Store().HasRows() && !hasImportedBatch());
        var key = SecretKey.Pseudonym.Load(data, generate, options.Secret);
        error.WriteLine($"note: generated a new pseudonymisation key in {path}; keep it with the data (later imports need the same key)");
        return key;
    }

    /// <summary>
    /// Loads the retained uploads' key (<see cref="SecretKey.Upload"/>) or, on the embedded default or with
    /// <c>--demo</c>, generates <c>&lt;data&gt;/upload.key</c> with a one-line notice; a server configuration
    /// (a connection string) without the key keeps the clear error naming the setting.
    /// </summary>
    public static byte[] LoadUploadKey(AllianssiOptions options, bool demo, TextWriter error)
    {
        var data = options.DataDirectory;
        if (SecretKey.Upload.IsConfigured(data, options.Secret))
        {
            return SecretKey.Upload.Load(data, demoMode: false, options.Secret);
        }

        var key = SecretKey.Upload.Load(data, demo || options.IsEmbeddedStore, options.Secret);
        error.WriteLine($"note: generated a new upload encryption key in {Path.Combine(data, SecretKey.Upload.FileName)}; keep it apart from backups of the database");
        return key;
    }
}
