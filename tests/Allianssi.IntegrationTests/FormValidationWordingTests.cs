using System.Globalization;
using System.Resources;
using System.Text.RegularExpressions;
using Allianssi.Application.UseCases.Common;
using Allianssi.Web;
using Allianssi.Web.Infrastructure;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Allianssi.IntegrationTests;

/// <summary>
/// The use cases' form validation (configuration, users, custom indicators, reopening) has stable codes
/// (<c>form.*</c>), worded on Finnish pages in Finnish from the resources <c>Validation.form.*</c> with the
/// values in the reader's culture; the invariant English text stays in the API's answer (issue 12 item 5).
/// </summary>
public sealed partial class FormValidationWordingTests
{
    [Fact]
    public void GivenEveryFormCodeTheUseCasesRaise_ThenEachHasAFinnishAndAnEnglishTextWithTheSameValues()
    {
        var root = ArchitectureTests.RepositoryRoot();
        // The use cases' form codes and the scenario rules' codes (scenario.*, worded on the scorecard and settlement pages).
        var raised = new[] { "Allianssi.Application", "Allianssi.Domain" }
            .SelectMany(project => Directory.EnumerateFiles(Path.Combine(root, "src", project), "*.cs", SearchOption.AllDirectories))
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .SelectMany(f => CodeRegex().Matches(File.ReadAllText(f)).Select(m => m.Groups[1].Value))
            .ToHashSet(StringComparer.Ordinal);
        Assert.True(raised.Count >= 75, $"{raised.Count} codes");
        Assert.Contains("scenario.gainShareRange", raised);

        ValidationTexts.AssertEachInFinnishAndEnglish(raised);
    }

    [Fact]
    public void GivenACodedError_WhenWorded_ThenTheFinnishTextHasFinnishNumbersAndDatesAndTheEnglishIsTheInvariantText()
    {
        var v = new Validation();
        v.Add("to", "form.lastDayBeforeFirst", $"the span's last day {new DateOnly(2017, 12, 31):yyyy-MM-dd} is before its first day {new DateOnly(2018, 4, 1):yyyy-MM-dd}");
        v.Add("kras.ATA1", "form.weightNegative", $"weight of '{"ATA1"}' is negative ({-2.5m})");
        v.Add("sql", "no code, its text only");
        var outcome = v.ToOutcome<string>();

        // The API's text: invariant, whatever the server's culture.
        Assert.Equal("the span's last day 2017-12-31 is before its first day 2018-04-01", outcome.Errors["to"][0]);
        Assert.Equal("weight of 'ATA1' is negative (-2.5)", outcome.Errors["kras.ATA1"][0]);
        Assert.Equal(3, outcome.Coded.Count);

        var resources = new ResourceManager("Allianssi.Web.Resources.Strings", typeof(Strings).Assembly);
        var fi = CultureInfo.GetCultureInfo("fi-FI");
        string Worded(string path)
        {
            var e = outcome.Coded.Single(c => c.Path == path);
            return e.Code is null ? e.Message : string.Format(fi, resources.GetString("Validation." + e.Code, fi)!, [.. e.Arguments]);
        }

        Assert.Equal("jakson viimeinen päivä 31.12.2017 on ennen sen ensimmäistä päivää 1.4.2018", Worded("to"));
        Assert.Equal("kohteen 'ATA1' paino on negatiivinen (-2,5)", Worded("kras.ATA1").Replace('\u2212', '-'));
        Assert.Equal("no code, its text only", Worded("sql"));
    }

    [Fact]
    public void GivenAValueReadWithTheStoresScale_WhenWorded_ThenTheReaderSeesNoTrailingZeros()
    {
        // PostgreSQL reads a numeric(28,10) value as -1.5000000000.
        var v = new Validation();
        v.Add("kras.ATA1", "form.weightNegative", $"weight of '{"ATA1"}' is negative ({-1.5000000000m})");
        var outcome = v.ToOutcome<string>();
        var text = new StringLocalizer<Strings>(new ResourceManagerStringLocalizerFactory(
            Options.Create(new LocalizationOptions { ResourcesPath = "Resources" }), NullLoggerFactory.Instance));
        var previous = CultureInfo.CurrentCulture;
        var previousUi = CultureInfo.CurrentUICulture;
        try
        {
            CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("fi-FI");
            Assert.Equal("kohteen 'ATA1' paino on negatiivinen (-1,5)", ValidationText.Worded(text, outcome)["kras.ATA1"][0].Replace('\u2212', '-'));
        }
        finally
        {
            CultureInfo.CurrentCulture = previous;
            CultureInfo.CurrentUICulture = previousUi;
        }
    }

    [Fact]
    public void GivenAYearARequestCannotUse_WhenRefused_ThenTheRefusalHasItsCodeAFinnishTextAndTheInvariantEnglish()
    {
        var refusals = new[]
        {
            YearRefusals.OutsidePeriod<string>(2031, "P1", 2018, 2021),
            YearRefusals.InNoPeriod<string>(1990),
            YearRefusals.Required<string>(),
        };

        Assert.Equal(["form.yearOutsidePeriod", "form.yearInNoPeriod", "form.yearRequired"], refusals.Select(r => r.Coded.Single().Code));
        Assert.All(refusals, r => Assert.Equal("year", r.Coded.Single().Path));
        Assert.Equal(
            ["2031 is not a year of period P1 (2018-2021)", "1990 is in no period, or there is no data yet", "give a year"],
            refusals.Select(r => r.Errors["year"].Single()));

        var resources = new ResourceManager("Allianssi.Web.Resources.Strings", typeof(Strings).Assembly);
        string Worded(Outcome<string> outcome, string culture)
        {
            var e = outcome.Coded.Single();
            var c = CultureInfo.GetCultureInfo(culture);
            return string.Format(c, resources.GetString("Validation." + e.Code, c)!, [.. e.Arguments]);
        }

        Assert.Equal(
            ["2031 ei ole jakson P1 vuosi (2018–2021)", "1990 ei kuulu mihinkään jaksoon, tai sen tietoja ei vielä ole", "anna vuosi"],
            refusals.Select(r => Worded(r, "fi-FI")));
        Assert.Equal(refusals.Select(r => r.Errors["year"].Single()), refusals.Select(r => Worded(r, "en-GB")));
    }

    [GeneratedRegex("\"((?:form|scenario)\\.[A-Za-z]+)\"")]
    private static partial Regex CodeRegex();
}
