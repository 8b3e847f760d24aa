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
    /// with the process's memory limit and spill cap) and the import use cases. The pseudonymisation and upload keys come from <see cref="SecretKey.Pseudonym"/> and
    /// <see cref="SecretKey.Upload"/> (setting, environment variable, else the key file in the data directory);
    /// <paramref name="generateKey"/> (demo mode) creates the files when there are none.
    /// </summary>
    /// <param name="services">The services.</param>
    /// <param name="dataDirectory">The data directory.</param>
    /// <param name="generateKey">Demo mode: generate missing key files.</param>
    /// <param name="settings">Reads a setting by name (the configuration); null reads the process environment.</param>
    /// <param name="limits">The readers' limits bound at start; null: <see cref="ReaderLimits.Default"/>.</param>
    public static IServiceCollection AddAllianssiImports(this IServiceCollection services, string dataDirectory, bool generateKey, Func<string, string?>? settings = null, ReaderLimits? limits = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        var full = Path.GetFullPath(dataDirectory);
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(sp => new AnalyticalData(
            sp.GetRequiredService<AnalyticalStoreLocation>(), sp.GetRequiredService<OperationalStore>(), () => SecretKey.Pseudonym.Load(full, generateKey, settings), sp.GetRequiredService<TimeProvider>(),
            () => SecretKey.Upload.Load(full, generateKey, settings), limits));
        services.AddScoped<ImportExtract>();
        services.AddScoped<ListBatches>();
        services.AddScoped<GetBatchDiagnostics>();
        services.AddScoped<RevertBatch>();
        return services;
    }
}
