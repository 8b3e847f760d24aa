using Allianssi.Application.Data;
using Allianssi.Application.UseCases.Alliances;
using Allianssi.Application.UseCases.Approvals;
using Allianssi.Application.UseCases.Audit;
using Allianssi.Application.UseCases.Indicators;
using Allianssi.Application.UseCases.Money;
using Allianssi.Application.UseCases.Results;
using Allianssi.Application.UseCases.Scoring;
using Allianssi.Application.UseCases.Setup;
using Allianssi.Application.UseCases.Imports;
using Allianssi.Application.UseCases.Users;
using Allianssi.Store;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Allianssi.Application;

/// <summary>
/// The one composition root of the web app and the command line: the options, the operational store, the analytical
/// store's location, the keys and every use case (scoped, one DbContext per scope).
/// </summary>
public static class ApplicationServices
{
    /// <summary>
    /// Reads and checks <see cref="AllianssiOptions"/> once and registers everything both programs share: the options
    /// (also as <see cref="IOptions{TOptions}"/>, checked again when the host starts), <see cref="TimeProvider"/>, the
    /// operational store with its interceptors, the analytical store's location, the import services with the keys, and
    /// every use case.
    /// </summary>
    /// <returns>The options, for the program's own registrations (the web app's sign-in protections, its banner).</returns>
    /// <exception cref="OptionsValidationException">An invalid setting; each failure has a stable code and names its key.</exception>
    public static AllianssiOptions AddAllianssi(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        var options = AllianssiOptions.Read(configuration);
        services.AddAllianssi(options);
        return options;
    }

    /// <summary>
    /// Registers everything both programs share over options already read (the command line reads them before it
    /// knows whether its verb needs the stores); checks them first.
    /// </summary>
    /// <exception cref="OptionsValidationException">An invalid setting; each failure has a stable code and names its key.</exception>
    public static IServiceCollection AddAllianssi(this IServiceCollection services, AllianssiOptions options)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(options);
        AllianssiOptionsValidator.ThrowIfInvalid(options);
        services.AddSingleton<IValidateOptions<AllianssiOptions>, AllianssiOptionsValidator>();
        services.AddOptions<AllianssiOptions>().Configure(options.CopyTo).ValidateOnStart();
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<AllianssiOptions>>().Value);
        services.AddSingleton(options.AnalyticalLocation());
        services.AddAllianssiUseCases(options.Store());
        services.AddAllianssiImports();
        return services;
    }

    private static IServiceCollection AddAllianssiUseCases(this IServiceCollection services, OperationalStore store)
    {
        store.Register(services);
        services.TryAddSingleton(TimeProvider.System);
        services.AddMemoryCache();
        services.AddSingleton<ResultCalculations>();
        services.AddSingleton<Allianssi.Application.UseCases.Organiser.OrganiserComputations>();
        services.AddScoped<ResultCalculator>();
        services.AddScoped<ListAlliances>();
        services.AddScoped<GetAllianceOverview>();
        services.AddScoped<GetScorecard>();
        services.AddScoped<GetSourceChanges>();
        services.AddScoped<GetYearsInProgress>();
        services.AddScoped<GetSettlement>();
        services.AddScoped<RunWhatIf>();
        services.AddScoped<RecordAdjustment>();
        services.AddScoped<ListAdjustments>();
        services.AddScoped<ListTargetCosts>();
        services.AddScoped<SetTargetCost>();
        services.AddScoped<UpsertLedgerLine>();
        services.AddScoped<DeleteLedgerLine>();
        services.AddScoped<ListLedgerLines>();
        services.AddScoped<GetPublicFunding>();
        services.AddScoped<SetIndicatorValue>();
        services.AddScoped<SetIndicatorLevels>();
        services.AddScoped<SetPublicFundingCeiling>();
        services.AddScoped<SetWeights>();
        services.AddScoped<SetPeriodParameter>();
        services.AddScoped<GetAuditLog>();
        services.AddScoped<Allianssi.Application.UseCases.Organiser.OrganiserPayments>();
        services.AddScoped<VerifyAuditLog>();
        services.AddSingleton<AuditCheckpoint>();
        services.AddScoped<GetApprovalStatus>();
        services.AddScoped<ApproveResult>();
        services.AddScoped<ReopenResult>();
        services.AddScoped<Allianssi.Application.UseCases.PublicResults.GetPublicResults>();
        services.AddScoped<LoadReference>();
        services.AddScoped<MigrateStore>();
        services.AddScoped<CreateUser>();
        services.AddScoped<ListUsers>();
        services.AddScoped<ChangeUser>();
        services.AddScoped<AccountAudit>();
        services.AddScoped<ComputeIndicators>();
        services.AddScoped<QueueComputeJob>();
        services.AddScoped<GetJob>();
        services.AddScoped<CancelJob>();
        services.AddScoped<RunComputeJob>();
        services.AddScoped<GetIndicatorResults>();
        services.AddScoped<GetCareGaps>();
        services.AddScoped<AddCustomIndicator>();
        services.AddScoped<ListCustomIndicators>();
        services.AddScoped<PublishCustomIndicator>();
        services.AddScoped<GetIndicatorCatalog>();
        services.AddScoped<GetAllianceUnitResults>();
        services.AddScoped<GetUnits>();
        return services;
    }
}
