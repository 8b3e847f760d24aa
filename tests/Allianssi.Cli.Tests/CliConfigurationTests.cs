using Allianssi.Application;
using Allianssi.Cli;

namespace Allianssi.Cli.Tests;

/// <summary>
/// The command line reads the web app's configuration files: <c>appsettings.json</c>, then
/// <c>appsettings.{Environment}.json</c> for <c>ASPNETCORE_ENVIRONMENT</c>/<c>DOTNET_ENVIRONMENT</c>, then the environment.
/// </summary>
public sealed class CliConfigurationTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "allianssi-cli-config-" + Guid.NewGuid().ToString("N"));

    public CliConfigurationTests()
    {
        Directory.CreateDirectory(_directory);
        File.WriteAllText(Path.Combine(_directory, "appsettings.json"),
            $$"""{ "Allianssi": { "Data": "{{Folder("from-base")}}", "Lockout": { "Minutes": 30 } }, "ALLIANSSI_IMPORT_MEMORY_LIMIT": "300MB" }""");
        File.WriteAllText(Path.Combine(_directory, "appsettings.Staging.json"),
            $$"""{ "Allianssi": { "Data": "{{Folder("from-staging")}}" }, "ALLIANSSI_STORE_MAX_TEMP_SIZE": "1GB" }""");
    }

    [Theory]
    [InlineData(null, null, null, "from-base", "2GB")]
    [InlineData("DOTNET_ENVIRONMENT", "Staging", null, "from-staging", "1GB")]
    [InlineData("ASPNETCORE_ENVIRONMENT", "Staging", null, "from-staging", "1GB")]
    [InlineData("DOTNET_ENVIRONMENT", "Development", null, "from-base", "2GB")]
    [InlineData("DOTNET_ENVIRONMENT", "Staging", "from-environment", "from-environment", "1GB")]
    public void GivenAnEnvironmentName_WhenTheCliReadsItsConfiguration_ThenThatEnvironmentsFileOverridesTheBaseFile_AndTheEnvironmentOverridesBoth(
        string? variable, string? environmentName, string? dataInEnvironment, string expectedData, string expectedMaxTemp)
    {
        var environment = new Dictionary<string, string?>
        {
            [variable ?? "UNUSED"] = environmentName,
            ["Allianssi__Data"] = dataInEnvironment is null ? null : Folder(dataInEnvironment),
        };

        var options = AllianssiOptions.Read(CliHost.Configuration(new Dictionary<string, string?>(), n => environment.GetValueOrDefault(n), _directory));

        Assert.Equal(Folder(expectedData), options.DataDirectory);
        Assert.Equal(30, options.Lockout.Minutes);
        var store = options.AnalyticalLocation();
        Assert.Equal((Path.Combine(Folder(expectedData), "analytical.duckdb"), "300MB", expectedMaxTemp), (store.Path, store.MemoryLimit, store.MaxTempSize));
    }

    [Fact]
    public void GivenNoEnvironmentName_ThenTheEnvironmentIsProduction_AndTheWebAppsVariableWins()
    {
        Assert.Equal("Production", CliHost.EnvironmentName(_ => null));
        Assert.Equal("Staging", CliHost.EnvironmentName(n => n == "DOTNET_ENVIRONMENT" ? "Staging" : null));
        Assert.Equal("Test", CliHost.EnvironmentName(n => n == "ASPNETCORE_ENVIRONMENT" ? "Test" : "Staging"));
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private string Folder(string name) => Path.Combine(_directory, name);
}
