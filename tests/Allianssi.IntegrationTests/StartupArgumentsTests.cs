using Allianssi.Web.Infrastructure;
using Microsoft.AspNetCore.Builder;

namespace Allianssi.IntegrationTests;

/// <summary>The web process's command line: the bare <c>--demo</c> switch does not swallow the option after it.</summary>
public sealed class StartupArgumentsTests
{
    private static readonly string[] Args = ["--demo", "--urls", "http://127.0.0.1:8123", "--Demo:Residents=0", "--data", "/tmp/allianssi-args-test"];

    [Fact]
    public void GivenDemoSwitchBeforeOtherOptions_WhenTheConfigurationIsBuilt_ThenTheFollowingOptionsKeepTheirValuesAndDemoModeIsOn()
    {
        var config = WebApplication.CreateBuilder(StartupOptions.ConfigurationArguments(Args)).Configuration;

        Assert.Equal(("http://127.0.0.1:8123", "0", "/tmp/allianssi-args-test"), (config["urls"], config["Demo:Residents"], config["data"]));
        var startup = StartupOptions.From(config, Args, embeddedDefault: false, sqlite: true);
        Assert.Equal((true, "/tmp/allianssi-args-test"), (startup.Demo, startup.DataDirectory));
    }

    [Fact]
    public void GivenDemoSwitchBeforeOtherOptions_WhenTheRawArgumentsAreUsed_ThenTheProviderPairsItWithTheNextArgument()
    {
        // What ConfigurationArguments guards against: the command-line provider takes "--urls" as the value of "demo".
        var config = WebApplication.CreateBuilder(Args).Configuration;

        Assert.Equal("--urls", config["demo"]);
    }
}
