using System.Collections;
using System.Globalization;
using System.Resources;
using System.Text.RegularExpressions;
using Allianssi.Web;

namespace Allianssi.IntegrationTests;

/// <summary>The app's texts of coded errors (<c>Validation.{code}</c>) as a Finnish and an English reader get them.</summary>
internal static partial class ValidationTexts
{
    /// <summary>The web app's resources.</summary>
    public static ResourceManager Resources { get; } = new("Allianssi.Web.Resources.Strings", typeof(Strings).Assembly);

    /// <summary>Asserts that every code has an English and a Finnish text, the two differ, and they take the same values.</summary>
    public static void AssertEachInFinnishAndEnglish(IEnumerable<string> codes)
    {
        var english = Texts(CultureInfo.InvariantCulture);
        var finnish = Texts(CultureInfo.GetCultureInfo("fi"));
        foreach (var code in codes)
        {
            Assert.True(english.TryGetValue("Validation." + code, out var en) && en.Length > 0, code);
            Assert.True(finnish.TryGetValue("Validation." + code, out var fi) && fi.Length > 0, code);
            Assert.NotEqual(en, fi);
            Assert.True(Placeholders(en).SetEquals(Placeholders(fi)), $"{code}: '{en}' / '{fi}'");
        }
    }

    private static Dictionary<string, string> Texts(CultureInfo culture) =>
        Resources.GetResourceSet(culture, true, false)!.Cast<DictionaryEntry>()
            .ToDictionary(e => (string)e.Key, e => (string)e.Value!, StringComparer.Ordinal);

    /// <summary>The values a text takes, by index (<c>{1}</c> and <c>{1:N2}</c> are one value).</summary>
    private static HashSet<string> Placeholders(string text) => [.. PlaceholderRegex().Matches(text).Select(m => m.Groups[1].Value)];

    [GeneratedRegex(@"\{(\d+)(?::[^}]*)?\}")]
    private static partial Regex PlaceholderRegex();
}
