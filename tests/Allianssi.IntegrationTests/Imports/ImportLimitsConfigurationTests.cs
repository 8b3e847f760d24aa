using System.Text;
using Allianssi.Application.Security;
using Allianssi.Application.UseCases.Imports;
using Allianssi.Import;
using Allianssi.Import.Diagnostics;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Allianssi.IntegrationTests;

/// <summary>The app with a configured reader limit (<c>Allianssi:Import:Limits:MaxColumns</c> = 4).</summary>
public sealed class LimitedImportFixture() : ImportAppFixture(Store.Sqlite)
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Allianssi:Import:Limits:MaxColumns", "4");
    }
}

/// <summary>The readers' limits are configuration, bound and validated when the web app starts.</summary>
public sealed class ImportLimitsConfigurationTests(LimitedImportFixture app) : IClassFixture<LimitedImportFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task GivenAConfiguredColumnLimit_WhenAWiderFileIsImported_ThenItIsRefusedWithTooManyColumns()
    {
        app.SkipIfUnavailable();
        Assert.Equal(4, app.Services.GetRequiredService<AnalyticalData>().Limits.MaxColumns);
        await using var scope = app.Services.CreateAsyncScope();
        await using var stream = new MemoryStream(Encoding.UTF8.GetBytes("unit_id;name;municipality_code;kind;parent_id\nTESOMA;Tesoma;837;alliance;\n"));

        var outcome = await scope.ServiceProvider.GetRequiredService<ImportExtract>()
            .ExecuteAsync(new ImportExtractCommand("units", stream, "units.csv") { DryRun = true }, new Actor("tampere.analyst", Roles.Analyst, "tampere"), Ct);

        Assert.True(outcome.IsOk, outcome.Message);
        Assert.Equal(ImportOutcome.Refused, outcome.Value!.Outcome);
        Assert.Contains(outcome.Value.Diagnostics, d => d.Code == DiagnosticCodes.TooManyColumns);
    }

    [Theory]
    [InlineData("MaxColumns", "many")]
    [InlineData("MaxRows", "0")]
    [InlineData("MaxColums", "10")]
    public void GivenAnInvalidConfiguredLimit_WhenStarting_ThenStartUpStopsNamingTheSetting(string name, string value)
    {
        var data = Path.Combine(Path.GetTempPath(), $"allianssi-limits-{Guid.NewGuid():N}");
        using var factory = new WebApplicationFactory<Program>().WithWebHostBuilder(b =>
        {
            b.UseSetting("Allianssi:Data", data);
            b.UseSetting("Allianssi:Import:Limits:" + name, value);
        });

        // The options model (issue 13) reports it with its stable code before the key.
        var error = Assert.Throws<Microsoft.Extensions.Options.OptionsValidationException>(() => factory.CreateClient());

        Assert.StartsWith($"CFG002 Allianssi:Import:Limits:{name} is not a limit and a positive whole number", error.Message, StringComparison.Ordinal);
        if (Directory.Exists(data))
        {
            Directory.Delete(data, recursive: true);
        }
    }
}
