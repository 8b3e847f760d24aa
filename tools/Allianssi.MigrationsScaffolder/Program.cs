using Allianssi.Application.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using Microsoft.EntityFrameworkCore.Migrations.Design;
using Microsoft.Extensions.DependencyInjection;

// Usage: <MigrationName> [repoRoot]. Writes src/Allianssi.Application/Data/Migrations/{Sqlite,Postgres}.
var name = args.Length > 0 ? args[0] : throw new ArgumentException("give a migration name");
var root = args.Length > 1 ? args[1] : Directory.GetCurrentDirectory();
var project = Path.Combine(root, "src", "Allianssi.Application");

Scaffold(
    OperationalStore.Resolve("Data Source=:memory:", Path.GetTempPath()).CreateContext(),
    new Microsoft.EntityFrameworkCore.Sqlite.Design.Internal.SqliteDesignTimeServices(),
    "Sqlite");
Scaffold(
    OperationalStore.Resolve("Host=localhost;Database=design", Path.GetTempPath()).CreateContext(),
    new Npgsql.EntityFrameworkCore.PostgreSQL.Design.Internal.NpgsqlDesignTimeServices(),
    "Postgres");

void Scaffold(DbContext context, IDesignTimeServices providerServices, string folder)
{
    var services = new ServiceCollection();
    services.AddEntityFrameworkDesignTimeServices();
    services.AddDbContextDesignTimeServices(context);
    providerServices.ConfigureDesignTimeServices(services);
    using var provider = services.BuildServiceProvider();
    var scaffolder = provider.GetRequiredService<IMigrationsScaffolder>();
    var migration = scaffolder.ScaffoldMigration(name, "Allianssi.Application", "Data.Migrations." + folder, "C#");
    var files = scaffolder.Save(project, migration, Path.Combine(project, "Data", "Migrations", folder));
    Console.WriteLine($"{folder}: {files.MigrationFile}");
}
