using System.Globalization;
using Allianssi.Domain;
using Allianssi.Reports.Period;
using Microsoft.Extensions.Localization;

namespace Allianssi.Web.Infrastructure;

/// <summary>
/// Words an explanation line on a page in the reader's language: the one wording of the pages and the
/// documents (<see cref="ExplanationWording"/>, ADR 0002) with the page's texts (<c>Explain.{Template}</c>)
/// and the current culture (money as <c>1 234,56 €</c> in Finnish), parties by <paramref name="partyName"/>,
/// indicators and key result areas by <paramref name="idName"/>.
/// </summary>
internal sealed class ExplanationText(IStringLocalizer<Strings> text, Func<string, string> partyName, Func<string, string>? idName = null)
{
    /// <summary>The line in the current UI culture.</summary>
    public string Render(Explanation line) =>
        new ExplanationWording(CultureInfo.CurrentCulture, Resource, partyName, idName).Render(line);

    private string? Resource(string key) => text[key] is { ResourceNotFound: false } wording ? wording.Value : null;
}
