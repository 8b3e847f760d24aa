using Microsoft.Playwright;

namespace Allianssi.EndToEndTests.Pages;

/// <summary>Waiting until a page answers clicks.</summary>
internal static class Interactive
{
    /// <summary>Waits for the page's hidden <c>interactive</c> mark (the app's <c>InteractiveMarker</c>): the page runs
    /// interactively and its data is loaded. A click on the prerendered copy, or on a grid before its rows came, is lost.</summary>
    public static Task WaitUntilInteractiveAsync(this IPage page) =>
        page.GetByTestId("interactive").WaitForAsync(new() { State = WaitForSelectorState.Attached });
}
