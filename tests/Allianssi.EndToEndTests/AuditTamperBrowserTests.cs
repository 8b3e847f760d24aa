using Allianssi.Application.Data;
using Allianssi.EndToEndTests.Pages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Allianssi.EndToEndTests;

/// <summary>Its own application: the test breaks the audit chain for good.</summary>
public sealed class TamperFixture : BrowserFixture;

/// <summary>An audit entry edited directly in the database is found from the audit page and named by its number.</summary>
public sealed class AuditTamperBrowserTests(TamperFixture app) : IClassFixture<TamperFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task GivenAnAuditEntryEditedInTheDatabase_WhenTheAdminVerifiesTheWholeChain_ThenThePageNamesThatEntry()
    {
        app.SkipIfUnavailable();
        var page = await app.NewPageAsync();
        await new LoginPage(page).SignInAsync("admin", BrowserFixture.Password, "/audit");
        await page.GotoAsync("/audit");
        var chain = page.GetByTestId("audit-chain");
        await Assertions.Expect(chain).ToContainTextAsync("Hash chain intact");

        // Someone with the database owner's rights drops the append-only trigger and rewrites an
        // entry that the page has already seen as intact (before its checkpoint).
        long sequence;
        using (var scope = app.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AllianssiDbContext>();
            var target = await db.AuditEntries.AsNoTracking().OrderBy(a => a.Sequence).Skip(1).Select(a => new { a.Id, a.Sequence }).FirstAsync(Ct);
            sequence = target.Sequence;
            await db.Database.ExecuteSqlRawAsync("DROP TRIGGER \"AuditLog_append_only_update\"", Ct);
            await db.Database.ExecuteSqlAsync($"UPDATE \"AuditLog\" SET \"Actor\" = 'someone else' WHERE \"Id\" = {target.Id}", Ct);
        }

        await page.GotoAsync("/audit");
        await page.WaitUntilInteractiveAsync();
        await page.GetByTestId("verify-all").ClickAsync();

        await Assertions.Expect(chain).ToContainTextAsync($"The hash chain is broken at entry #{sequence}");
        await Assertions.Expect(chain).ToHaveClassAsync("error");
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, "audit-chain-broken.png"), FullPage = true });
    }
}
