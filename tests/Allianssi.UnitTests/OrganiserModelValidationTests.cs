using Allianssi.Domain.Organiser;

namespace Allianssi.UnitTests;

/// <summary>
/// One test per validation rule of organiser-payments.md section 1, each asserting the JSON path the
/// error names. Every case starts from the worked example's model and breaks one thing.
/// </summary>
public sealed class OrganiserModelValidationTests
{
    private static readonly string Example = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "docs", "organiser-model.json"));

    [Fact]
    public void GivenWorkedExampleModel_WhenRead_ThenItIsValid()
    {
        var model = OrganiserModelReader.Read(Example);
        Assert.Equal(new[] { "837", "604", "980" }, model.Municipalities.ToArray());
        Assert.Equal(6, model.Capitation!.AgeSexWeights.Length);
        Assert.Equal(3, model.TripleAim!.Aims.Length);
        Assert.Equal(4, model.Invoicing!.Products.Length);
    }

    [Fact]
    public void GivenAgeGap_WhenRead_ThenAgeSexWeightsNamedWithTheUncoveredAges()
    {
        var error = Refused(Example.Replace("\"fromAge\": 7,  \"toAge\": 17", "\"fromAge\": 8,  \"toAge\": 17", StringComparison.Ordinal));
        Assert.Contains(error, e => e.Path == "capitation.ageSexWeights" && e.Message.Contains("7-7 for sex F", StringComparison.Ordinal));
        Assert.Contains(error, e => e.Path == "capitation.ageSexWeights" && e.Message.Contains("7-7 for sex M", StringComparison.Ordinal));
    }

    [Fact]
    public void GivenOverlappingGroups_WhenRead_ThenTheOverlappingGroupIsNamed()
    {
        var error = Refused(Example.Replace("\"fromAge\": 18, \"toAge\": 64,   \"sex\": \"F\"", "\"fromAge\": 17, \"toAge\": 64,   \"sex\": \"F\"", StringComparison.Ordinal));
        Assert.Contains(error, e => e.Path == "capitation.ageSexWeights[2]" && e.Message.Contains("overlap", StringComparison.Ordinal));
    }

    [Fact]
    public void GivenNoOpenLastGroup_WhenRead_ThenAgeSexWeightsNamed()
    {
        var error = Refused(Example.Replace("\"fromAge\": 75, \"toAge\": null", "\"fromAge\": 75, \"toAge\": 99", StringComparison.Ordinal));
        Assert.Contains(error, e => e.Path == "capitation.ageSexWeights" && e.Message.Contains("from 100 upwards", StringComparison.Ordinal));
    }

    [Fact]
    public void GivenSexOfOneSexMissing_WhenRead_ThenTheGapForThatSexIsNamed()
    {
        var error = Refused(Example.Replace("\"sex\": \"M\",   \"weight\": 0.75", "\"sex\": \"F\",   \"weight\": 0.75", StringComparison.Ordinal));
        Assert.Contains(error, e => e.Path == "capitation.ageSexWeights" && e.Message.Contains("18-64 for sex M", StringComparison.Ordinal));
        Assert.Contains(error, e => e.Path == "capitation.ageSexWeights[3]");
    }

    [Fact]
    public void GivenZeroWeight_WhenRead_ThenTheWeightIsNamed()
    {
        var error = Refused(Example.Replace("\"weight\": 0.60", "\"weight\": 0", StringComparison.Ordinal));
        Assert.Contains(error, e => e.Path == "capitation.ageSexWeights[1].weight");
    }

    [Fact]
    public void GivenZeroBasePrice_WhenRead_ThenBasePriceIsNamed()
    {
        var error = Refused(Example.Replace("\"basePricePerMonth\": 21.50", "\"basePricePerMonth\": 0", StringComparison.Ordinal));
        Assert.Contains(error, e => e.Path == "capitation.basePricePerMonth");
    }

    [Fact]
    public void GivenNegativeMunicipalityFactor_WhenRead_ThenTheFactorIsNamedByItsCode()
    {
        var error = Refused(Example.Replace("\"municipalityFactors\": { \"604\": 1.05 }", "\"municipalityFactors\": { \"604\": -1.05 }", StringComparison.Ordinal));
        Assert.Contains(error, e => e.Path == "capitation.municipalityFactors.604");
    }

    [Fact]
    public void GivenNegativeAddend_WhenRead_ThenTheAddendIsNamed()
    {
        var error = Refused(Example.Replace("\"addend\": 0.45", "\"addend\": -0.45", StringComparison.Ordinal));
        Assert.Contains(error, e => e.Path == "capitation.needFactors[0].addend");
    }

    [Fact]
    public void GivenUnitOfTwoProviders_WhenRead_ThenTheSecondOccurrenceIsNamed()
    {
        var error = Refused(Example.Replace("\"units\": [\"TES\"]", "\"units\": [\"TES\", \"HER\"]", StringComparison.Ordinal));
        Assert.Contains(error, e => e.Path == "providers[1].units[0]" && e.Message.Contains("mehilainen", StringComparison.Ordinal));
    }

    [Fact]
    public void GivenAimWeightsNotAddingUpTo100_WhenRead_ThenAimsNamed()
    {
        var error = Refused(Example
            .Replace("{ \"id\": \"cost\", \"weight\": 30", "{ \"id\": \"cost\", \"weight\": 20", StringComparison.Ordinal)
            .Replace("{ \"id\": \"need_adjusted_cost_index\", \"weight\": 30", "{ \"id\": \"need_adjusted_cost_index\", \"weight\": 20", StringComparison.Ordinal));
        Assert.Contains(error, e => e.Path == "tripleAim.aims" && e.Message.Contains("90", StringComparison.Ordinal));
    }

    [Fact]
    public void GivenIndicatorWeightsNotAddingUpToTheAim_WhenRead_ThenTheAimsWeightIsNamed()
    {
        var error = Refused(Example.Replace("{ \"id\": \"chronic_balance\", \"weight\": 30", "{ \"id\": \"chronic_balance\", \"weight\": 25", StringComparison.Ordinal));
        Assert.Contains(error, e => e.Path == "tripleAim.aims[1].weight");
    }

    [Fact]
    public void GivenZeroAimWeight_WhenRead_ThenTheAimsWeightIsNamed()
    {
        var error = Refused(Example.Replace("{ \"id\": \"efficacy\", \"weight\": 30", "{ \"id\": \"efficacy\", \"weight\": 0", StringComparison.Ordinal));
        Assert.Contains(error, e => e.Path == "tripleAim.aims[1].weight");
    }

    [Fact]
    public void GivenLevelsNotStrictlyMonotone_WhenRead_ThenTheYearsLevelsAreNamed()
    {
        var error = Refused(Example.Replace("\"minus100\": 20, \"zero\": 50, \"plus100\": 80", "\"minus100\": 20, \"zero\": 20, \"plus100\": 80", StringComparison.Ordinal));
        Assert.Contains(error, e => e.Path == "tripleAim.aims[0].indicators[1].levels.2023");
    }

    [Fact]
    public void GivenMemberNotAMunicipality_WhenRead_ThenTheMemberIsNamed()
    {
        var error = Refused(Example
            .Replace("\"members\": [\"837\", \"604\", \"980\"]", "\"members\": [\"837\", \"604\", \"999\"]", StringComparison.Ordinal)
            .Replace("\"980\": 8000.00", "\"999\": 8000.00", StringComparison.Ordinal));
        Assert.Contains(error, e => e.Path == "invoicing.members[2]" && e.Message.Contains("999", StringComparison.Ordinal));
    }

    [Fact]
    public void GivenAccountInTwoProducts_WhenRead_ThenTheSecondProductsAccountIsNamed()
    {
        var error = Refused(Example.Replace("\"costAccounts\": [\"4200\"]", "\"costAccounts\": [\"4110\"]", StringComparison.Ordinal));
        Assert.Contains(error, e => e.Path == "invoicing.products[1].costAccounts[0]" && e.Message.Contains("doctor_visit", StringComparison.Ordinal));
    }

    [Fact]
    public void GivenAccountInAProductAndTheOverhead_WhenRead_ThenTheOverheadsAccountIsNamed()
    {
        var error = Refused(Example.Replace("\"overhead\": { \"costAccounts\": [\"9000\"] }", "\"overhead\": { \"costAccounts\": [\"9000\", \"4300\"] }", StringComparison.Ordinal));
        Assert.Contains(error, e => e.Path == "invoicing.overhead.costAccounts[1]" && e.Code == "organiser.accountTaken"
            && e.Arguments.SequenceEqual(["4300", "home_care_day"]));
    }

    [Fact]
    public void GivenAccountTwiceInTheOverhead_WhenRead_ThenTheSecondIsNamedWithItsOwnCode()
    {
        var error = Refused(Example.Replace("\"overhead\": { \"costAccounts\": [\"9000\"] }", "\"overhead\": { \"costAccounts\": [\"9000\", \"9000\"] }", StringComparison.Ordinal));
        var e = Assert.Single(error, e => e.Path == "invoicing.overhead.costAccounts[1]");
        Assert.Equal("organiser.accountTwiceInOverhead", e.Code);
        Assert.Equal<object?>(["9000"], e.Arguments);
    }

    [Fact]
    public void GivenMemberWithoutBudget_WhenRead_ThenItsBudgetIsNamed()
    {
        var error = Refused(Example.Replace(", \"980\": 8000.00", string.Empty, StringComparison.Ordinal));
        Assert.Contains(error, e => e.Path == "invoicing.budgets.980");
    }

    [Fact]
    public void GivenUnknownSex_WhenRead_ThenTheGroupsSexIsNamed()
    {
        var error = Refused(Example.Replace("\"fromAge\": 0,  \"toAge\": 6,    \"sex\": \"any\"", "\"fromAge\": 0,  \"toAge\": 6,    \"sex\": \"X\"", StringComparison.Ordinal));
        Assert.Contains(error, e => e.Path == "capitation.ageSexWeights[0].sex");
    }

    [Fact]
    public void GivenMissingField_WhenRead_ThenItsPathIsNamed()
    {
        var error = Refused(Example.Replace("\"poolRate\": 0.05,", string.Empty, StringComparison.Ordinal));
        Assert.Contains(error, e => e.Path == "tripleAim.poolRate" && e.Message == "required field is missing");
    }

    [Fact]
    public void GivenInvalidJson_WhenRead_ThenRefusedWithLineAndPosition()
    {
        var error = Refused("{ \"organiser\": \"pirha\",, }");
        var e = Assert.Single(error);
        Assert.StartsWith("invalid JSON at line 1", e.Message, StringComparison.Ordinal);
        Assert.Equal("organiser.invalidJsonAt", e.Code);
        Assert.Equal(1L, Convert.ToInt64(e.Arguments[0], System.Globalization.CultureInfo.InvariantCulture));
    }

    private static System.Collections.Immutable.ImmutableArray<Domain.Scenarios.ScenarioError> Refused(string json)
    {
        Assert.NotEqual(Example, json);
        var e = Assert.Throws<InvalidOrganiserModelException>(() => OrganiserModelReader.Read(json));
        return e.Errors;
    }
}
