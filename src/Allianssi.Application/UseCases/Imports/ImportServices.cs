using Allianssi.Application.Data;
using Allianssi.Import.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Allianssi.Application.UseCases.Imports;

/// <summary>Registers the analytical store and the import use cases.</summary>
public static class ImportServices
{
    /// <summary>
    /// Adds <see cref="AnalyticalData"/> over <c>&lt;dataDirectory&gt;/analytical.duckdb</c> and the import
    /// use cases. The key comes from <c>ALLIANSSI_PSEUDONYM_KEY</c> or <c>&lt;data&gt;/pseudonym.key</c>;
    /// <paramref name="generateKey"/> (demo mode) creates the file when there is none.
    /// </summary>
    public static IServiceCollection AddAllianssiImports(this IServiceCollection services, string dataDirectory, bool generateKey)
    {
        ArgumentNullException.ThrowIfNull(services);
        var full = Path.GetFullPath(dataDirectory);
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(sp => new AnalyticalData(full, sp.GetRequiredService<OperationalStore>(), () => PseudonymKey.Load(full, generateKey), sp.GetRequiredService<TimeProvider>()));
        services.AddScoped<ImportExtract>();
        services.AddScoped<ListBatches>();
        services.AddScoped<GetBatchDiagnostics>();
        services.AddScoped<RevertBatch>();
        return services;
    }
}
