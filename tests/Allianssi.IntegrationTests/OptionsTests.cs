using Allianssi.Application;
using Allianssi.Application.UseCases.Imports;
using Allianssi.Application.UseCases.Indicators;
using Allianssi.Import.Identity;
using Allianssi.Store;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Allianssi.IntegrationTests;

/// <summary>
/// One options model for the web app and the command line (issue 13): each setting read once, an invalid one stopping the
/// start with a stable code and its key, and the three bugs of two readers pinned: the data folder of the start-up check,
/// the pseudonymisation key of the check and the imports, the lockout set once.
/// </summary>
public sealed class OptionsTests : IDisposable
{
    private static readonly byte[] PseudonymKeyBytes = [.. Enumerable.Range(1, 32).Select(i => (byte)i)];
    private static readonly string UploadKey = Convert.ToBase64String(new byte[32]);

    private readonly string _folder = Path.Combine(Path.GetTempPath(), $"allianssi-options-{Guid.NewGuid():N}");
    private readonly string _file = Path.Combine(Path.GetTempPath(), $"allianssi-options-{Guid.NewGuid():N}.db");

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        File.Delete(_file);
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    [Fact]
    public void GivenTheDataFolderInSeveralSources_WhenReading_ThenTheCommandLineWinsThenTheSettingThenTheVariable()
    {
        static string Data(params (string Key, string Value)[] settings) =>
            AllianssiOptions.Read(new ConfigurationBuilder().AddInMemoryCollection(settings.Select(s => KeyValuePair.Create(s.Key, (string?)s.Value))).Build()).DataDirectory;

        Assert.Equal("/tmp/a", Data(("data", "/tmp/a"), ("Allianssi:Data", "/tmp/b"), ("ALLIANSSI_DATA", "/tmp/c")));
        Assert.Equal("/tmp/b", Data(("Allianssi:Data", "/tmp/b"), ("ALLIANSSI_DATA", "/tmp/c")));
        Assert.Equal("/tmp/c", Data(("ALLIANSSI_DATA", "/tmp/c")));
        Assert.Equal(Path.GetFullPath("allianssi-data"), Data());
    }

    [Fact]
    public void GivenNoConnectionString_WhenReading_ThenDemoModeOnTheEmbeddedStoreMigratingAtStart_AndAServerStoreIsNeither()
    {
        var embedded = AllianssiOptions.Read(new ConfigurationBuilder().Build());
        var server = AllianssiOptions.Read(new ConfigurationBuilder().AddInMemoryCollection(
            [KeyValuePair.Create("ConnectionStrings:Operational", (string?)"Host=db.invalid;Database=allianssi")]).Build());

        Assert.Equal((true, true, true, 5, 15, 20, 60), (embedded.IsEmbeddedStore, embedded.Demo, embedded.MigrateOnStart,
            embedded.Lockout.MaxFailedAttempts, embedded.Lockout.Minutes, embedded.SignInRateLimit.PermitLimit, embedded.SignInRateLimit.WindowSeconds));
        Assert.Equal((false, false, false), (server.IsEmbeddedStore, server.Demo, server.MigrateOnStart));
    }

    [Theory]
    [InlineData("Allianssi:Lockout:MaxFailedAttempts", "0", "CFG002 Allianssi:Lockout:MaxFailedAttempts must be a whole number from 1 to 100 (was 0).")]
    [InlineData("Allianssi:Lockout:Minutes", "soon", "CFG001")]
    [InlineData("Allianssi:SignInRateLimit:WindowSeconds", "-1", "CFG002 Allianssi:SignInRateLimit:WindowSeconds must be a whole number from 1 to 86400 (was -1).")]
    [InlineData("ALLIANSSI_IMPORT_MEMORY_LIMIT", "lots", "CFG002 ALLIANSSI_IMPORT_MEMORY_LIMIT must be a size such as 256MB or 1GB (was 'lots').")]
    [InlineData("ALLIANSSI_STORE_MAX_TEMP_SIZE", "plenty", "CFG002 ALLIANSSI_STORE_MAX_TEMP_SIZE must be a size such as 2GB or 8GB (was 'plenty').")]
    [InlineData("Allianssi:Import:Limits:MaxColumns", "many", "Allianssi:Import:Limits:MaxColumns is not a limit")]
    [InlineData("Allianssi:PseudonymKey", "c2hvcnQ=", "CFG003 Allianssi:PseudonymKey (ALLIANSSI_PSEUDONYM_KEY) must be base64 or hex for at least 16 bytes.")]
    [InlineData("ALLIANSSI_UPLOAD_KEY", "00ff", "CFG003 Allianssi:UploadKey (ALLIANSSI_UPLOAD_KEY) must be base64 or hex for 32 bytes.")]
    [InlineData("ConnectionStrings:Operational", "Host=db;Port=not-a-port", "CFG004 ConnectionStrings:Operational (ConnectionStrings__Operational) is not a valid connection string.")]
    public void GivenAnInvalidSetting_WhenTheWebAppStarts_ThenItStopsWithTheCodeAndTheKey_AndNoSecretValue(string key, string value, string expected)
    {
        using var app = new WebApplicationFactory<Program>().WithWebHostBuilder(b =>
        {
            b.UseSetting("Allianssi:Data", _folder);
            b.UseSetting("Demo:Residents", "0");
            b.UseSetting(key, value);
        });

        var error = Assert.Throws<OptionsValidationException>(() => app.CreateClient());

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
        Assert.Contains(key, error.Message, StringComparison.Ordinal);
        if (key.Contains("Key", StringComparison.OrdinalIgnoreCase) || key.StartsWith("Connection", StringComparison.Ordinal))
        {
            Assert.DoesNotContain(value, error.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void GivenTheDataFolderOnlyAsAllianssiData_WhenStartingOutsideDemoMode_ThenTheSecretCheckFindsTheKeyFilesThereAndTheStoresLiveThere()
    {
        // Issue 13: Program.cs honoured ALLIANSSI_DATA but the start-up check of the key files looked in ./allianssi-data.
        Directory.CreateDirectory(_folder);
        File.WriteAllText(Path.Combine(_folder, SecretKey.Pseudonym.FileName), Convert.ToBase64String(PseudonymKeyBytes));
        File.WriteAllText(Path.Combine(_folder, SecretKey.Upload.FileName), UploadKey);
        using var app = Production(b => b.UseSetting(AllianssiOptions.DataVariable, _folder));

        _ = app.CreateClient();

        var options = app.Services.GetRequiredService<IOptions<AllianssiOptions>>().Value;
        Assert.Equal((_folder, false), (options.DataDirectory, options.Demo));
        Assert.Equal(Path.Combine(_folder, "analytical.duckdb"), app.Services.GetRequiredService<AnalyticalStoreLocation>().Path);
        var analytical = app.Services.GetRequiredService<AnalyticalData>();
        Assert.Equal(_folder, analytical.DataDirectory);
        Assert.Equal(new Pseudonymiser(PseudonymKeyBytes).Pseudonymise("010101-123N"), analytical.Pseudonymiser.Pseudonymise("010101-123N"));
    }

    [Fact]
    public void GivenThePseudonymKeyAsAllianssiSetting_WhenStartingOutsideDemoMode_ThenTheCheckPassesAndImportsPseudonymiseWithThatKey()
    {
        // Issue 13: the start-up check accepted Allianssi:PseudonymKey, but the imports' loader ignored it and failed every import.
        using var app = Production(b =>
        {
            b.UseSetting("Allianssi:Data", _folder);
            b.UseSetting("Allianssi:PseudonymKey", Convert.ToBase64String(PseudonymKeyBytes));
            b.UseSetting("Allianssi:UploadKey", UploadKey);
        });

        _ = app.CreateClient();

        var analytical = app.Services.GetRequiredService<AnalyticalData>();
        Assert.Equal(new Pseudonymiser(PseudonymKeyBytes).Pseudonymise("010101-123N"), analytical.Pseudonymiser.Pseudonymise("010101-123N"));
        Assert.False(File.Exists(Path.Combine(_folder, SecretKey.Pseudonym.FileName)));
    }

    [Theory]
    [InlineData(null, 5, 15)]
    [InlineData("3", 3, 15)]
    public void GivenTheLockoutSetting_WhenTheAppStarts_ThenIdentityLocksAfterThatManyAttempts_SetInOnePlace(string? attempts, int expected, int minutes)
    {
        // Issue 13: Program.cs set 10 attempts and TrustHttp silently overrode it with 5.
        using var app = new WebApplicationFactory<Program>().WithWebHostBuilder(b =>
        {
            b.UseSetting("Allianssi:Data", _folder);
            b.UseSetting("ConnectionStrings:Operational", $"Data Source={_file}");
            b.UseSetting("Allianssi:Demo", "true");
            b.UseSetting("Demo:Residents", "0");
            if (attempts is not null)
            {
                b.UseSetting("Allianssi:Lockout:MaxFailedAttempts", attempts);
            }
        });

        _ = app.CreateClient();

        var lockout = app.Services.GetRequiredService<IOptions<IdentityOptions>>().Value.Lockout;
        Assert.Equal((expected, TimeSpan.FromMinutes(minutes), true), (lockout.MaxFailedAccessAttempts, lockout.DefaultLockoutTimeSpan, lockout.AllowedForNewUsers));
        Assert.Equal(expected, app.Services.GetRequiredService<AllianssiOptions>().Lockout.MaxFailedAttempts);
    }

    private WebApplicationFactory<Program> Production(Action<IWebHostBuilder> configure) =>
        new WebApplicationFactory<Program>().WithWebHostBuilder(b =>
        {
            b.UseSetting("ConnectionStrings:Operational", $"Data Source={_file}");
            b.UseEnvironment("Production");
            configure(b);
        });
}
