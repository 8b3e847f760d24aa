using System.Globalization;
using Allianssi.Domain;

namespace Allianssi.Reports.Period;

/// <summary>
/// The one wording of explanation lines (ADR 0002), used by the pages and the documents alike: a line
/// is worded from its data by the resource <c>Explain.{Template}</c> of the web's texts, each value
/// formatted in the culture (money as <c>1 234,56 €</c> and scores with one decimal in Finnish, parties by
/// name, the ids of indicators and key result areas as the reader knows them). A line without a template,
/// or whose template has no wording, is shown as the domain wrote it, so a new line is never lost.
/// </summary>
/// <param name="culture">The culture numbers are written in.</param>
/// <param name="resource">A text of the web's resources by its key, in the reader's language; null when there is none.</param>
/// <param name="partyName">A party's name by its code.</param>
/// <param name="idName">The name of an indicator or key result area by its id (the lines' only text values); the id itself when null.</param>
public sealed class ExplanationWording(CultureInfo culture, Func<string, string?> resource, Func<string, string> partyName, Func<string, string>? idName = null)
{
    /// <summary>The line, worded; the domain's text when no wording exists.</summary>
    public string Render(Explanation line)
    {
        ArgumentNullException.ThrowIfNull(line);
        return line.Template is { } template && Worded(template, line.Arguments) is { } worded ? worded : line.Text;
    }

    private string? Worded(string template, IReadOnlyList<object> arguments) =>
        resource("Explain." + template) is { } wording
            ? string.Format(culture, wording, [.. arguments.Select(Value)])
            : null;

    private string Value(object argument) => argument switch
    {
        Money m => Money(m.Euros),
        Score s => Score(s.Value),
        decimal d => Number(d),
        int i => i.ToString(CultureInfo.InvariantCulture), // years and months: no thousands separator
        PartyId p => partyName(p.Value),
        string s => idName?.Invoke(s) ?? s,
        ExplanationTerms t => Terms(t),
        ExplanationWeightedSum w => string.Join(" + ", w.Terms.Select(Weighted)),
        ExplanationPart part => Worded(part.Template, part.Arguments) ?? part.Template,
        _ => Convert.ToString(argument, culture) ?? "",
    };

    private string Money(decimal euros) => euros.ToString("C2", culture);

    private string Score(decimal score) => score.ToString("0.0", culture);

    private string Number(decimal value) => Numbers.Normalize(value).ToString(culture);

    private string Weighted(ExplanationWeighted w) =>
        $"{Number(w.Weight)} × {Score(w.Score.Value)}" + (w.Year is { } y ? $" ({y.ToString(CultureInfo.InvariantCulture)})" : "");

    private string Terms(ExplanationTerms terms)
    {
        if (terms.Terms.Count == 0)
        {
            return Money(0m);
        }

        return string.Concat(terms.Terms.Select((t, i) =>
        {
            var amount = Money(i == 0 ? t.Amount : Math.Abs(t.Amount));
            var sign = i == 0 ? "" : t.Amount < 0m ? " − " : " + ";
            var who = t.Party is { } p ? partyName(p.Value) + " " : "";
            var year = t.Year?.ToString(CultureInfo.InvariantCulture);
            var note = t.Adjustment is { } a
                ? $" ({resource("Explain.adjustment")} {year}: {a})"
                : year is not null ? $" ({year})" : "";
            return sign + who + amount + note;
        }));
    }
}
