using System.Security.Cryptography;

namespace Allianssi.Import.Identity;

/// <summary>
/// One secret key of a deployment and the one place it is loaded from, so the start-up check and the code that uses the
/// key cannot disagree about where it may be (issue 13): the setting <see cref="Setting"/> (configuration, e.g.
/// <c>Allianssi__PseudonymKey</c> in the environment), else the environment variable <see cref="EnvironmentVariable"/>,
/// else the file <see cref="FileName"/> in the data directory; in demo mode that file is generated when none is found.
/// The value is base64 or hex.
/// </summary>
/// <param name="Setting">The configuration key.</param>
/// <param name="EnvironmentVariable">The environment variable.</param>
/// <param name="FileName">The key file's name under the data directory.</param>
/// <param name="MinimumLength">The fewest bytes accepted.</param>
/// <param name="MaximumLength">The most bytes accepted.</param>
/// <param name="Description">What the key is, for messages.</param>
public sealed record SecretKey(string Setting, string EnvironmentVariable, string FileName, int MinimumLength, int MaximumLength, string Description)
{
    /// <summary>The HMAC key of the pseudonyms (see <see cref="Pseudonymiser"/>).</summary>
    public static SecretKey Pseudonym { get; } = new("Allianssi:PseudonymKey", "ALLIANSSI_PSEUDONYM_KEY", "pseudonym.key", Pseudonymiser.MinimumKeyLength, int.MaxValue, "pseudonymisation HMAC key");

    /// <summary>The AES-256-GCM key of the retained uploads in the operational database (exactly 32 bytes).</summary>
    public static SecretKey Upload { get; } = new("Allianssi:UploadKey", "ALLIANSSI_UPLOAD_KEY", "upload.key", 32, 32, "retained-upload encryption key");

    /// <summary>Where the key may be set, for messages: "ALLIANSSI_X_KEY, Allianssi__XKey, or x.key in the data directory".</summary>
    public string Sources => $"{EnvironmentVariable}, {Setting.Replace(":", "__", StringComparison.Ordinal)}, or {FileName} in the data directory";

    /// <summary>Whether a key is configured or its file exists (without generating one).</summary>
    /// <param name="dataDirectory">The data directory.</param>
    /// <param name="settings">Reads a setting or environment variable by name; null reads the process environment.</param>
    public bool IsConfigured(string dataDirectory, Func<string, string?>? settings = null) =>
        !string.IsNullOrWhiteSpace(Configured(settings)) || File.Exists(Path.Combine(dataDirectory, FileName));

    /// <summary>Loads the key; throws <see cref="InvalidOperationException"/> naming the setting when there is none or it is malformed.</summary>
    /// <param name="dataDirectory">The data directory.</param>
    /// <param name="demoMode">Generate the key file when no key is configured.</param>
    /// <param name="settings">Reads a setting or environment variable by name; null reads the process environment.</param>
    public byte[] Load(string dataDirectory, bool demoMode, Func<string, string?>? settings = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(dataDirectory);
        var configured = Configured(settings);
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return Decode(configured.Trim()) ?? throw new InvalidOperationException(
                $"{EnvironmentVariable} ({Setting}) must be base64 or hex for {Length} bytes.");
        }

        var path = Path.Combine(dataDirectory, FileName);
        // One process or host at a time looks for the key file and makes it (a machine-wide named mutex: the others wait
        // for it, not by polling), so none reads a key file another is still writing and only one key is ever made.
        using var gate = OpenGate(path);
        try
        {
            if (File.Exists(path))
            {
                return ReadFile(path) ?? throw new InvalidOperationException(
                    $"The key file {FileName} must hold base64 or hex for {Length} bytes.");
            }

            if (!demoMode)
            {
                throw new InvalidOperationException($"No {Description}: set {Sources} (demo mode generates one).");
            }

            var key = RandomNumberGenerator.GetBytes(Math.Min(MaximumLength, 32));
            Directory.CreateDirectory(dataDirectory);
            var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
            if (!OperatingSystem.IsWindows())
            {
                options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
            }

            try
            {
                using var writer = new StreamWriter(path, options);
                writer.Write(Convert.ToBase64String(key));
            }
            catch (IOException) when (gate is null && File.Exists(path))
            {
                // Without the gate another process made the file first: its key is the key.
                return ReadFile(path) ?? throw new InvalidOperationException(
                    $"The key file {FileName} was being made by another process; start again.");
            }

            return key;
        }
        finally
        {
            gate?.ReleaseMutex();
        }
    }

    /// <summary>The key in the file, or null when there is no file or it does not hold a key.</summary>
    private byte[]? ReadFile(string path)
    {
        try
        {
            return Decode(File.ReadAllText(path).Trim());
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return null;
        }
    }

    /// <summary>
    /// The mutex that guards one key file, held: named from the file's full path (two data directories do not wait for
    /// each other) and machine-wide (<c>Global\</c>: a service and a command run from another login session exclude each
    /// other). Null when the system gives no named mutex (e.g. a read-only temporary folder, or one another user's
    /// process made): then the exclusive create alone decides who makes the key, and a process that reads a key file while
    /// another writes it may find it malformed and must start again.
    /// </summary>
    private static Mutex? OpenGate(string path)
    {
        Mutex gate;
        try
        {
            gate = new Mutex(false, GateName(path));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or WaitHandleCannotBeOpenedException)
        {
            return null;
        }

        try
        {
            gate.WaitOne();
        }
        catch (AbandonedMutexException)
        {
            // A holder ended without releasing it (a crashed start): the mutex is this thread's now. A key file it left
            // half-written is refused by its content, as any malformed key file is.
        }

        return gate;
    }

    /// <summary>The name of the mutex that guards the key file at <paramref name="path"/>.</summary>
    internal static string GateName(string path) =>
        @"Global\allianssi-key-" + Convert.ToHexString(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(Path.GetFullPath(path))))[..32];

    /// <summary>Whether a configured value is base64 or hex of an accepted length (the start-up check of the options).</summary>
    public bool IsValid(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return Decode(value.Trim()) is not null;
    }

    /// <summary>The accepted length for messages: "32" or "at least 16".</summary>
    public string LengthText => Length;

    private string Length => MinimumLength == MaximumLength
        ? MinimumLength.ToString(System.Globalization.CultureInfo.InvariantCulture)
        : "at least " + MinimumLength.ToString(System.Globalization.CultureInfo.InvariantCulture);

    private string? Configured(Func<string, string?>? settings)
    {
        settings ??= name => Environment.GetEnvironmentVariable(name) ?? Environment.GetEnvironmentVariable(name.Replace(":", "__", StringComparison.Ordinal));
        var setting = settings(Setting);
        return string.IsNullOrWhiteSpace(setting) ? settings(EnvironmentVariable) : setting;
    }

    private byte[]? Decode(string text)
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

        return key is { Length: var n } && n >= MinimumLength && n <= MaximumLength ? key : null;
    }
}
