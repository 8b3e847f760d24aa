using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Reflection;
using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace Allianssi.EndToEndTests;

/// <summary>
/// The web application started the way a new user starts it: a child process in the Production
/// environment (no ASPNETCORE_ENVIRONMENT), on its own port and data folder, with the demo users
/// it prints on the console. Unlike <see cref="BrowserFixture"/> nothing runs in the test's process,
/// so static web assets, configuration and content root are the real ones.
/// </summary>
public abstract partial class ReadmeAppFixture : IAsyncLifetime
{
    /// <summary>How long the start (including the build that <c>dotnet run</c> does) may take on a loaded 2-core machine.</summary>
    private static readonly TimeSpan StartTimeout = TimeSpan.FromMinutes(10);

    private readonly ConcurrentQueue<string> _output = new();
    private readonly TaskCompletionSource _started = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private Process? _process;
    private IPlaywright? _playwright;

    protected ReadmeAppFixture(string name)
    {
        Name = name;
        Work = Path.Combine(Path.GetTempPath(), $"allianssi-readme-{name}-{Guid.NewGuid():N}");
        DataDirectory = Path.Combine(Work, "data");
    }

    /// <summary>Names the screenshots and the server log.</summary>
    public string Name { get; }

    /// <summary>A temporary folder of this fixture (the data folder, a published output).</summary>
    protected string Work { get; }

    public string DataDirectory { get; }

    public string BaseUrl { get; private set; } = "";

    public IBrowser Browser { get; private set; } = default!;

    /// <summary>User name to password, as printed on the console at start.</summary>
    public IReadOnlyDictionary<string, string> DemoUsers { get; private set; } = new Dictionary<string, string>();

    public string? SkipReason { get; private set; }

    /// <summary>Everything the server printed so far (for failure messages).</summary>
    public string ServerOutput => string.Join('\n', _output);

    /// <summary>The repository root (the folder of Allianssi.slnx).</summary>
    protected static string RepositoryRoot { get; } = FindRepositoryRoot();

    /// <summary>The configuration this test assembly was built in (the published build reuses that build).</summary>
    protected static string BuildConfiguration { get; } =
        typeof(ReadmeAppFixture).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Release";

    public void SkipIfUnavailable() => Assert.SkipWhen(SkipReason is not null, SkipReason ?? "");

    /// <summary>The command that starts the application; <paramref name="url"/> and the data folder are to be passed as --urls and --data.</summary>
    protected abstract Task<ProcessStartInfo> StartInfoAsync(string url, CancellationToken cancellationToken);

    public async ValueTask InitializeAsync()
    {
        if (Chromium.Find(out var skipReason) is not { } chromium)
        {
            SkipReason = skipReason;
            return;
        }

        Directory.CreateDirectory(Work);
        using var timeout = new CancellationTokenSource(StartTimeout);
        BaseUrl = $"http://127.0.0.1:{FreePort()}";
        var start = await StartInfoAsync(BaseUrl, timeout.Token);
        CleanEnvironment(start);
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        start.UseShellExecute = false;

        _process = new Process { StartInfo = start };
        _process.OutputDataReceived += (_, e) => OnOutput(e.Data);
        _process.ErrorDataReceived += (_, e) => OnOutput(e.Data);
        _process.Exited += (_, _) => _started.TrySetException(new InvalidOperationException($"The application exited before it started:\n{ServerOutput}"));
        _process.EnableRaisingEvents = true;
        _process.Start();
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        try
        {
            await _started.Task.WaitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"The application did not start within {StartTimeout}:\n{ServerOutput}");
        }

        DemoUsers = ParseDemoUsers(_output);
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = chromium,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
    }

    /// <summary>A fresh browser context (own cookies) with a page on the app.</summary>
    public async Task<IPage> NewPageAsync()
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = BaseUrl, ViewportSize = new ViewportSize { Width = 1400, Height = 1000 } });
        context.SetDefaultTimeout(30_000);
        // An assertion waits up to 15 s for what a user would read (Playwright's default is 5 s): under a loaded CI
        // machine a revert or a recomputation took longer, and a test failed that would pass on a quiet one.
        Assertions.SetDefaultExpectTimeout(15_000);
        return await context.NewPageAsync();
    }

    /// <summary>The demo user's password as printed at start.</summary>
    public string PasswordOf(string user) =>
        DemoUsers.TryGetValue(user, out var password) ? password : throw new InvalidOperationException($"No demo user {user} in the console output:\n{ServerOutput}");

    public async ValueTask DisposeAsync()
    {
        if (_playwright is not null)
        {
            await Browser.DisposeAsync();
            _playwright.Dispose();
        }

        if (_process is not null)
        {
            if (!_process.HasExited)
            {
                // dotnet run starts the application as its child: end the whole tree.
                _process.Kill(entireProcessTree: true);
                await _process.WaitForExitAsync();
            }

            _process.Dispose();
        }

        await File.WriteAllTextAsync(Path.Combine(BrowserFixture.ScreenshotDirectory, $"readme-{Name}-server.log"), ServerOutput);
        try
        {
            Directory.Delete(Work, recursive: true);
        }
        catch (IOException)
        {
            // A grandchild may still hold a file for a moment; the temp folder is not worth failing a run over.
        }

        GC.SuppressFinalize(this);
    }

    /// <summary>Runs a command to its end (a build or publish before the start); throws with its output when it fails.</summary>
    protected static async Task RunToEndAsync(ProcessStartInfo start, CancellationToken cancellationToken)
    {
        CleanEnvironment(start);
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        start.UseShellExecute = false;
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{start.FileName} {string.Join(' ', start.ArgumentList)} failed ({process.ExitCode}):\n{await stdout}\n{await stderr}");
        }
    }

    private void OnOutput(string? line)
    {
        if (line is null)
        {
            return;
        }

        _output.Enqueue(line);
        // The start banner ends with an empty line after the demo users (Program.cs).
        if (line.Length == 0 && _output.Any(l => l.StartsWith("Allianssi is running on", StringComparison.Ordinal)))
        {
            _started.TrySetResult();
        }
    }

    /// <summary>Production, as a user's shell: no environment name, no settings of the test run, no MSBuild state of the test host.</summary>
    private static void CleanEnvironment(ProcessStartInfo start)
    {
        foreach (var key in start.Environment.Keys.ToList())
        {
            if (key.StartsWith("ASPNETCORE_", StringComparison.OrdinalIgnoreCase) || key.StartsWith("DOTNET_ENVIRONMENT", StringComparison.OrdinalIgnoreCase)
                || key.StartsWith("MSBuild", StringComparison.OrdinalIgnoreCase) || key.StartsWith("Allianssi", StringComparison.OrdinalIgnoreCase)
                || key.StartsWith("Demo__", StringComparison.OrdinalIgnoreCase) || key.StartsWith("ConnectionStrings__", StringComparison.OrdinalIgnoreCase)
                || key.StartsWith("VSTEST", StringComparison.OrdinalIgnoreCase))
            {
                start.Environment.Remove(key);
            }
        }

        // No build nodes left behind holding the test's pipes.
        start.Environment["MSBUILDDISABLENODEREUSE"] = "1";
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
    }

    private static Dictionary<string, string> ParseDemoUsers(IEnumerable<string> lines)
    {
        var users = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var line in lines)
        {
            var match = DemoUserLine().Match(line);
            if (match.Success)
            {
                users[match.Groups["user"].Value] = match.Groups["password"].Value;
            }
        }

        return users;
    }

    [GeneratedRegex(@"^\s{2}(?<user>[a-z]+(\.[a-z]+)?)\s+(?<role>[a-z]+)\s+(?<password>\S+)$")]
    private static partial Regex DemoUserLine();

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static string FindRepositoryRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Allianssi.slnx")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("The repository root (Allianssi.slnx) was not found above the test assembly.");
    }
}

/// <summary>The README's command, from the repository root: <c>dotnet run --project src/Allianssi.Web</c> (it builds in its default configuration).</summary>
public sealed class DotnetRunAppFixture : ReadmeAppFixture
{
    public DotnetRunAppFixture()
        : base("dotnet-run")
    {
    }

    protected override Task<ProcessStartInfo> StartInfoAsync(string url, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = RepositoryRoot };
        // --Demo:Residents=0 is the README's documented switch that turns the demo data generation off:
        // its default size takes minutes of both cores, which this test does not need.
        foreach (var a in (string[])["run", "--project", "src/Allianssi.Web", "--", "--urls", url, "--data", DataDirectory, "--Demo:Residents=0"])
        {
            start.ArgumentList.Add(a);
        }

        return Task.FromResult(start);
    }
}

/// <summary>
/// The published output: <c>dotnet publish</c> of the build this suite already made (no second build), started
/// with <c>dotnet Allianssi.Web.dll</c> from the output folder.
/// </summary>
public sealed class PublishedAppFixture : ReadmeAppFixture
{
    public PublishedAppFixture()
        : base("published")
    {
    }

    protected override async Task<ProcessStartInfo> StartInfoAsync(string url, CancellationToken cancellationToken)
    {
        var output = Path.Combine(Work, "publish");
        var publish = new ProcessStartInfo("dotnet") { WorkingDirectory = RepositoryRoot };
        foreach (var a in (string[])["publish", "src/Allianssi.Web", "-c", BuildConfiguration, "--no-build", "-o", output, "-nologo", "-v", "quiet"])
        {
            publish.ArgumentList.Add(a);
        }

        await RunToEndAsync(publish, cancellationToken);
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = output };
        foreach (var a in (string[])["Allianssi.Web.dll", "--urls", url, "--data", DataDirectory, "--Demo:Residents=0"])
        {
            start.ArgumentList.Add(a);
        }

        return start;
    }
}
