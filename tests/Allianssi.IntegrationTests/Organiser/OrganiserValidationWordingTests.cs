using System.Globalization;
using System.Resources;
using System.Text.RegularExpressions;
using Allianssi.Domain.Organiser;
using Allianssi.Web;

namespace Allianssi.IntegrationTests.Organiser;

/// <summary>
/// Issue 14: every validation message of the organiser model has a stable code, worded in Finnish and
/// English from the resources <c>Validation.organiser.*</c> with its values in the reader's culture; the
/// English text stays in the error for the CLI and the API.
/// </summary>
public sealed partial class OrganiserValidationWordingTests
{
    [Fact]
    public void GivenEveryCodeOfTheModelsRulesAndReader_ThenEachHasAFinnishAndAnEnglishTextWithTheSamePlaceholders()
    {
        var root = ArchitectureTests.RepositoryRoot();
        var codes = new[] { "Allianssi.Domain/Organiser/OrganiserModelRules.cs", "Allianssi.Domain/Organiser/OrganiserModelReader.cs", "Allianssi.Application/UseCases/Organiser/OrganiserPayments.cs" }
            .Select(f => File.ReadAllText(Path.Combine(root, "src", f)))
            .SelectMany(text => CodeRegex().Matches(text).Select(m => m.Groups[1].Value))
            .ToHashSet(StringComparer.Ordinal);
        Assert.True(codes.Count >= 45, $"{codes.Count} codes");

        ValidationTexts.AssertEachInFinnishAndEnglish(codes);
    }

    [Fact]
    public void GivenAnInvalidModel_WhenItsErrorsAreWorded_ThenTheCodeAndValuesGiveTheEnglishTextAndAFinnishOneWithADecimalComma()
    {
        var json = OrganiserFixture.ExampleModel
            .Replace("\"basePricePerMonth\": 21.50", "\"basePricePerMonth\": -1.25", StringComparison.Ordinal)
            .Replace("\"addend\": 0.45", "\"addend\": -0.45", StringComparison.Ordinal);
        var errors = Assert.Throws<InvalidOrganiserModelException>(() => OrganiserModelReader.Read(json)).Errors;
        var price = Assert.Single(errors, e => e.Path == "capitation.basePricePerMonth");
        var addend = Assert.Single(errors, e => e.Path == "capitation.needFactors[0].addend");
        Assert.Equal("organiser.basePriceNotPositive", price.Code);
        Assert.Equal("the base price must be positive, is -1.25", price.Message);
        Assert.Equal("organiser.addendNegative", addend.Code);

        var resources = new ResourceManager("Allianssi.Web.Resources.Strings", typeof(Strings).Assembly);
        var fi = CultureInfo.GetCultureInfo("fi-FI");
        string Worded(Domain.Scenarios.ScenarioError e, CultureInfo culture) =>
            string.Format(culture, resources.GetString("Validation." + e.Code, culture)!, [.. e.Arguments]);
        Assert.Equal("perushinnan on oltava positiivinen, on -1,25", Worded(price, fi).Replace('\u2212', '-'));
        Assert.Equal("lisäys ei voi olla negatiivinen, on -0,45", Worded(addend, fi).Replace('\u2212', '-'));
        Assert.Equal(price.Message, Worded(price, CultureInfo.GetCultureInfo("en-GB")));
    }

    [GeneratedRegex("\"(organiser\\.[A-Za-z]+)\"")]
    private static partial Regex CodeRegex();
}
