using System.Globalization;

namespace Allianssi.Web.Infrastructure;

/// <summary>The UI cultures: Finnish (default) and English, both with euros.</summary>
internal static class Cultures
{
    public const string Finnish = "fi-FI";

    public const string English = "en-GB";

    public static CultureInfo[] Supported { get; } = [Create(Finnish), Create(English)];

    /// <summary>Whether the UI is in Finnish: the one place that asks, for data that carries both names
    /// (indicators, key result areas); UI texts come from IStringLocalizer&lt;Strings&gt;.</summary>
    public static bool IsFinnish => CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "fi";

    private static CultureInfo Create(string name)
    {
        var culture = (CultureInfo)CultureInfo.GetCultureInfo(name).Clone();
        culture.NumberFormat.CurrencySymbol = "€";
        return culture;
    }
}

/// <summary>Culture-correct display of money, scores and dates.</summary>
internal static class Show
{
    /// <summary>Euros with cents in the current culture: <c>1 234,56 €</c> (fi-FI), <c>€1,234.56</c> (en-GB).</summary>
    public static string Money(decimal? euros) => euros is { } e ? e.ToString("C2", CultureInfo.CurrentCulture) : "–";

    /// <summary>A score with one decimal, as commercial-model.md displays it.</summary>
    public static string Score(decimal? score) => score is { } s ? s.ToString("0.0", CultureInfo.CurrentCulture) : "–";

    public static string Number(decimal? value) => value is { } v ? v.ToString("#,0.###", CultureInfo.CurrentCulture) : "–";

    public static string Percent(decimal? value) => value is { } v ? v.ToString("0.##", CultureInfo.CurrentCulture) + " %" : "–";

    public static string Date(DateOnly? date) => date is { } d ? d.ToString("d", CultureInfo.CurrentCulture) : "–";

    /// <summary>A moment in the server's local time, short date and time in the current culture.</summary>
    public static string DateTime(DateTimeOffset? moment) => moment is { } m ? m.ToLocalTime().ToString("g", CultureInfo.CurrentCulture) : "–";

    /// <summary>The name in the UI's language, of data that carries a Finnish and an English name.</summary>
    public static string Name(string nameFi, string nameEn) => Cultures.IsFinnish ? nameFi : nameEn;

    /// <summary>A CSS class from red (-100) through neutral (0) to green (+100).</summary>
    public static string ScoreClass(decimal? score) => score switch
    {
        null => "score-none",
        >= 50m => "score-high",
        > 0m => "score-good",
        0m => "score-zero",
        > -50m => "score-weak",
        _ => "score-low",
    };
}
