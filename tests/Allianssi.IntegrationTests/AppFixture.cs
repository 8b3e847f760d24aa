using System.Net.Http.Headers;
using System.Net.Http.Json;
using Allianssi.Application.Data;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Allianssi.IntegrationTests;

/// <summary>Which database the application runs on in a test class.</summary>
public enum Store
{
    Sqlite,
    PostgreSql,
}

/// <summary>
/// The web application in demo mode on a fresh database of the given kind. PostgreSQL comes from
/// <c>ALLIANSSI_TEST_POSTGRES</c> (a unique database per run); without it the tests skip, or fail when CI=true.
/// </summary>
/// <param name="clock">The application's clock (its <see cref="TimeProvider"/>) when a test must not depend on the real one.</param>
public class AppFixture(Store store, TimeProvider? clock = null) : WebApplicationFactory<Program>, IAsyncLifetime
{
    /// <summary>Every demo user has this password in tests (demo mode prints random ones otherwise).</summary>
    public const string Password = "Test-pass-1!";

    private readonly Dictionary<string, string> _tokens = new(StringComparer.Ordinal);
    private string? _connectionString;
    private string? _postgresDatabase;
    private string? _sqliteFile;

    public Store Store { get; } = store;

    /// <summary>The application's clock: a fake one given to the fixture, else the real one.</summary>
    public TimeProvider Clock { get; } = clock ?? TimeProvider.System;

    /// <summary>Why the suite cannot run here, or null.</summary>
    public string? SkipReason { get; private set; }

    public string ConnectionString => _connectionString ?? throw new InvalidOperationException(SkipReason);

    public async ValueTask InitializeAsync()
    {
        if (Store == Store.Sqlite)
        {
            _sqliteFile = Path.Combine(Path.GetTempPath(), $"allianssi-test-{Guid.NewGuid():N}.db");
            _connectionString = $"Data Source={_sqliteFile}";
            return;
        }

        var server = Environment.GetEnvironmentVariable("ALLIANSSI_TEST_POSTGRES");
        if (string.IsNullOrEmpty(server))
        {
            if (string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
            {
                throw new InvalidOperationException("ALLIANSSI_TEST_POSTGRES is not set; CI must run the PostgreSQL suite.");
            }

            SkipReason = "ALLIANSSI_TEST_POSTGRES is not set";
            return;
        }

        _postgresDatabase = $"allianssi_test_{Guid.NewGuid():N}";
        await using (var connection = new NpgsqlConnection(server))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand($"CREATE DATABASE {_postgresDatabase}", connection);
            await command.ExecuteNonQueryAsync();
        }

        _connectionString = new NpgsqlConnectionStringBuilder(server) { Database = _postgresDatabase }.ConnectionString;
    }

    public void SkipIfUnavailable() => Assert.SkipWhen(SkipReason is not null, SkipReason ?? "");

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("ConnectionStrings:Operational", ConnectionString);
        builder.UseSetting("Allianssi:Demo", "true");
        builder.UseSetting("Allianssi:MigrateOnStart", "true");
        builder.UseSetting("Allianssi:DemoPassword", Password);
        builder.UseSetting("Demo:Residents", "0");
        builder.UseEnvironment("Development");
        if (clock is not null)
        {
            builder.ConfigureTestServices(services => services.AddSingleton(clock));
        }
    }

    /// <summary>A client with a bearer token for a demo user (e.g. <c>tampere.leadership</c>), or anonymous.</summary>
    public async Task<HttpClient> ClientForAsync(string? user)
    {
        var client = CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        if (user is null)
        {
            return client;
        }

        if (!_tokens.TryGetValue(user, out var token))
        {
            var response = await client.PostAsJsonAsync("/api/auth/token", new { userName = user, password = Password });
            response.EnsureSuccessStatusCode();
            var body = await response.Content.ReadFromJsonAsync<TokenResponse>();
            token = body!.AccessToken;
            _tokens[user] = token;
        }

        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    /// <summary>
    /// Opens the operational store directly (for checks that bypass the API). It does not start the app (a fixture may
    /// start its own hosts on the same stores): a test that writes before any request starts the app first.
    /// </summary>
    public AllianssiDbContext OpenStore() => OperationalStore.Resolve(ConnectionString, Path.GetTempPath()).CreateContext();

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        if (_sqliteFile is not null)
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            File.Delete(_sqliteFile);
        }

        if (_postgresDatabase is not null)
        {
            NpgsqlConnection.ClearAllPools();
            await using var connection = new NpgsqlConnection(Environment.GetEnvironmentVariable("ALLIANSSI_TEST_POSTGRES"));
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand($"DROP DATABASE IF EXISTS {_postgresDatabase} WITH (FORCE)", connection);
            await command.ExecuteNonQueryAsync();
        }

        GC.SuppressFinalize(this);
    }

    private sealed record TokenResponse(string AccessToken);
}

public sealed class SqliteFixture() : AppFixture(Store.Sqlite);

public sealed class PostgresFixture() : AppFixture(Store.PostgreSql);

/// <summary>
/// The application on a fake clock frozen in mid-2027 (<see cref="At"/>): period P3 (2025 to March
/// 2028) is then running whatever the real date, and 2027 is the year in progress.
/// </summary>
public static class FixedClock
{
    /// <summary>The instant the fake clock shows.</summary>
    public static readonly DateTimeOffset At = new(2027, 6, 15, 10, 0, 0, TimeSpan.Zero);

    public static TimeProvider Create() => new Microsoft.Extensions.Time.Testing.FakeTimeProvider(At);
}

public sealed class SqliteClockFixture() : AppFixture(Store.Sqlite, FixedClock.Create());

public sealed class PostgresClockFixture() : AppFixture(Store.PostgreSql, FixedClock.Create());
