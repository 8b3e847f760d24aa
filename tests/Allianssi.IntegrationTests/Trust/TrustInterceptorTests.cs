using Allianssi.Application;
using Allianssi.Application.Data;
using Allianssi.Application.Data.Entities;
using Allianssi.Application.Security;
using Allianssi.Application.UseCases.Money;
using Allianssi.Application.UseCases.Setup;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Allianssi.IntegrationTests.Trust;

/// <summary>
/// The store's save interceptors come from the composition root (issue 13): the clock they record with is the
/// application's <see cref="TimeProvider"/> and the change counter they move is the application's <see cref="StoreChanges"/>,
/// with no static instance and no look-up in the context's services. On SQLite and PostgreSQL.
/// </summary>
public abstract class TrustInterceptorTests(Store kind) : IAsyncLifetime
{
    private static readonly DateTimeOffset Fixed = new(2031, 5, 17, 8, 30, 0, TimeSpan.Zero);

    private readonly string _folder = Path.Combine(Path.GetTempPath(), $"allianssi-interceptors-{Guid.NewGuid():N}");
    private string? _database;
    private ServiceProvider? _services;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        string connection;
        if (kind == Store.Sqlite)
        {
            connection = $"Data Source={Path.Combine(_folder, "store.db")}";
        }
        else
        {
            var server = Environment.GetEnvironmentVariable("ALLIANSSI_TEST_POSTGRES");
            if (string.IsNullOrEmpty(server))
            {
                Assert.SkipWhen(!string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase), "ALLIANSSI_TEST_POSTGRES is not set");
                throw new InvalidOperationException("ALLIANSSI_TEST_POSTGRES is not set; CI must run the PostgreSQL suite.");
            }

            _database = $"allianssi_test_{Guid.NewGuid():N}";
            await using (var admin = new NpgsqlConnection(server))
            {
                await admin.OpenAsync(Ct);
                await using var create = new NpgsqlCommand($"CREATE DATABASE {_database}", admin);
                await create.ExecuteNonQueryAsync(Ct);
            }

            connection = new NpgsqlConnectionStringBuilder(server) { Database = _database }.ConnectionString;
        }

        Directory.CreateDirectory(_folder);
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Allianssi:Data"] = _folder,
            ["ConnectionStrings:Operational"] = connection,
        }).Build();
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(new FixedTime(Fixed));
        services.AddAllianssi(configuration);
        _services = services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true });
        await using var scope = _services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<MigrateStore>().ExecuteAsync(Ct);
        await scope.ServiceProvider.GetRequiredService<LoadReference>().ExecuteAsync("tesoma", withDemoData: true, Actor.System, Ct);
    }

    public async ValueTask DisposeAsync()
    {
        if (_services is not null)
        {
            await _services.DisposeAsync();
        }

        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        NpgsqlConnection.ClearAllPools();
        if (_database is not null)
        {
            await using var admin = new NpgsqlConnection(Environment.GetEnvironmentVariable("ALLIANSSI_TEST_POSTGRES"));
            await admin.OpenAsync();
            await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {_database} WITH (FORCE)", admin);
            await drop.ExecuteNonQueryAsync();
        }

        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }

        GC.SuppressFinalize(this);
    }

    private IServiceProvider Services => _services ?? throw new InvalidOperationException("not initialised");

    [Fact]
    public async Task GivenAnOpenApproval_WhenAnInputItFeedsChanges_ThenTheInvalidationIsRecordedAtTheApplicationsClock_AndTheStoreGenerationMoves()
    {
        int approvalId;
        await using (var scope = Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AllianssiDbContext>();
            var period = await db.Periods.SingleAsync(p => p.Code == "P2", Ct);
            var tampere = await db.Parties.SingleAsync(p => p.Code == "tampere", Ct);
            var approval = new ResultApproval
            {
                AllianceId = period.AllianceId, PeriodId = period.Id, Year = 2022, PartyId = tampere.Id, Kind = ApprovalKind.Approve,
                ApprovedBy = "tampere.leadership", At = Fixed.AddDays(-1), ResultHash = new string('0', 64),
            };
            db.ResultApprovals.Add(approval);
            await db.SaveChangesAsync(Ct);
            approvalId = approval.Id;
        }

        var changes = Services.GetRequiredService<StoreChanges>();
        var before = changes.Generation;
        await using (var scope = Services.CreateAsyncScope())
        {
            var outcome = await scope.ServiceProvider.GetRequiredService<UpsertLedgerLine>().ExecuteAsync(
                "tesoma", null, new LedgerLineInput("mehilainen", 2022, "Correction", null, 250m, true), Actor.System, Ct);
            Assert.True(outcome.IsOk, outcome.Message);
        }

        Assert.True(changes.Generation > before, "a save through the application's context moves its store generation");
        await using (var scope = Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AllianssiDbContext>();
            var approval = await db.ResultApprovals.AsNoTracking().SingleAsync(a => a.Id == approvalId, Ct);
            Assert.Equal(((DateTimeOffset?)Fixed, (string?)"code:ledger-line|mehilainen|2022"), (approval.InvalidatedAt, approval.InvalidationReason));
            var audit = await db.AuditEntries.AsNoTracking().Where(e => e.Action == "invalidate-approval").ToListAsync(Ct);
            Assert.Equal(Fixed, Assert.Single(audit).At);
        }
    }

    private sealed class FixedTime(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}

public sealed class SqliteTrustInterceptorTests() : TrustInterceptorTests(Store.Sqlite);

public sealed class PostgresTrustInterceptorTests() : TrustInterceptorTests(Store.PostgreSql);
