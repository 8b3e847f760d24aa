using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Localization;
using Radzen.Blazor;

namespace Allianssi.Web.Components;

/// <summary>
/// Radzen's data grid with its own texts (filter operators, page size, paging summary, empty grid)
/// in the reader's language from the resources <c>Grid.*</c>: a Finnish page shows no
/// "items per page" or "Equals". Use it instead of <c>RadzenDataGrid</c>.
/// </summary>
/// <typeparam name="TItem">The row type.</typeparam>
[CascadingTypeParameter(nameof(TItem))]
#pragma warning disable CA1515 // Razor components that use it are public.
public class AppDataGrid<TItem> : RadzenDataGrid<TItem>
    where TItem : notnull
#pragma warning restore CA1515
{
    [Inject]
    private IStringLocalizer<Strings> Text { get; set; } = default!;

    protected override void OnInitialized()
    {
        PageSizeText = Text["Grid.PageSize"];
        PagingSummaryFormat = Text["Grid.PagingSummary"];
        EmptyText = Text["Grid.Empty"];
        FilterText = Text["Grid.Filter"];
        EnumFilterSelectText = Text["Grid.Select"];
        EnumNullFilterText = Text["Grid.NoValue"];
        AndOperatorText = Text["Grid.And"];
        OrOperatorText = Text["Grid.Or"];
        ApplyFilterText = Text["Grid.Apply"];
        ClearFilterText = Text["Grid.Clear"];
        EqualsText = Text["Grid.Equals"];
        NotEqualsText = Text["Grid.NotEquals"];
        LessThanText = Text["Grid.LessThan"];
        LessThanOrEqualsText = Text["Grid.LessThanOrEquals"];
        GreaterThanText = Text["Grid.GreaterThan"];
        GreaterThanOrEqualsText = Text["Grid.GreaterThanOrEquals"];
        EndsWithText = Text["Grid.EndsWith"];
        ContainsText = Text["Grid.Contains"];
        DoesNotContainText = Text["Grid.DoesNotContain"];
        InText = Text["Grid.In"];
        NotInText = Text["Grid.NotIn"];
        StartsWithText = Text["Grid.StartsWith"];
        IsNotNullText = Text["Grid.IsNotNull"];
        IsNullText = Text["Grid.IsNull"];
        IsEmptyText = Text["Grid.IsEmpty"];
        IsNotEmptyText = Text["Grid.IsNotEmpty"];
        CustomText = Text["Grid.Custom"];
        base.OnInitialized();
    }
}
