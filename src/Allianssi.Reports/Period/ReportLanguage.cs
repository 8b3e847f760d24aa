using System.Globalization;
using System.Resources;
using Allianssi.Domain;

namespace Allianssi.Reports.Period;

/// <summary>
/// The language of a document: its culture (fi-FI or en-GB, both with the euro sign), its texts
/// (<c>Resources/ReportTexts*.resx</c>), the explanation lines worded as the pages word them
/// (<see cref="ExplanationWording"/>) and the display of money, scores and dates: <c>1 234,56 €</c>
/// and <c>1.4.2018</c> in Finnish.
/// </summary>
public sealed class ReportLanguage
{
    private static readonly ResourceManager Texts = new("Allianssi.Reports.Resources.ReportTexts", typeof(ReportLanguage).Assembly);
    private static readonly ResourceManager WebTexts = new("Allianssi.Reports.Resources.WebStrings", typeof(ReportLanguage).Assembly);
    private static readonly TimeZoneInfo Finland = FindFinland();

    private ReportLanguage(CultureInfo culture)
    {
        Culture = culture;
    }

    /// <summary>Finnish (fi-FI).</summary>
    public static ReportLanguage Finnish { get; } = new(Create("fi-FI"));

    /// <summary>English (en-GB with euros).</summary>
    public static ReportLanguage English { get; } = new(Create("en-GB"));

    /// <summary>The culture numbers and dates are written in.</summary>
    public CultureInfo Culture { get; }

    /// <summary>Whether the document is in Finnish (for data that carries both names).</summary>
    public bool IsFinnish => Culture.TwoLetterISOLanguageName == "fi";

    /// <summary>The language of a code (<c>fi</c> or <c>en</c>); null for any other.</summary>
    public static ReportLanguage? Of(string? code) => code?.ToUpperInvariant() switch
    {
        null or "" or "FI" or "FI-FI" => Finnish,
        "EN" or "EN-GB" or "EN-US" => English,
        _ => null,
    };

    /// <summary>A text of the document in its language.</summary>
    public string this[string key] => Texts.GetString(key, Culture) ?? key;

    /// <summary>A text the web pages use too (e.g. <c>Aggregation.finalYear</c>, <c>Kind.proportion</c>), so the document words it as the page does.</summary>
    public string Page(string key) => WebTexts.GetString(key, Culture) ?? key;

    /// <summary>A text with values formatted in the document's culture.</summary>
    public string Format(string key, params object?[] values) => string.Format(Culture, this[key], values);

    /// <summary>Euros with cents: <c>1 234,56 €</c> (fi), <c>€1,234.56</c> (en).</summary>
    public string Money(decimal? euros) => euros is { } e ? e.ToString("C2", Culture) : "–";

    /// <summary>A score at its display precision, one decimal (half away from zero), as the pages show it.</summary>
    public string Score(decimal? score) => score is { } s ? s.ToString("0.0", Culture) : "–";

    /// <summary>A number with up to three decimals.</summary>
    public string Number(decimal? value) => value is { } v ? v.ToString("#,0.###", Culture) : "–";

    /// <summary>A number with up to three decimals.</summary>
    public string Number(double? value) => value is { } v ? v.ToString("#,0.###", Culture) : "–";

    /// <summary>A percentage of weight.</summary>
    public string Percent(decimal? value) => value is { } v ? v.ToString("0.##", Culture) + " %" : "–";

    /// <summary>A date: <c>1.4.2018</c> (fi), <c>01/04/2018</c> (en).</summary>
    public string Date(DateOnly date) => date.ToString("d", Culture);

    /// <summary>A moment in Finnish time (the alliance's), short date and time; independent of the server's zone.</summary>
    public string Moment(DateTimeOffset moment) => TimeZoneInfo.ConvertTime(moment, Finland).ToString("g", Culture);

    /// <summary>
    /// An explanation line in the document's language, worded from its data; the domain's text when no wording exists.
    /// Parties by <paramref name="partyName"/>; the line's ids of indicators and key result areas (its only text values)
    /// by <paramref name="idName"/>, as the pages show them (<c>Hoitosuunnitelma (chronic_care_plan)</c>).
    /// </summary>
    public string Explain(Explanation line, Func<string, string> partyName, Func<string, string>? idName = null) =>
        new ExplanationWording(Culture, key => WebTexts.GetString(key, Culture), partyName, idName).Render(line);

    private static CultureInfo Create(string name)
    {
        var culture = (CultureInfo)CultureInfo.GetCultureInfo(name).Clone();
        culture.NumberFormat.CurrencySymbol = "€";
        return CultureInfo.ReadOnly(culture);
    }

    private static TimeZoneInfo FindFinland()
    {
        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById("Europe/Helsinki");
        }
        catch (TimeZoneNotFoundException)
        {
            return TimeZoneInfo.Utc;
        }
    }
}
