using System.Collections;
using System.Globalization;
using System.Resources;
using System.Text.RegularExpressions;
using Allianssi.Application.UseCases.Common;
using Allianssi.Web;

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
        var raised = Directory.EnumerateFiles(Path.Combine(root, "src", "Allianssi.Application"), "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .SelectMany(f => CodeRegex().Matches(File.ReadAllText(f)).Select(m => m.Groups[1].Value))
            .ToHashSet(StringComparer.Ordinal);
        Assert.True(raised.Count >= 35, $"{raised.Count} codes");

        var resources = new ResourceManager("Allianssi.Web.Resources.Strings", typeof(Strings).Assembly);
        var english = Texts(resources.GetResourceSet(CultureInfo.InvariantCulture, true, false)!);
        var finnish = Texts(resources.GetResourceSet(CultureInfo.GetCultureInfo("fi"), true, false)!);
        foreach (var code in raised)
        {
            Assert.True(english.TryGetValue("Validation." + code, out var en) && en.Length > 0, code);
            Assert.True(finnish.TryGetValue("Validation." + code, out var fi) && fi.Length > 0, code);
            Assert.NotEqual(en, fi);
            Assert.True(Placeholders(en).SetEquals(Placeholders(fi)), $"{code}: '{en}' / '{fi}'");
        }
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

    private static Dictionary<string, string> Texts(ResourceSet set) =>
        set.Cast<DictionaryEntry>().ToDictionary(e => (string)e.Key, e => (string)e.Value!, StringComparer.Ordinal);

    private static HashSet<string> Placeholders(string text) => [.. PlaceholderRegex().Matches(text).Select(m => m.Groups[1].Value)];

    [GeneratedRegex("\"(form\\.[A-Za-z]+)\"")]
    private static partial Regex CodeRegex();

    [GeneratedRegex(@"\{(\d+)(?::[^}]*)?\}")]
    private static partial Regex PlaceholderRegex();
}
