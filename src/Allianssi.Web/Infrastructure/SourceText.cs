using Allianssi.Application.UseCases.Indicators;
using Microsoft.Extensions.Localization;

namespace Allianssi.Web.Infrastructure;

/// <summary>
/// Says where a number comes from, in the reader's language: computed (when, from how many import
/// batches, which definition version), entered by hand (by whom, when) or illustrative.
/// </summary>
internal static class SourceText
{
    /// <summary>A scored value's source; <paramref name="label"/> (the stored label) when the origin is unknown.</summary>
    public static string Origin(IStringLocalizer<Strings> text, ValueOrigin? origin, string? label)
    {
        ArgumentNullException.ThrowIfNull(text);
        return origin switch
        {
            null => label ?? "",
            { Kind: ValueOriginKind.Computed } o => text["Origin.Computed", Show.DateTime(o.At), Show.Number(o.Batches ?? 0), o.DefinitionVersion ?? 0].Value,
            { Kind: ValueOriginKind.Entered, By: { } by } o => text["Origin.Entered", by, Show.DateTime(o.At)].Value,
            { Kind: ValueOriginKind.Entered } => text["Origin.EnteredUnknown"].Value,
            _ => text["Origin.Illustrative"].Value,
        };
    }

    /// <summary>A year's label with "so far" when it is in progress.</summary>
    public static string Year(IStringLocalizer<Strings> text, int year, bool soFar)
    {
        ArgumentNullException.ThrowIfNull(text);
        return soFar ? text["Year.SoFar", year].Value : year.ToString(System.Globalization.CultureInfo.InvariantCulture);
    }
}
