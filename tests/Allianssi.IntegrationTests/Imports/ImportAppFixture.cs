using Microsoft.AspNetCore.Hosting;

namespace Allianssi.IntegrationTests;

/// <summary>The demo web application with its own data directory (analytical store, generated key), no demo data set.</summary>
public class ImportAppFixture(Store store) : DataFolderAppFixture(store, "imp")
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Demo:Residents", "0");
    }
}

public sealed class SqliteImportFixture() : ImportAppFixture(Store.Sqlite);

public sealed class PostgresImportFixture() : ImportAppFixture(Store.PostgreSql);
