using System.Globalization;
using Allianssi.Domain;
using Microsoft.Extensions.Localization;

namespace Allianssi.Web.Infrastructure;

/// <summary>
/// Words an explanation line in the reader's language from its data (ADR 0002): the wording is the
/// resource <c>Explain.{Template}</c>, each value is formatted in the current culture (money as
/// <c>1 234,56 €</c> in Finnish, parties by name, indicators and key result areas by name with their
/// id, through <paramref name="idName"/>). A line without a template, or whose template has no
/// resource, is shown as the domain wrote it, so a new line is never lost.
/// </summary>
internal sealed class ExplanationText(IStringLocalizer<Strings> text, Func<string, string> partyName, Func<string, string>? idName = null)
{
    /// <summary>The line in the current UI culture.</summary>
    public string Render(Explanation line)
    {
        ArgumentNullException.ThrowIfNull(line);
        return line.Template is { } template && Format(template, line.Arguments) is { } worded ? worded : line.Text;
    }

    private string? Format(string template, IReadOnlyList<object> arguments)
    {
        var wording = text["Explain." + template];
        return wording.ResourceNotFound
            ? null
            : string.Format(CultureInfo.CurrentCulture, wording.Value, [.. arguments.Select(Value)]);
    }

    private string Value(object argument) => argument switch
    {
        Money m => Show.Money(m.Euros),
        Score s => Show.Score(s.Value),
        decimal d => Number(d),
        int i => i.ToString(CultureInfo.InvariantCulture), // years and months: no thousands separator
        PartyId p => partyName(p.Value),
        string s => idName?.Invoke(s) ?? s, // the ids of indicators and key result areas (the lines' only text values)
        ExplanationTerms t => Terms(t),
        ExplanationWeightedSum w => string.Join(" + ", w.Terms.Select(Weighted)),
        ExplanationPart part => Format(part.Template, part.Arguments) ?? part.Template,
        _ => Convert.ToString(argument, CultureInfo.CurrentCulture) ?? "",
    };

    private static string Number(decimal value) => Numbers.Normalize(value).ToString(CultureInfo.CurrentCulture);

    private string Weighted(ExplanationWeighted w) =>
        $"{Number(w.Weight)} × {Show.Score(w.Score.Value)}" + (w.Year is { } y ? $" ({y.ToString(CultureInfo.InvariantCulture)})" : "");

    private string Terms(ExplanationTerms terms)
    {
        if (terms.Terms.Count == 0)
        {
            return Show.Money(0m);
        }

        var parts = terms.Terms.Select((t, i) =>
        {
            var amount = Show.Money(i == 0 ? t.Amount : Math.Abs(t.Amount));
            var sign = i == 0 ? "" : t.Amount < 0m ? " − " : " + ";
            var who = t.Party is { } p ? partyName(p.Value) + " " : "";
            var year = t.Year?.ToString(CultureInfo.InvariantCulture);
            var note = t.Adjustment is { } a
                ? $" ({text["Explain.adjustment"]} {year}: {a})"
                : year is not null ? $" ({year})" : "";
            return sign + who + amount + note;
        });
        return string.Concat(parts);
    }
}
