using System.Security.Cryptography;

namespace Allianssi.Import.Identity;

/// <summary>
/// Where the pseudonymisation key comes from: the environment variable
/// <see cref="EnvironmentVariable"/> (base64 or hex, at least 16 bytes), else the file
/// <c>&lt;data&gt;/pseudonym.key</c>; in demo mode that file is generated when absent.
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
    /// <param name="environment">The value of <see cref="EnvironmentVariable"/> (null reads the process environment).</param>
    public static byte[] Load(string dataDirectory, bool demoMode, string? environment = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(dataDirectory);
        var configured = environment ?? Environment.GetEnvironmentVariable(EnvironmentVariable);
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return Decode(configured.Trim()) ?? throw new InvalidOperationException(
                $"{EnvironmentVariable} must be base64 or hex for at least {Pseudonymiser.MinimumKeyLength} bytes.");
        }

        var path = Path.Combine(dataDirectory, FileName);
        if (File.Exists(path))
        {
            return Decode(File.ReadAllText(path).Trim()) ?? throw new InvalidOperationException(
                $"The key file {FileName} must hold base64 or hex for at least {Pseudonymiser.MinimumKeyLength} bytes.");
        }

        if (!demoMode)
        {
            throw new InvalidOperationException(
                $"No pseudonymisation key: set {EnvironmentVariable} or put {FileName} in the data directory (demo mode generates one).");
        }

        var key = RandomNumberGenerator.GetBytes(32);
        Directory.CreateDirectory(dataDirectory);
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        using (var writer = new StreamWriter(path, options))
        {
            writer.Write(Convert.ToBase64String(key));
        }

        return key;
    }

    private static byte[]? Decode(string text)
    {
        byte[]? key = null;
        if (text.Length % 2 == 0 && text.All(Uri.IsHexDigit))
        {
            key = Convert.FromHexString(text);
        }
        else
        {
            var buffer = new byte[text.Length];
            if (Convert.TryFromBase64String(text, buffer, out var written))
            {
                key = buffer[..written];
            }
        }

        return key is { Length: >= Pseudonymiser.MinimumKeyLength } ? key : null;
    }
}
