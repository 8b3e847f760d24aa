using Allianssi.Application.Security;
using Allianssi.Application.UseCases.Alliances;
using Allianssi.Web.Infrastructure;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;

namespace Allianssi.Web.Components;

/// <summary>Base of the signed-in pages: the actor, the alliance shown and a runner for use cases.</summary>
public abstract class AppPage : ComponentBase
{
    [CascadingParameter]
    private Task<AuthenticationState>? AuthenticationState { get; set; }

    [Inject]
    private protected UseCaseRunner UseCases { get; set; } = default!;

    [SupplyParameterFromQuery(Name = "alliance")]
    public string? AllianceQuery { get; set; }

    /// <summary>Who is signed in.</summary>
    protected Actor Actor { get; private set; } = Actor.System;

    /// <summary>The alliance shown: <c>?alliance=</c> or the first one.</summary>
    protected AllianceOverview? Alliance { get; private set; }

    /// <summary>Names for the ids the page shows: indicators, parties, and units when <see cref="ShowsUnits"/>.</summary>
    private protected DisplayNames Names { get; private set; } = DisplayNames.Empty;

    /// <summary>Whether the page shows units, whose names are read from the analytical store.</summary>
    protected virtual bool ShowsUnits => false;

    /// <summary>Whether the page's data for the current parameters is loaded (a page shows its
    /// <see cref="InteractiveMarker"/> only then: the first interactive render comes before the data).</summary>
    protected bool Loaded { get; private set; }

    protected override async Task OnParametersSetAsync()
    {
        Loaded = false;
        if (AuthenticationState is not null)
        {
            Actor = Actor.FromPrincipal((await AuthenticationState).User);
        }

        var code = AllianceQuery;
        if (string.IsNullOrEmpty(code))
        {
            var all = await UseCases.RunAsync<ListAlliances, IReadOnlyList<AllianceSummary>>(u => u.ExecuteAsync());
            code = all.Count > 0 ? all[0].Code : null;
        }

        Alliance = code is null ? null : await UseCases.RunAsync<GetAllianceOverview, AllianceOverview?>(u => u.ExecuteAsync(code));
        Names = await DisplayNames.LoadAsync(UseCases, Alliance, ShowsUnits);
        await OnAllianceLoadedAsync();
        Loaded = true;
    }

    /// <summary>Loads the page's own data once the alliance is known.</summary>
    protected virtual Task OnAllianceLoadedAsync() => Task.CompletedTask;

    /// <summary>The period with data to show by default: the latest that has started and has target costs.</summary>
    protected string DefaultPeriod => Alliance?.Periods.Count > 1 ? Alliance.Periods[^2].Code : Alliance?.Periods.Count > 0 ? Alliance.Periods[0].Code : "P1";
}
