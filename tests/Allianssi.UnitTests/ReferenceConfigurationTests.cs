using Allianssi.Domain.Contracts;
using Allianssi.Domain.Reference;
using Allianssi.Domain.Scenarios;

namespace Allianssi.UnitTests;

/// <summary>The reference configuration is read once, by one loader, and every reader takes its part from it (issue 13 item 2).</summary>
public class ReferenceConfigurationTests
{
    [Fact]
    public void GivenTheEmbeddedTesoma_WhenAskedForTwice_ThenItIsTheSameParsedConfiguration()
    {
        var first = ReferenceConfiguration.Named("tesoma");

        Assert.Same(first, ReferenceConfiguration.Named("tesoma"));
        Assert.Same(first, ReferenceConfiguration.Tesoma);
        Assert.Equal(["tampere", "pirha", "mehilainen", "setlementti"], first.PartyIds.ToArray());
        Assert.Equal(["P1", "P2", "P3"], first.Periods.Select(p => p.Id));
        Assert.Equal(new DateOnly(2028, 3, 31), first.Period("P3").Dates.End);
    }

    [Fact]
    public void GivenAPeriod_WhenItsParametersAreRead_ThenTheyAreTheValuesOfTheFile()
    {
        var p2 = ReferenceConfiguration.Tesoma.ParametersOf("P2");

        Assert.Equal(["hba1cMax", "ldlT2dMax", "ldlChdMax", "minimumCount"], p2.Keys);
        Assert.Equal(1.4m, p2["ldlChdMax"].GetDecimal());
        Assert.Equal(1.8m, ReferenceConfiguration.Tesoma.ParametersOf("P1")["ldlChdMax"].GetDecimal());
        Assert.Empty(ReferenceConfiguration.Tesoma.ParametersOf("P9"));
    }

    [Fact]
    public void GivenAnUnknownName_WhenLoaded_ThenTheErrorNamesTheKnownOnes()
    {
        var error = Assert.Throws<ArgumentException>(() => ReferenceConfiguration.Named("kangasala"));

        Assert.StartsWith("No reference configuration named 'kangasala'; known: tesoma.", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void GivenAnUnknownScoreAggregation_WhenParsed_ThenTheErrorNamesThePeriodsField()
    {
        var error = Assert.Throws<InvalidScenarioException>(() => ReferenceConfiguration.Parse(
            """{ "periods": [ { "id": "P1", "start": "2018-04-01", "end": "2021-12-31", "scoreAggregation": "median" } ] }"""));

        var only = Assert.Single(error.Errors);
        Assert.Equal("periods[0].scoreAggregation", only.Path);
        Assert.Equal("must be one of \"monthWeightedMean\", \"finalYear\"", only.Message);
    }

    [Theory]
    [InlineData(PartyRole.Purchaser, "purchaser")]
    [InlineData(PartyRole.Producer, "producer")]
    [InlineData(PartyRole.Partner, "partner")]
    public void GivenARole_WhenNamedAndReadBack_ThenTheScenarioNameRoundTrips(PartyRole role, string name)
    {
        Assert.Equal(name, ScenarioNames.Name(role));
        Assert.True(ScenarioNames.Roles.TryParse(name, out var back));
        Assert.Equal(role, back);
        Assert.False(ScenarioNames.Roles.TryParse("Purchaser", out _));
    }
}
