using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Allianssi.Application.Data;

/// <summary>Which database holds the operational store.</summary>
public enum StoreProvider
{
    Sqlite,
    PostgreSql,
}

/// <summary>
/// Where the operational store lives: the embedded SQLite file under the data folder unless
/// <c>ConnectionStrings:Operational</c> names another database.
/// </summary>
public sealed record OperationalStore(StoreProvider Provider, string ConnectionString)
{
    /// <summary>The file name of the embedded store under the data folder.</summary>
    public const string EmbeddedFileName = "allianssi.db";

    /// <summary>True when the store is the embedded default (no connection string was configured).</summary>
    public bool IsEmbeddedDefault { get; init; }

    /// <summary>
    /// Chooses the store: a Npgsql connection string (it has <c>Host=</c> or <c>Server=</c>) selects
    /// PostgreSQL; any other non-empty string is a SQLite connection string; nothing selects the
    /// embedded file <c>&lt;dataDirectory&gt;/allianssi.db</c>.
    /// </summary>
    public static OperationalStore Resolve(string? connectionString, string dataDirectory)
    {
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            Directory.CreateDirectory(dataDirectory);
            var file = Path.GetFullPath(Path.Combine(dataDirectory, EmbeddedFileName));
            var builder = new SqliteConnectionStringBuilder { DataSource = file };
            return new OperationalStore(StoreProvider.Sqlite, builder.ConnectionString) { IsEmbeddedDefault = true };
        }

        return IsNpgsql(connectionString)
            ? new OperationalStore(StoreProvider.PostgreSql, connectionString)
            : new OperationalStore(StoreProvider.Sqlite, connectionString);
    }

    /// <summary>Whether a connection string is for Npgsql rather than SQLite.</summary>
    public static bool IsNpgsql(string connectionString)
    {
        ArgumentNullException.ThrowIfNull(connectionString);
        return connectionString.Contains("Host=", StringComparison.OrdinalIgnoreCase)
            || connectionString.Contains("Server=", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>A short description without credentials, for the start-up banner.</summary>
    public string Describe()
    {
        if (Provider == StoreProvider.Sqlite)
        {
            return "SQLite " + new SqliteConnectionStringBuilder(ConnectionString).DataSource;
        }

        var builder = new Npgsql.NpgsqlConnectionStringBuilder(ConnectionString);
        return $"PostgreSQL {builder.Host}:{builder.Port}/{builder.Database}";
    }

    /// <summary>
    /// Registers <see cref="AllianssiDbContext"/> on this store, with its save interceptors as singletons that get the
    /// application's <see cref="TimeProvider"/> and <see cref="StoreChanges"/> from the container.
    /// </summary>
    public void Register(IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddSingleton(this);
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<StoreChanges>();
        services.TryAddSingleton(sp => new TrustInterceptor(sp.GetRequiredService<TimeProvider>()));
        services.TryAddSingleton(sp => new StoreChangesInterceptor(sp.GetRequiredService<StoreChanges>(), sp.GetRequiredService<TrustInterceptor>()));
        if (Provider == StoreProvider.Sqlite)
        {
            services.AddDbContext<AllianssiDbContext, SqliteAllianssiDbContext>((sp, o) => Configure(o, Interceptors(sp)));
        }
        else
        {
            services.AddDbContext<AllianssiDbContext, PostgresAllianssiDbContext>((sp, o) => Configure(o, Interceptors(sp)));
        }
    }

    /// <summary>Opens a context on this store without dependency injection (tests, tools), on the system clock.</summary>
    public AllianssiDbContext CreateContext() => CreateContext(TimeProvider.System);

    /// <summary>
    /// Opens a context on this store without dependency injection, with its own interceptors on <paramref name="time"/>;
    /// its saves move no application's <see cref="StoreChanges"/> (there is none).
    /// </summary>
    public AllianssiDbContext CreateContext(TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(time);
        var trust = new TrustInterceptor(time);
        var interceptors = new IInterceptor[] { trust, new StoreChangesInterceptor(null, trust) };
        if (Provider == StoreProvider.Sqlite)
        {
            var options = new DbContextOptionsBuilder<SqliteAllianssiDbContext>();
            Configure(options, interceptors);
            return new SqliteAllianssiDbContext(options.Options);
        }
        else
        {
            var options = new DbContextOptionsBuilder<PostgresAllianssiDbContext>();
            Configure(options, interceptors);
            return new PostgresAllianssiDbContext(options.Options);
        }
    }

    private static IInterceptor[] Interceptors(IServiceProvider services) =>
        [services.GetRequiredService<TrustInterceptor>(), services.GetRequiredService<StoreChangesInterceptor>()];

    private void Configure(DbContextOptionsBuilder options, IInterceptor[] interceptors)
    {
        options.AddInterceptors(interceptors);
        if (Provider == StoreProvider.Sqlite)
        {
            options.UseSqlite(ConnectionString, s => s.MigrationsHistoryTable("__EFMigrationsHistory"));
        }
        else
        {
            options.UseNpgsql(ConnectionString);
        }
    }
}
