using Allianssi.Application.Data;
using Allianssi.Import.Identity;
using Allianssi.Import.Reading;
using Allianssi.Store;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Allianssi.Application.UseCases.Imports;

/// <summary>Registers the analytical store and the import use cases.</summary>
public static class ImportServices
{
    /// <summary>
    /// Adds <see cref="AnalyticalData"/> over the registered <see cref="AnalyticalStoreLocation"/> (the composition root's,
    /// with the process's memory limit and spill cap) and the import use cases. Everything else comes from the registered
    /// <see cref="AllianssiOptions"/>: the pseudonymisation and upload keys through <see cref="SecretKey.Pseudonym"/> and
    /// <see cref="SecretKey.Upload"/> (setting, environment variable, else the key file in the data directory; demo mode
    /// creates missing files) and the readers' limits.
    /// </summary>
    /// <param name="services">The services.</param>
    internal static IServiceCollection AddAllianssiImports(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(sp =>
        {
            var options = sp.GetRequiredService<AllianssiOptions>();
            var folder = Path.GetFullPath(options.DataDirectory);
            return new AnalyticalData(
                sp.GetRequiredService<AnalyticalStoreLocation>(), sp.GetRequiredService<OperationalStore>(),
                () => SecretKey.Pseudonym.Load(folder, options.Demo, options.Secret), sp.GetRequiredService<TimeProvider>(),
                () => SecretKey.Upload.Load(folder, options.Demo, options.Secret), options.ImportLimits);
        });
        services.AddScoped<ImportExtract>();
        services.AddScoped<ListBatches>();
        services.AddScoped<GetBatchDiagnostics>();
        services.AddScoped<RevertBatch>();
        return services;
    }
}
