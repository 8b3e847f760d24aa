using Microsoft.Playwright;

namespace Allianssi.EndToEndTests.Pages;

/// <summary>The approval section of the settlement page (English UI).</summary>
internal sealed class ApprovalPanel(IPage page)
{
    public ILocator Section => page.GetByRole(AriaRole.Region, new() { Name = "Approval" });

    public ILocator State => page.GetByTestId("approval-state");

    public ILocator CurrentHash => page.GetByTestId("current-hash");

    public ILocator LockedHash => page.GetByTestId("locked-hash");

    public ILocator Approvals => page.GetByRole(AriaRole.Table, new() { Name = "Approvals" });

    /// <summary>Presses "Approve for" and confirms in the dialog that names the party.</summary>
    public async Task ApproveAsync(string party)
    {
        await page.GetByRole(AriaRole.Button, new() { NameRegex = new System.Text.RegularExpressions.Regex($@"^Approve for .*\({party}\)$") }).ClickAsync();
        await Confirmation.GetByRole(AriaRole.Button, new() { Name = "Yes, approve for" }).ClickAsync();
    }

    /// <summary>The confirmation shown after "Approve for" is pressed, before anything is approved.</summary>
    public ILocator Confirmation => page.GetByTestId("approval-confirm");

    /// <summary>A party's row: the party by name with its code in brackets.</summary>
    public ILocator Row(string party) => Approvals.GetByRole(AriaRole.Row).Filter(new() { HasText = $"({party})" });

    public ILocator ReopenedLocks => page.GetByRole(AriaRole.Heading, new() { Name = "Reopened locks" });

    /// <summary>Gives the party's consent to reopen a locked result, with the reason.</summary>
    public async Task ConsentToReopenAsync(string party, string reason)
    {
        await page.GetByLabel("Reason for reopening").FillAsync(reason);
        await page.GetByRole(AriaRole.Button, new() { NameRegex = new System.Text.RegularExpressions.Regex($@"^Consent to reopen for .*\({party}\)$") }).ClickAsync();
    }
}
