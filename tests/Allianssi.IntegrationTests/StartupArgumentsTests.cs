using Allianssi.Application;
using Allianssi.Web.Infrastructure;
using Microsoft.AspNetCore.Builder;

namespace Allianssi.IntegrationTests;

/// <summary>The web process's command line: the bare <c>--demo</c> switch does not swallow the option after it.</summary>
public sealed class StartupArgumentsTests
{
    private static readonly string[] Args = ["--demo", "--urls", "http://127.0.0.1:8123", "--Demo:Residents=0", "--data", "/tmp/allianssi-args-test", "--ConnectionStrings:Operational=Data Source=/tmp/allianssi-args-test.db"];

    [Fact]
    public void GivenDemoSwitchBeforeOtherOptions_WhenTheConfigurationIsBuilt_ThenTheFollowingOptionsKeepTheirValuesAndDemoModeIsOn()
    {
        var config = WebApplication.CreateBuilder(StartupArguments.ConfigurationArguments(Args)).Configuration;

        Assert.Equal(("http://127.0.0.1:8123", "0", "/tmp/allianssi-args-test"), (config["urls"], config["Demo:Residents"], config["data"]));
        var options = AllianssiOptions.Read(config);
        Assert.Equal((true, false, "/tmp/allianssi-args-test"), (options.Demo, options.IsEmbeddedStore, options.DataDirectory));
    }

    [Fact]
    public void GivenDemoSwitchBeforeOtherOptions_WhenTheRawArgumentsAreUsed_ThenTheProviderPairsItWithTheNextArgument()
    {
        // What ConfigurationArguments guards against: the command-line provider takes "--urls" as the value of "demo".
        var config = WebApplication.CreateBuilder(Args).Configuration;

        Assert.Equal("--urls", config["demo"]);
    }
}
