using System.Diagnostics;
using Npgsql;

namespace Allianssi.IntegrationTests.Faults;

/// <summary>
/// A PostgreSQL cluster of its own for a test that stops and starts the server: created with
/// Debian's <c>pg_createcluster</c> (same version as the cluster on <c>ALLIANSSI_TEST_POSTGRES</c>, a
/// free port, the same role), and dropped at the end. Stopping it cannot disturb the other suites,
/// which keep using the main cluster. Needs root (CI runs as root); skipped otherwise.
/// </summary>
internal sealed class ThrowawayCluster : IAsyncDisposable
{
    private ThrowawayCluster(string version, string name, string connectionString)
    {
        Version = version;
        Name = name;
        ConnectionString = connectionString;
    }

    public string Version { get; }

    public string Name { get; }

    /// <summary>The test role on the throwaway cluster's own database <c>allianssi</c>.</summary>
    public string ConnectionString { get; }

    public static async Task<ThrowawayCluster> CreateAsync()
    {
        var server = Environment.GetEnvironmentVariable("ALLIANSSI_TEST_POSTGRES");
        if (string.IsNullOrEmpty(server))
        {
            Assert.False(string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase),
                "ALLIANSSI_TEST_POSTGRES is not set; CI must run the PostgreSQL suite.");
            Assert.Skip("ALLIANSSI_TEST_POSTGRES is not set");
        }

        Assert.SkipUnless(OperatingSystem.IsLinux() && Environment.UserName == "root" && File.Exists("/usr/bin/pg_createcluster"),
            "stopping and starting a PostgreSQL cluster needs root and Debian's postgresql-common (pg_createcluster)");
        var clusters = await RunAsync("pg_lsclusters", "-h");
        var version = clusters.Split('\n', StringSplitOptions.RemoveEmptyEntries)[0].Split(' ', StringSplitOptions.RemoveEmptyEntries)[0];
        var name = $"allianssi_fault_{Guid.NewGuid():N}"[..24];
        await RunAsync("pg_createcluster", version, name, "--start");
        var cluster = new ThrowawayCluster(version, name, "");
        try
        {
            var line = await RunAsync("pg_lsclusters", "-h", version, name);
            var port = int.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[2], System.Globalization.CultureInfo.InvariantCulture);
            var main = new NpgsqlConnectionStringBuilder(server);
            var password = (main.Password ?? "").Replace("'", "''", StringComparison.Ordinal);
            await RunAsync("runuser", "-u", "postgres", "--", "psql", "-p", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "-qAtc",
                $"CREATE ROLE \"{main.Username}\" LOGIN SUPERUSER PASSWORD '{password}'");
            var admin = new NpgsqlConnectionStringBuilder(server) { Host = "127.0.0.1", Port = port, Database = "postgres", Pooling = false };
            await WaitUntilAcceptingAsync(admin.ConnectionString, TimeSpan.FromSeconds(60));
            await using (var connection = new NpgsqlConnection(admin.ConnectionString))
            {
                await connection.OpenAsync();
                await using var command = new NpgsqlCommand("CREATE DATABASE allianssi", connection);
                await command.ExecuteNonQueryAsync();
            }

            return new ThrowawayCluster(version, name, new NpgsqlConnectionStringBuilder(admin.ConnectionString) { Database = "allianssi", Pooling = true }.ConnectionString);
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }
    }

    /// <summary>Stops the server the way an operator restarting it would (<c>pg_ctlcluster ... stop -m fast</c>).</summary>
    public Task StopAsync() => RunAsync("pg_ctlcluster", Version, Name, "stop", "-m", "fast");

    /// <summary>Starts the server and waits until it accepts connections.</summary>
    public async Task StartAsync()
    {
        await RunAsync("pg_ctlcluster", Version, Name, "start");
        await WaitUntilAcceptingAsync(new NpgsqlConnectionStringBuilder(ConnectionString) { Pooling = false }.ConnectionString, TimeSpan.FromSeconds(60));
    }

    /// <summary>Whether the server is running (pg_lsclusters says online).</summary>
    public async Task<bool> IsOnlineAsync() => (await RunAsync("pg_lsclusters", "-h", Version, Name)).Contains("online", StringComparison.Ordinal);

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await RunAsync("pg_dropcluster", "--stop", Version, Name);
    }

    private static async Task WaitUntilAcceptingAsync(string connectionString, TimeSpan timeout)
    {
        var until = DateTime.UtcNow + timeout;
        while (true)
        {
            try
            {
                await using var connection = new NpgsqlConnection(connectionString);
                await connection.OpenAsync();
                return;
            }
            catch (NpgsqlException) when (DateTime.UtcNow < until)
            {
                await Task.Delay(100);
            }
        }
    }

    private static async Task<string> RunAsync(string file, params string[] args)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, $"{file} {string.Join(' ', args)} exited with {process.ExitCode}: {await error}");
        return await output;
    }
}
