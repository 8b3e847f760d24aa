using System.Globalization;
using System.Text.RegularExpressions;
using Allianssi.Application.Data;
using Allianssi.Application.UseCases.Imports;
using Allianssi.Import.Identity;
using Allianssi.Import.Reading;
using Allianssi.Store;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace Allianssi.Application;

/// <summary>
/// Every setting of a deployment, read from the configuration in one place (<see cref="Read"/>) for the web app and the
/// command line alike, and checked by <see cref="AllianssiOptionsValidator"/> before anything starts (issue 13).
/// </summary>
/// <remarks>
/// The sources are the host's (appsettings, environment, command line). A setting may have an older alias; the first
/// one set wins: the data folder is <c>--data</c>, <c>Allianssi:Data</c>, <c>ALLIANSSI_DATA</c>, else
/// <c>./allianssi-data</c>; each key is <c>Allianssi:PseudonymKey</c>, else <c>ALLIANSSI_PSEUDONYM_KEY</c> (likewise the
/// upload key). The analytical store's memory limit is <c>ALLIANSSI_IMPORT_MEMORY_LIMIT</c> and its spill cap
/// <c>ALLIANSSI_STORE_MAX_TEMP_SIZE</c> (configuration keys like any other: the environment or appsettings); the store's
/// location is built from them (<see cref="AnalyticalLocation"/>), so every opener of the store gets these values.
/// </remarks>
public sealed class AllianssiOptions
{
    /// <summary>The configuration section of the settings that have no alias.</summary>
    public const string Section = "Allianssi";

    /// <summary>The data folder when none is configured (under the working directory).</summary>
    public const string DefaultDataFolder = "allianssi-data";

    /// <summary>The environment variable naming the data folder.</summary>
    public const string DataVariable = "ALLIANSSI_DATA";

    /// <summary>The configuration key of the data folder (<c>--data</c> on the command line of either program).</summary>
    public const string DataSetting = "Allianssi:Data";

    /// <summary>The connection string's configuration key (<c>ConnectionStrings__Operational</c> in the environment).</summary>
    public const string ConnectionSetting = "ConnectionStrings:Operational";

    /// <summary>The environment variable (configuration key) of the analytical store's memory limit.</summary>
    public const string MemoryLimitVariable = "ALLIANSSI_IMPORT_MEMORY_LIMIT";

    /// <summary>The environment variable (configuration key) of what the analytical store's queries may spill to disk together.</summary>
    public const string MaxTempSizeVariable = "ALLIANSSI_STORE_MAX_TEMP_SIZE";

    /// <summary>The data folder, a full path: the embedded store, the analytical store, the key files, generated data.</summary>
    public string DataDirectory { get; set; } = Path.GetFullPath(DefaultDataFolder);

    /// <summary>The operational store's connection string; null for the embedded SQLite file in the data folder.</summary>
    public string? OperationalConnection { get; set; }

    /// <summary>
    /// Demo mode (<c>--demo</c>, <c>Allianssi:Demo</c>, or the embedded default: no connection string): the Tesoma reference
    /// with demo users, and key files generated when absent. The command line decides per verb instead (its <c>--demo</c>).
    /// </summary>
    public bool Demo { get; set; }

    /// <summary>Whether the web app applies pending migrations at start (<c>Allianssi:MigrateOnStart</c>; default: on SQLite).</summary>
    public bool MigrateOnStart { get; set; }

    /// <summary>Demo mode: one password for every demo user instead of fresh ones (tests).</summary>
    public string? DemoPassword { get; set; }

    /// <summary>The pseudonymisation HMAC key as configured (base64 or hex), or null for the key file in the data folder.</summary>
    public string? PseudonymKey { get; set; }

    /// <summary>The retained uploads' AES key as configured (base64 or hex), or null for the key file in the data folder.</summary>
    public string? UploadKey { get; set; }

    /// <summary>DuckDB's memory limit for this process's analytical store (e.g. <c>256MB</c>, <c>1GB</c>).</summary>
    public string MemoryLimit { get; set; } = AnalyticalStoreLocation.DefaultMemoryLimit;

    /// <summary>DuckDB's <c>max_temp_directory_size</c> for this process's analytical store (e.g. <c>2GB</c>, <c>8GB</c>).</summary>
    public string MaxTempSize { get; set; } = AnalyticalStoreLocation.DefaultMaxTempSize;

    /// <summary>The sign-in lockout (<c>Allianssi:Lockout:*</c>), set once, here.</summary>
    public LockoutSettings Lockout { get; set; } = new();

    /// <summary>The sign-in rate limit per client address (<c>Allianssi:SignInRateLimit:*</c>).</summary>
    public SignInRateLimitSettings SignInRateLimit { get; set; } = new();

    /// <summary>The readers' limits of imports (<c>ALLIANSSI_IMPORT_LIMITS</c>, then <c>Allianssi:Import:Limits:*</c>).</summary>
    public ReaderLimits ImportLimits { get; set; } = ReaderLimits.Default;

    /// <summary>Whether the operational store is the embedded SQLite file (no connection string).</summary>
    public bool IsEmbeddedStore => string.IsNullOrWhiteSpace(OperationalConnection);

    /// <summary>The operational store these options name.</summary>
    public OperationalStore Store() => OperationalStore.Resolve(OperationalConnection, DataDirectory);

    /// <summary>
    /// The analytical store in the data folder with this process's memory limit and spill cap: the composition root
    /// registers it, and every opener of the store in the process uses it.
    /// </summary>
    public AnalyticalStoreLocation AnalyticalLocation() => AnalyticalStoreLocation.InDataDirectory(DataDirectory, MemoryLimit, MaxTempSize);

    /// <summary>
    /// The configured value of a secret key for <see cref="SecretKey.Load"/> and <see cref="SecretKey.IsConfigured"/>:
    /// the start-up check and the code that uses a key read it from these options, so they cannot disagree.
    /// </summary>
    public string? Secret(string setting) =>
        setting == SecretKey.Pseudonym.Setting || setting == SecretKey.Pseudonym.EnvironmentVariable ? PseudonymKey
        : setting == SecretKey.Upload.Setting || setting == SecretKey.Upload.EnvironmentVariable ? UploadKey
        : null;

    /// <summary>Reads the options from a configuration; throws <see cref="OptionsValidationException"/> naming the key of a value of the wrong type.</summary>
    /// <param name="configuration">The host's configuration.</param>
    public static AllianssiOptions Read(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var options = new AllianssiOptions();
        try
        {
            configuration.GetSection(Section + ":" + nameof(Lockout)).Bind(options.Lockout);
            configuration.GetSection(Section + ":" + nameof(SignInRateLimit)).Bind(options.SignInRateLimit);
            options.Demo = configuration.GetValue<bool>(Section + ":" + nameof(Demo));
            options.OperationalConnection = NullIfBlank(configuration[ConnectionSetting]);
            options.MigrateOnStart = configuration.GetValue<bool?>(Section + ":" + nameof(MigrateOnStart))
                ?? (options.IsEmbeddedStore || !OperationalStore.IsNpgsql(options.OperationalConnection!));
        }
        catch (InvalidOperationException e)
        {
            // The binder's message names the key and the type ("Failed to convert configuration value ... at 'Allianssi:Lockout:Minutes' ...").
            throw Invalid(AllianssiOptionsValidator.WrongType, e.Message);
        }

        var data = NullIfBlank(configuration["data"]) ?? NullIfBlank(configuration[DataSetting]) ?? NullIfBlank(configuration[DataVariable]) ?? DefaultDataFolder;
        try
        {
            options.DataDirectory = Path.GetFullPath(data);
        }
        catch (Exception e) when (e is ArgumentException or NotSupportedException or PathTooLongException)
        {
            throw Invalid(AllianssiOptionsValidator.InvalidValue, $"{DataSetting} ({DataVariable}, --data) is not a usable folder path.");
        }

        options.Demo = options.Demo || options.IsEmbeddedStore;
        options.DemoPassword = NullIfBlank(configuration[Section + ":" + nameof(DemoPassword)]);
        options.PseudonymKey = NullIfBlank(configuration[SecretKey.Pseudonym.Setting]) ?? NullIfBlank(configuration[SecretKey.Pseudonym.EnvironmentVariable]);
        options.UploadKey = NullIfBlank(configuration[SecretKey.Upload.Setting]) ?? NullIfBlank(configuration[SecretKey.Upload.EnvironmentVariable]);
        options.MemoryLimit = NullIfBlank(configuration[MemoryLimitVariable]) ?? AnalyticalStoreLocation.DefaultMemoryLimit;
        options.MaxTempSize = NullIfBlank(configuration[MaxTempSizeVariable]) ?? AnalyticalStoreLocation.DefaultMaxTempSize;
        try
        {
            options.ImportLimits = ImportLimitsOf(configuration, overrides: null);
        }
        catch (InvalidOperationException e)
        {
            throw Invalid(AllianssiOptionsValidator.InvalidValue, e.Message);
        }

        return options;
    }

    /// <summary>
    /// The readers' limits: the built-in ones, then <c>ALLIANSSI_IMPORT_LIMITS</c>, then <c>Allianssi:Import:Limits:&lt;Name&gt;</c>,
    /// then <paramref name="overrides"/> (the command line's <c>--limits</c>).
    /// </summary>
    /// <exception cref="InvalidOperationException">An invalid limit; the message names the setting.</exception>
    public static ReaderLimits ImportLimitsOf(IConfiguration configuration, string? overrides)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        return ReaderLimits.Configure(configuration[ReaderLimits.EnvironmentVariable],
            configuration.GetSection(ReaderLimits.ConfigurationSection).GetChildren().Select(c => KeyValuePair.Create(c.Key, c.Value)), overrides);
    }

    /// <summary>Copies every setting onto <paramref name="target"/> (the options registered with the host).</summary>
    internal void CopyTo(AllianssiOptions target)
    {
        target.DataDirectory = DataDirectory;
        target.OperationalConnection = OperationalConnection;
        target.Demo = Demo;
        target.MigrateOnStart = MigrateOnStart;
        target.DemoPassword = DemoPassword;
        target.PseudonymKey = PseudonymKey;
        target.UploadKey = UploadKey;
        target.MemoryLimit = MemoryLimit;
        target.MaxTempSize = MaxTempSize;
        target.Lockout = new LockoutSettings { MaxFailedAttempts = Lockout.MaxFailedAttempts, Minutes = Lockout.Minutes };
        target.SignInRateLimit = new SignInRateLimitSettings { PermitLimit = SignInRateLimit.PermitLimit, WindowSeconds = SignInRateLimit.WindowSeconds };
        target.ImportLimits = ImportLimits;
    }

    private static string? NullIfBlank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;

    private static OptionsValidationException Invalid(string code, string message) =>
        new(nameof(AllianssiOptions), typeof(AllianssiOptions), [$"{code} {message}"]);
}

/// <summary>The sign-in lockout: after <see cref="MaxFailedAttempts"/> wrong passwords in a row an account is locked for <see cref="Minutes"/>.</summary>
public sealed class LockoutSettings
{
    public int MaxFailedAttempts { get; set; } = 5;

    public int Minutes { get; set; } = 15;
}

/// <summary>The sign-in endpoints' rate limit per client address: <see cref="PermitLimit"/> attempts per <see cref="WindowSeconds"/>.</summary>
public sealed class SignInRateLimitSettings
{
    public int PermitLimit { get; set; } = 20;

    public int WindowSeconds { get; set; } = 60;
}

/// <summary>
/// Checks <see cref="AllianssiOptions"/>: each failure starts with a stable code and names its key, and never holds a
/// secret's value (a key or a connection string).
/// </summary>
public sealed partial class AllianssiOptionsValidator : IValidateOptions<AllianssiOptions>
{
    /// <summary>A value that does not convert to the setting's type.</summary>
    public const string WrongType = "CFG001";

    /// <summary>A value outside what the setting allows.</summary>
    public const string InvalidValue = "CFG002";

    /// <summary>A secret key that is not base64 or hex of the right length.</summary>
    public const string InvalidKey = "CFG003";

    /// <summary>A connection string that does not parse.</summary>
    public const string InvalidConnection = "CFG004";

    public ValidateOptionsResult Validate(string? name, AllianssiOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        Range(failures, "Allianssi:Lockout:MaxFailedAttempts", options.Lockout.MaxFailedAttempts, 1, 100);
        Range(failures, "Allianssi:Lockout:Minutes", options.Lockout.Minutes, 1, 24 * 60 * 365);
        Range(failures, "Allianssi:SignInRateLimit:PermitLimit", options.SignInRateLimit.PermitLimit, 1, 1_000_000);
        Range(failures, "Allianssi:SignInRateLimit:WindowSeconds", options.SignInRateLimit.WindowSeconds, 1, 24 * 60 * 60);
        if (!Size().IsMatch(options.MemoryLimit))
        {
            failures.Add($"{InvalidValue} {AllianssiOptions.MemoryLimitVariable} must be a size such as 256MB or 1GB (was '{options.MemoryLimit}').");
        }

        if (!Size().IsMatch(options.MaxTempSize))
        {
            failures.Add($"{InvalidValue} {AllianssiOptions.MaxTempSizeVariable} must be a size such as 2GB or 8GB (was '{options.MaxTempSize}').");
        }

        foreach (var key in new[] { SecretKey.Pseudonym, SecretKey.Upload })
        {
            if (options.Secret(key.Setting) is { } value && !key.IsValid(value))
            {
                failures.Add($"{InvalidKey} {key.Setting} ({key.EnvironmentVariable}) must be base64 or hex for {key.LengthText} bytes.");
            }
        }

        if (options.OperationalConnection is { } connection && !ConnectionParses(connection))
        {
            failures.Add($"{InvalidConnection} {AllianssiOptions.ConnectionSetting} (ConnectionStrings__Operational) is not a valid connection string.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    /// <summary>Validates and throws <see cref="OptionsValidationException"/> with every failure.</summary>
    public static void ThrowIfInvalid(AllianssiOptions options)
    {
        var result = new AllianssiOptionsValidator().Validate(null, options);
        if (result.Failed)
        {
            throw new OptionsValidationException(nameof(AllianssiOptions), typeof(AllianssiOptions), result.Failures);
        }
    }

    private static void Range(List<string> failures, string key, int value, int min, int max)
    {
        if (value < min || value > max)
        {
            failures.Add(string.Create(CultureInfo.InvariantCulture, $"{InvalidValue} {key} must be a whole number from {min} to {max} (was {value})."));
        }
    }

    private static bool ConnectionParses(string connection)
    {
        try
        {
            _ = OperationalStore.IsNpgsql(connection)
                ? new Npgsql.NpgsqlConnectionStringBuilder(connection).Host
                : new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(connection).DataSource;
            return true;
        }
        catch (Exception e) when (e is ArgumentException or FormatException or KeyNotFoundException)
        {
            return false;
        }
    }

    [GeneratedRegex(@"^\s*\d+(\.\d+)?\s*(B|KB|MB|GB|TB|KIB|MIB|GIB|TIB)\s*$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Size();
}
