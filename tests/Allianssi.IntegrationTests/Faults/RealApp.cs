using System.Diagnostics;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using Allianssi.Application.Data;
using Allianssi.Application.UseCases.Common;
using Npgsql;

namespace Allianssi.IntegrationTests.Faults;

/// <summary>Where the built web app and command line are: next to this test build, same configuration.</summary>
internal static class Builds
{
    public static string RepositoryRoot { get; } = FindRoot();

    /// <summary>The build configuration of this test assembly (Debug, Release or a personal one).</summary>
    public static string Configuration { get; } =
        new DirectoryInfo(Path.TrimEndingDirectorySeparator(AppContext.BaseDirectory)).Parent!.Name;

    public static string WebDll => Path.Combine(RepositoryRoot, "src", "Allianssi.Web", "bin", Configuration, "net10.0", "Allianssi.Web.dll");

    public static string CliDll => Path.Combine(RepositoryRoot, "src", "Allianssi.Cli", "bin", Configuration, "net10.0", "allianssi.dll");

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Allianssi.slnx")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("the repository root (Allianssi.slnx) is not above the test build");
    }
}

/// <summary>
/// A fresh operational store for a process test: a data folder with the embedded SQLite file, or a
/// new PostgreSQL database on <c>ALLIANSSI_TEST_POSTGRES</c> (skipped without it, failing when CI=true).
/// </summary>
internal sealed class FaultStore : IAsyncDisposable
{
    private readonly string? _postgresDatabase;

    private FaultStore(Store kind, string dataDirectory, string? connectionString, string? postgresDatabase)
    {
        Kind = kind;
        DataDirectory = dataDirectory;
        ConnectionString = connectionString;
        _postgresDatabase = postgresDatabase;
    }

    public Store Kind { get; }

    public string DataDirectory { get; }

    /// <summary>The PostgreSQL connection string, or null for the embedded SQLite file under the data folder.</summary>
    public string? ConnectionString { get; }

    public string AnalyticalPath => Path.Combine(DataDirectory, "analytical.duckdb");

    public OperationalStore Operational => OperationalStore.Resolve(ConnectionString, DataDirectory);

    public static async Task<FaultStore> CreateAsync(Store kind)
    {
        var data = Path.Combine(Path.GetTempPath(), $"allianssi-fault-{Guid.NewGuid():N}");
        Directory.CreateDirectory(data);
        if (kind == Store.Sqlite)
        {
            return new FaultStore(kind, data, null, null);
        }

        var server = Environment.GetEnvironmentVariable("ALLIANSSI_TEST_POSTGRES");
        if (string.IsNullOrEmpty(server))
        {
            Assert.False(string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase),
                "ALLIANSSI_TEST_POSTGRES is not set; CI must run the PostgreSQL suite.");
            Assert.Skip("ALLIANSSI_TEST_POSTGRES is not set");
        }

        var database = $"allianssi_fault_{Guid.NewGuid():N}";
        await using (var connection = new NpgsqlConnection(server))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand($"CREATE DATABASE {database}", connection);
            await command.ExecuteNonQueryAsync();
        }

        return new FaultStore(kind, data, new NpgsqlConnectionStringBuilder(server) { Database = database }.ConnectionString, database);
    }

    public AllianssiDbContext Open() => Operational.CreateContext();

    /// <summary>The settings a process of this store gets through its environment.</summary>
    public IEnumerable<KeyValuePair<string, string>> ProcessEnvironment()
    {
        yield return new("Allianssi__Data", DataDirectory);
        if (ConnectionString is not null)
        {
            yield return new("ConnectionStrings__Operational", ConnectionString);
        }
    }

    /// <summary>Runs the real command line (<c>allianssi --data &lt;folder&gt; ...</c>) on this store and returns its exit code and output.</summary>
    public async Task<(int ExitCode, string Output)> CliAsync(params string[] args)
    {
        Assert.True(File.Exists(Builds.CliDll), $"the command line is built at {Builds.CliDll}");
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in new[] { Builds.CliDll, "--data", DataDirectory }.Concat(args))
        {
            start.ArgumentList.Add(arg);
        }

        foreach (var (key, value) in ProcessEnvironment())
        {
            start.Environment[key] = value;
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await output + await error);
    }

    public async ValueTask DisposeAsync()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (_postgresDatabase is not null)
        {
            NpgsqlConnection.ClearAllPools();
            await using var connection = new NpgsqlConnection(System.Environment.GetEnvironmentVariable("ALLIANSSI_TEST_POSTGRES"));
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand($"DROP DATABASE IF EXISTS {_postgresDatabase} WITH (FORCE)", connection);
            await command.ExecuteNonQueryAsync();
        }

        try
        {
            Directory.Delete(DataDirectory, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}

/// <summary>
/// The built web app (<c>dotnet Allianssi.Web.dll</c>) as its own OS process in demo mode on a
/// <see cref="FaultStore"/>, listening on a free loopback port; optionally paused at a
/// <see cref="FaultInjection"/> point, so that a test can kill it there.
/// </summary>
internal sealed class RealApp : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private readonly Lock _gate = new();

    private RealApp(Process process)
    {
        _process = process;
    }

    public Uri BaseAddress { get; private set; } = null!;

    /// <summary>What the process wrote so far (standard output and error), for failure messages.</summary>
    public string Output
    {
        get
        {
            lock (_gate)
            {
                return _output.ToString();
            }
        }
    }

    public static async Task<RealApp> StartAsync(FaultStore store, string? pauseAt = null)
    {
        Assert.True(File.Exists(Builds.WebDll), $"the web app is built at {Builds.WebDll}");
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetDirectoryName(Builds.WebDll)!,
        };
        foreach (var arg in new[] { Builds.WebDll, "--urls", "http://127.0.0.1:0" })
        {
            start.ArgumentList.Add(arg);
        }

        foreach (var (key, value) in store.ProcessEnvironment())
        {
            start.Environment[key] = value;
        }

        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["Allianssi__Demo"] = "true";
        start.Environment["Allianssi__MigrateOnStart"] = "true";
        start.Environment["Allianssi__DemoPassword"] = AppFixture.Password;
        start.Environment["Demo__Residents"] = "0";
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        start.Environment["DOTNET_hostBuilder__reloadConfigOnChange"] = "false";
        start.Environment.Remove(FaultInjection.Variable);
        if (pauseAt is not null)
        {
            start.Environment[FaultInjection.Variable] = pauseAt;
        }

        var app = new RealApp(new Process { StartInfo = start });
        app._process.OutputDataReceived += (_, e) => app.Append(e.Data);
        app._process.ErrorDataReceived += (_, e) => app.Append(e.Data);
        app._process.Start();
        app._process.BeginOutputReadLine();
        app._process.BeginErrorReadLine();
        try
        {
            var line = await app.WaitForLineAsync("Allianssi is running on ", TimeSpan.FromMinutes(5));
            var url = line[(line.IndexOf("http://", StringComparison.Ordinal))..].Split(' ', ',')[0];
            app.BaseAddress = new Uri(url);
            return app;
        }
        catch
        {
            // A start that fails leaves no process behind.
            await app.DisposeAsync();
            throw;
        }
    }

    /// <summary>Waits until the process writes a line containing <paramref name="text"/> and returns it.</summary>
    public async Task<string> WaitForLineAsync(string text, TimeSpan timeout)
    {
        var until = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < until)
        {
            var found = Output.Split('\n').FirstOrDefault(l => l.Contains(text, StringComparison.Ordinal));
            if (found is not null)
            {
                return found.TrimEnd('\r');
            }

            if (_process.HasExited)
            {
                _process.WaitForExit();
                Assert.Fail($"the app exited ({_process.ExitCode}) before writing '{text}':\n{Output}");
            }

            await Task.Delay(50);
        }

        Assert.Fail($"the app did not write '{text}' within {timeout}:\n{Output}");
        return "";
    }

    /// <summary>Kills the process at once (SIGKILL on Linux: no shutdown, no finally blocks).</summary>
    public void Kill()
    {
        _process.Kill(entireProcessTree: true);
        _process.WaitForExit();
    }

    /// <summary>A client with a bearer token for a demo user (e.g. <c>setlementti.leadership</c>).</summary>
    public async Task<HttpClient> ClientForAsync(string user)
    {
        var client = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromMinutes(2) };
        var response = await client.PostAsJsonAsync("/api/auth/token", new { userName = user, password = AppFixture.Password });
        response.EnsureSuccessStatusCode();
        var token = (await response.Content.ReadFromJsonAsync<TokenResponse>())!.AccessToken;
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    public ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            Kill();
        }

        _process.Dispose();
        return ValueTask.CompletedTask;
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_gate)
        {
            _output.Append(line).Append('\n');
        }
    }

    private sealed record TokenResponse(string AccessToken);
}
