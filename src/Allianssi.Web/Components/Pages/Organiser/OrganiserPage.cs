using Allianssi.Application.UseCases.Common;
using Allianssi.Web.Infrastructure;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Localization;

namespace Allianssi.Web.Components.Pages.Organiser;

/// <summary>Base of the organiser's pages: the year shown (<c>?year=</c>, default last year) and the outcome's errors.</summary>
public abstract class OrganiserPage : AppPage
{
    [SupplyParameterFromQuery(Name = "year")]
    public int? YearQuery { get; set; }

    [Inject]
    private TimeProvider Time { get; set; } = default!;

    [Inject]
    private IStringLocalizer<Strings> Text { get; set; } = default!;

    /// <summary>The year shown.</summary>
    protected int Year => YearQuery ?? Time.GetUtcNow().Year - 1;

    /// <summary>Why nothing is shown: validation errors keyed by JSON path, or a message.</summary>
    protected IReadOnlyDictionary<string, string[]>? Errors { get; private set; }

    /// <summary>The outcome's value, or null with <see cref="Errors"/> set.</summary>
    protected T? Take<T>(Outcome<T> outcome)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(outcome);
        if (outcome.IsOk)
        {
            Errors = null;
            return outcome.Value;
        }

        // Each coded error in the reader's language, under its path (ErrorSummary shows the path's labels, never the path).
        Errors = outcome.Errors.Count > 0 ? ValidationText.Worded(Text, outcome) : new Dictionary<string, string[]> { [string.Empty] = [ValidationText.Refusal(Text, outcome)] };
        return null;
    }
}
