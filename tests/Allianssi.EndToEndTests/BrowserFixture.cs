using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Allianssi.EndToEndTests;

/// <summary>
/// The web application on a real Kestrel port on 127.0.0.1 (demo mode, embedded SQLite in a temp
/// folder) and Debian's Chromium driven by Playwright. No browser is ever downloaded.
/// </summary>
public class BrowserFixture : WebApplicationFactory<Program>, IAsyncLifetime
{
    public const string Password = "E2e-pass-1!";

    private readonly string _data = Path.Combine(Path.GetTempPath(), $"allianssi-e2e-{Guid.NewGuid():N}");
    private IPlaywright? _playwright;

    public IBrowser Browser { get; private set; } = default!;

    public string BaseUrl { get; private set; } = "";

    /// <summary>Where screenshots go: artifacts/screenshots/ at the repository root.</summary>
    public static string ScreenshotDirectory { get; } = FindScreenshotDirectory();

    public async ValueTask InitializeAsync()
    {
        if (Chromium.Find(out var skipReason) is not { } chromium)
        {
            SkipReason = skipReason;
            return;
        }

        UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
        StartServer();
        var addresses = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses;
        BaseUrl = addresses.First().Replace("[::1]", "127.0.0.1", StringComparison.Ordinal);

        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = chromium,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
    }

    public string? SkipReason { get; private set; }

    public void SkipIfUnavailable() => Assert.SkipWhen(SkipReason is not null, SkipReason ?? "");

    /// <summary>A fresh browser context (own cookies) with a page on the app.</summary>
    public async Task<IPage> NewPageAsync()
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = BaseUrl, ViewportSize = new ViewportSize { Width = 1400, Height = 1000 } });
        context.SetDefaultTimeout(20_000);
        // An assertion waits up to 15 s for what a user would read (Playwright's default is 5 s): under a loaded CI
        // machine a revert or a recomputation took longer, and a test failed that would pass on a quiet one.
        Assertions.SetDefaultExpectTimeout(15_000);
        return await context.NewPageAsync();
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("Allianssi:Data", _data);
        builder.UseSetting("Allianssi:Demo", "true");
        builder.UseSetting("Allianssi:DemoPassword", Password);
        builder.UseSetting("Demo:Residents", "0");
        builder.UseEnvironment("Development");
        PrepareData(builder, _data);
    }

    /// <summary>Lets a derived fixture put data into the data folder (or settings) before the application starts.</summary>
    protected virtual void PrepareData(IWebHostBuilder builder, string dataDirectory)
    {
    }

    public override async ValueTask DisposeAsync()
    {
        if (_playwright is not null)
        {
            await Browser.DisposeAsync();
            _playwright.Dispose();
        }

        await base.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (Directory.Exists(_data))
        {
            Directory.Delete(_data, recursive: true);
        }

        GC.SuppressFinalize(this);
    }

    private static string FindScreenshotDirectory()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Allianssi.slnx")))
        {
            dir = dir.Parent;
        }

        var path = Path.Combine(dir?.FullName ?? Path.GetTempPath(), "artifacts", "screenshots");
        Directory.CreateDirectory(path);
        return path;
    }
}
