namespace Allianssi.Import.Identity;

/// <summary>
/// Where the pseudonymisation key comes from: the environment variable
/// <see cref="EnvironmentVariable"/> (base64 or hex, at least 16 bytes), else the file
/// <c>&lt;data&gt;/pseudonym.key</c>; in demo mode that file is generated when absent (<see cref="SecretKey.Pseudonym"/>).
/// </summary>
public static class PseudonymKey
{
    /// <summary>The environment variable that carries the key.</summary>
    public const string EnvironmentVariable = "ALLIANSSI_PSEUDONYM_KEY";

    /// <summary>The key file's name under the data directory.</summary>
    public const string FileName = "pseudonym.key";

    /// <summary>Loads the key; throws <see cref="InvalidOperationException"/> with a clear message when there is none.</summary>
    /// <param name="dataDirectory">The data directory (<c>--data</c>).</param>
    /// <param name="demoMode">Generate <c>pseudonym.key</c> when no key is configured.</param>
    /// <param name="environment">The value of <see cref="EnvironmentVariable"/> (null reads the process environment, where
    /// <c>Allianssi__PseudonymKey</c> counts too).</param>
    /// <remarks>One loader with the start-up check: <see cref="SecretKey.Pseudonym"/>.</remarks>
    public static byte[] Load(string dataDirectory, bool demoMode, string? environment = null) =>
        SecretKey.Pseudonym.Load(dataDirectory, demoMode, environment is null ? null : name => name == EnvironmentVariable ? environment : null);
}
