using Microsoft.Playwright;

namespace Allianssi.EndToEndTests.Pages;

/// <summary>The sign-in page, in English.</summary>
internal sealed class LoginPage(IPage page)
{
    public async Task SignInAsync(string user, string password, string returnUrl = "/")
    {
        await page.GotoAsync($"/culture?c=en-GB&redirectUri={Uri.EscapeDataString($"/account/login?returnUrl={Uri.EscapeDataString(returnUrl)}")}");
        await page.GetByLabel("User name").FillAsync(user);
        await page.GetByLabel("Password").FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await page.WaitForURLAsync(url => !url.Contains("/account/login", StringComparison.Ordinal));
    }
}
