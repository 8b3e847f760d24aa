using Allianssi.Application.Data;
using Allianssi.Application.UseCases.Alliances;
using Allianssi.Application.UseCases.Approvals;
using Allianssi.Application.UseCases.Audit;
using Allianssi.Application.UseCases.Indicators;
using Allianssi.Application.UseCases.Money;
using Allianssi.Application.UseCases.Scoring;
using Allianssi.Application.UseCases.Setup;
using Allianssi.Application.UseCases.Users;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Allianssi.Application;

/// <summary>Registers the operational store and every use case (scoped, one DbContext per scope).</summary>
public static class ApplicationServices
{
    public static IServiceCollection AddAllianssiApplication(this IServiceCollection services, OperationalStore store)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(store);
        store.Register(services);
        services.TryAddSingleton(TimeProvider.System);
        services.AddMemoryCache();
        services.AddSingleton<StoreChanges>();
        services.AddSingleton<CurrentSnapshots>();
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
        return services;
    }
}
