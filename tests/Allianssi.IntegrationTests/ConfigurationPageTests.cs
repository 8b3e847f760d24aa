namespace Allianssi.IntegrationTests;

/// <summary>The configuration page offers each role only the forms its use cases accept (issue 11: weights and levels are the leadership's).</summary>
public sealed class ConfigurationPageTests(SqliteFixture app) : IClassFixture<SqliteFixture>
{
    [Theory]
    [InlineData("tampere.analyst", false, true)]
    [InlineData("mehilainen.analyst", false, true)]
    [InlineData("tampere.leadership", true, false)]
    [InlineData("admin", true, true)]
    [InlineData("tampere.viewer", false, false)]
    public async Task GivenARole_WhenOpeningTheConfigurationPage_ThenOnlyTheFormsItMayUseAreShown(string user, bool levelsAndWeights, bool parametersAndLedger)
    {
        var client = await app.ClientForAsync(user);

        var html = await client.GetStringAsync("/configuration?culture=en-GB", TestContext.Current.CancellationToken);

        Assert.Contains("data-testid=\"current-configuration\"", html, StringComparison.Ordinal);
        Assert.Equal(levelsAndWeights, html.Contains("id=\"levels-minus\"", StringComparison.Ordinal));
        Assert.Equal(levelsAndWeights, html.Contains("id=\"w-ATA1\"", StringComparison.Ordinal));
        Assert.Equal(parametersAndLedger, html.Contains("id=\"param-name\"", StringComparison.Ordinal));
        Assert.Equal(parametersAndLedger, html.Contains("id=\"ledger-amount\"", StringComparison.Ordinal));
    }
}
